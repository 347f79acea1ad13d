import type {
  APIActionRowComponent,
  APIApplicationCommandOptionChoice,
  APIButtonComponent,
  APIEmbed,
  APIEmbedField,
} from 'discord.js';
import { plainText } from './escape.js';

/** Discord's message limits (lengths in UTF-16 units, which never undercounts Discord's count). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

export const ELLIPSIS = '…';

/**
 * Shortens text to at most `max` characters on a word boundary, ending with "…". Never
 * leaves a dangling backslash (it would escape the ellipsis) or half a surrogate pair.
 */
export function cutOnWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  let cut = text.slice(0, max - ELLIPSIS.length + 1);
  const lastSpace = cut.search(/\s\S*$/);
  cut = lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut.slice(0, max - ELLIPSIS.length);
  cut = cut.replace(/[\s,;:–—-]+$/u, '');
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const backslashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (backslashes % 2 === 1) cut = cut.slice(0, -1).trimEnd();
  return `${cut}${ELLIPSIS}`;
}

/** The mention rule of a reply: nobody, or exactly one user named on purpose. */
export interface AllowedMentions {
  parse: [];
  users?: [string];
}

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** What renderers build; `finishReply` turns it into something that may be sent. */
export interface ReplyDraft {
  content?: string | undefined;
  embeds?: APIEmbed[] | undefined;
  components?: ButtonRow[] | undefined;
  ephemeral?: boolean | undefined;
  /** The one user the reply may ping (the `/ask mention` option). */
  mentionUser?: string | undefined;
}

declare const finished: unique symbol;

/**
 * A reply that fits Discord's limits and states its allowed mentions. Only `finishReply`
 * makes one, so nothing reaches Discord without passing through it.
 */
export interface Reply {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: AllowedMentions;
  ephemeral: boolean;
  readonly [finished]: true;
}

function fitText(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  return trimmed ? cutOnWord(trimmed, max) : undefined;
}

function fitField(field: APIEmbedField): APIEmbedField {
  // Discord rejects empty field names and values; a zero-width space is its documented filler.
  return {
    name: fitText(field.name, LIMITS.fieldName) ?? '\u200B',
    value: fitText(field.value, LIMITS.fieldValue) ?? '\u200B',
    ...(field.inline !== undefined && { inline: field.inline }),
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function fitEmbed(embed: APIEmbed): APIEmbed {
  return withoutUndefined({
    ...embed,
    title: fitText(embed.title, LIMITS.title),
    description: fitText(embed.description, LIMITS.description),
    fields: embed.fields?.slice(0, LIMITS.fields).map(fitField),
    footer: embed.footer && { ...embed.footer, text: fitText(embed.footer.text, LIMITS.footer) ?? '\u200B' },
    author: embed.author && { ...embed.author, name: fitText(embed.author.name, LIMITS.author) ?? '\u200B' },
  });
}

/** The characters Discord counts towards an embed's 6000. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

const SHRINK_FLOOR = 64;

/**
 * Keeps the embeds of one message within 6000 characters together: shortens the longest
 * description or field value first (the free text), and only drops trailing fields, then
 * trailing embeds, when everything is already short.
 */
function fitTotal(embeds: APIEmbed[]): APIEmbed[] {
  const result = embeds.map((embed) => ({ ...embed, fields: embed.fields?.map((field) => ({ ...field })) }));
  let total = result.reduce((sum, embed) => sum + embedLength(embed), 0);
  while (total > LIMITS.embedTotal) {
    const overflow = total - LIMITS.embedTotal;
    type Slot = { length: number; shrink: (max: number) => void };
    const slots: Slot[] = [];
    for (const embed of result) {
      if (embed.description) {
        slots.push({
          length: embed.description.length,
          shrink: (max) => (embed.description = cutOnWord(embed.description!, max)),
        });
      }
      for (const field of embed.fields ?? []) {
        slots.push({
          length: field.value.length,
          shrink: (max) => (field.value = cutOnWord(field.value, max)),
        });
      }
    }
    const longest = slots.sort((a, b) => b.length - a.length)[0];
    if (longest && longest.length > SHRINK_FLOOR) {
      longest.shrink(Math.max(SHRINK_FLOOR, longest.length - overflow));
    } else {
      const withFields = [...result].reverse().find((embed) => (embed.fields?.length ?? 0) > 0);
      if (withFields) withFields.fields!.pop();
      else if (result.length > 1) result.pop();
      // One embed without fields and a short description is under 2700 characters.
      else break;
    }
    total = result.reduce((sum, embed) => sum + embedLength(embed), 0);
  }
  return result.map((embed) =>
    withoutUndefined({ ...embed, fields: embed.fields?.length ? embed.fields : undefined }),
  );
}

function fitComponents(rows: readonly ButtonRow[]): ButtonRow[] {
  return rows
    .map((row) => ({
      ...row,
      components: row.components
        .filter((button) => !('custom_id' in button) || button.custom_id.length <= LIMITS.customId)
        .slice(0, LIMITS.buttonsPerRow)
        .map((button) =>
          'label' in button && button.label
            ? { ...button, label: cutOnWord(plainText(button.label), LIMITS.buttonLabel) }
            : button,
        ),
    }))
    .filter((row) => row.components.length > 0)
    .slice(0, LIMITS.rows);
}

/**
 * The one place that makes a reply safe to send: content, embeds and buttons within
 * Discord's limits (cut on a word), and `allowedMentions` that pings nobody — or only the
 * user named in `mentionUser`.
 */
export function finishReply(draft: ReplyDraft): Reply {
  const embeds = fitTotal((draft.embeds ?? []).slice(0, LIMITS.embeds).map(fitEmbed));
  // Discord refuses a message with neither content nor embeds.
  const content = fitText(draft.content, LIMITS.content) ?? (embeds.length === 0 ? ELLIPSIS : undefined);
  const allowedMentions: AllowedMentions = draft.mentionUser
    ? { parse: [], users: [draft.mentionUser] }
    : { parse: [] };
  return {
    ...(content !== undefined && { content }),
    embeds,
    components: fitComponents(draft.components ?? []),
    allowedMentions,
    ephemeral: draft.ephemeral ?? false,
  } as Reply;
}

/** Autocomplete choices Discord accepts: at most 25, names and values of 1–100 characters, values unique. */
export function fitChoices(
  choices: readonly APIApplicationCommandOptionChoice<string>[],
): APIApplicationCommandOptionChoice<string>[] {
  const seen = new Set<string>();
  const fitted: APIApplicationCommandOptionChoice<string>[] = [];
  for (const choice of choices) {
    // A shortened value would be a different value, so choices that do not fit are left out.
    if (!choice.value || choice.value.length > LIMITS.choiceValue || seen.has(choice.value)) continue;
    const name = cutOnWord(plainText(choice.name) || choice.value, LIMITS.choiceName);
    seen.add(choice.value);
    fitted.push({ name, value: choice.value });
    if (fitted.length === LIMITS.choices) break;
  }
  return fitted;
}
