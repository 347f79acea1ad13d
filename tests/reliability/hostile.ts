import fc from 'fast-check';
import type { Reply } from '../../src/discord/limits.js';
import { problemsWithMessage } from '../fakeDiscord/discordLimits.js';

/**
 * Hostile text for the abuse cases: mass and direct mentions, masked links, headings, code
 * fences, spoilers, zero-width and right-to-left characters, and an oracle that says what
 * in a rendered message would still act on Discord.
 */

export const HOSTILE_PIECES = [
  '@everyone',
  '@here',
  '@EveryOne',
  '@\u200Beveryone',
  '@\u2060here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&234567890123456789>',
  '<#345678901234567890>',
  '<t:1700000000:R>',
  '<a:party:123456789012345678>',
  '[click](https://evil.example/login)',
  '[x](<https://evil.example>)',
  '# Breaking',
  '## h2',
  '-# small print',
  '> quote',
  '>>> block quote',
  '- item',
  '1. item',
  '```js\nalert(1)\n```',
  '`code`',
  '**bold**',
  '__underline__',
  '~~strike~~',
  '||spoiler||',
  '\\',
  '\\@everyone',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u202E',
  '\u202D',
  '\u2066',
  '\u2067',
  '\u2069',
  '\u200E',
  '\u200F',
  '\n',
  '\r\n',
  '\u2028',
  ' ',
  '@',
  '<',
  '[',
  ']',
  '(',
  ')',
  '#',
  '`',
  '*',
  '_',
  '~',
  '|',
  '>',
  '😀',
  '\uD83D', // half a surrogate pair
] as const;

/** Text made of hostile pieces and arbitrary characters. */
export const hostileText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** Hostile text, sometimes blown up to Discord's 6,000-character option maximum. */
export const hostileOption = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  {
    weight: 1,
    arbitrary: hostileText
      .filter((s) => s.length > 0)
      .map((s) => s.repeat(Math.ceil(6000 / s.length)).slice(0, 6000)),
  },
);

/** Invisible and direction characters that must never reach a message (U+200B is the bot's own mention break). */
const INVISIBLE = /[\u00AD\u180E\u200C-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** A reply as the bot sends it (the JSON body Discord checks). */
export function asBody(reply: Reply) {
  return {
    content: reply.content,
    embeds: reply.embeds,
    components: reply.components,
    allowed_mentions: reply.allowedMentions,
    flags: reply.ephemeral ? 64 : 0,
  };
}

interface MessageLike {
  content?: string | undefined;
  embeds?:
    | {
        title?: string;
        description?: string;
        fields?: { name: string; value: string }[];
        footer?: { text: string };
        author?: { name: string };
      }[]
    | undefined;
  components?: readonly object[] | undefined;
}

/** What in one piece of markdown (content, title, description, field) would still act on Discord. */
function liveMarkup(text: string): string[] {
  const found: string[] = [];
  // An escape is text: stand it in with a letter so it can never start markup.
  let live = text.replace(/\\[^A-Za-z0-9\s]/g, 'x');
  if (/@(everyone|here)/i.test(live)) found.push('mass mention');
  if (/```/.test(live)) found.push('code fence');
  live = live
    // The bot's own markup: citations in code (`id ¶N`), linked ones, "link" links…
    .replace(/\[`[^`\n]*`\]\([^)\s]*\)/g, 'x')
    .replace(/\[link\]\([^)\s]*\)/g, 'x')
    .replace(/`[^`\n]*`/g, 'x')
    // …the answer's quote block and the search results' numbering, at the very start.
    .replace(/^>( |$)/, 'x')
    .replace(/^\d+\. /, 'x');
  const checks: [string, RegExp][] = [
    ['mention or tag', /</],
    ['masked link', /\]\(/],
    ['spoiler', /\|\|/],
    ['strike-through', /~~/],
    ['line-start markdown', /(^|\n)[ \t]*(#|-#|>|[-+*] |\d+[.)] )/],
  ];
  for (const [what, pattern] of checks) if (pattern.test(live)) found.push(what);
  return found;
}

/**
 * What in a message would still act on Discord: markup outside escapes that the bot did not
 * write itself, mass mentions, invisible characters, limits broken. Empty when safe.
 * `mentionUser`: the one user the reply names on purpose (`/ask mention`). Footers, author
 * names and button labels are plain text on Discord: only invisible characters count there.
 */
export function unsafeParts(body: MessageLike, mentionUser?: string): string[] {
  const problems = problemsWithMessage(body, { edit: true });
  const markdown: string[] = [];
  const plain: string[] = [];
  if (body.content !== undefined) {
    markdown.push(mentionUser ? body.content.replace(new RegExp(`^<@${mentionUser}>`), 'x') : body.content);
  }
  for (const embed of body.embeds ?? []) {
    markdown.push(embed.title ?? '', embed.description ?? '');
    for (const field of embed.fields ?? []) markdown.push(field.name, field.value);
    plain.push(embed.footer?.text ?? '', embed.author?.name ?? '');
  }
  for (const row of (body.components ?? []) as { components?: { label?: string }[] }[]) {
    for (const button of row.components ?? []) plain.push(button.label ?? '');
  }
  for (const text of [...markdown, ...plain]) {
    if (INVISIBLE.test(text)) problems.push(`invisible character in ${JSON.stringify(text.slice(0, 80))}`);
  }
  for (const text of markdown) {
    for (const what of liveMarkup(text)) problems.push(`${what} in ${JSON.stringify(text.slice(0, 120))}`);
  }
  return problems;
}

/** Checks `allowed_mentions`: nobody, or only the user named on purpose (`mentionUser`). */
export function mentionsProblem(allowed: unknown, mentionUser?: string): string | null {
  const nobody = JSON.stringify({ parse: [] });
  const named = mentionUser ? JSON.stringify({ parse: [], users: [mentionUser] }) : nobody;
  const actual = JSON.stringify(allowed);
  return actual === nobody || actual === named ? null : `allowed_mentions ${actual}`;
}
