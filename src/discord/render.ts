import {
  ButtonStyle,
  ComponentType,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import { confidenceWords } from '../cli/renderText.js';
import type { Answer } from '../core/answer/answerQuestion.js';
import type { ExcerptResult } from '../core/answer/types.js';
import { asOf, readableTime } from '../core/corpus/asOf.js';
import { normalizeText } from '../core/corpus/normalizeText.js';
import { paragraphHash } from '../core/corpus/paragraphHash.js';
import type { Story } from '../core/corpus/types.js';
import type { SearchResponse, SourceResponse, StorySummary } from '../core/queries.js';
import type { NewsIndex } from '../core/search/buildIndex.js';
import { BUTTONS, encodeCustomId, firstFitting } from './customIds.js';
import { escapeMarkdown, inlineCode, maskedLink, plainText } from './escape.js';
import { cutOnWord, finishReply, fitChoices, LIMITS, type ButtonRow, type Reply } from './limits.js';
import type { CommandSummary } from './types.js';

/**
 * Pure renderers: core results in, `Reply` out. Every piece of text that comes from a user
 * or a story goes through `escapeMarkdown`, every reply through `finishReply`.
 */

const COLORS = { answer: 0x2f6fdb, quiet: 0x8a94a6 } as const;
/** Room left for a story title inside a line that also holds a citation. */
const TITLE_IN_LINE = 150;

interface StoryLabel {
  title: string;
  url: string | null;
}

function storyOf(index: NewsIndex, storyId: string): Story | undefined {
  const position = index.storyPositions.get(storyId);
  return position === undefined ? undefined : index.stories[position];
}

function storyLabel(index: NewsIndex, storyId: string): StoryLabel {
  const story = storyOf(index, storyId);
  return story ? { title: story.title, url: story.url } : { title: storyId, url: null };
}

/**
 * The "Show paragraph" button's id: it carries the paragraph's hash so that, after a
 * correction, the button says the paragraph changed instead of showing other text.
 */
export function paragraphButtonId(index: NewsIndex, storyId: string, paragraph: number): string | null {
  const text = storyOf(index, storyId)?.paragraphs[paragraph - 1]?.text;
  return firstFitting(
    text === undefined ? null : encodeCustomId(BUTTONS.paragraph, storyId, paragraph, paragraphHash(text)),
    encodeCustomId(BUTTONS.paragraph, storyId, paragraph),
  );
}

/** `story-id ¶N` in code (ids are shown verbatim), linked to the story when it has a url. */
export function citationMarkdown(citation: string, url: string | null): string {
  return url ? maskedLink(inlineCode(citation), url) : inlineCode(citation);
}

function titleInLine(title: string): string {
  return `**${escapeMarkdown(cutOnWord(title, TITLE_IN_LINE))}**`;
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type ActionStyle =
  ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;

/** A button, or null when its custom_id could not be made (too long). */
export function button(
  label: string,
  customId: string | null,
  style: ActionStyle = ButtonStyle.Secondary,
  disabled = false,
): APIButtonComponent | null {
  if (customId === null) return null;
  return { type: ComponentType.Button, style, label, custom_id: customId, disabled };
}

/** One action row of the buttons that exist; none when there are none. */
export function row(...buttons: (APIButtonComponent | null)[]): ButtonRow[] {
  const present = buttons.filter((b): b is APIButtonComponent => b !== null);
  return present.length ? [{ type: ComponentType.ActionRow, components: present }] : [];
}

function deleteButton(userId: string): APIButtonComponent | null {
  return button('Delete', encodeCustomId(BUTTONS.delete, userId), ButtonStyle.Danger);
}

export interface AnswerView {
  /** Who asked: the only user whose delete button works. */
  askerId: string;
  /** Ephemeral: no delete button, no mention. */
  hidden: boolean;
  /** A user to point at the answer (`/ask mention`); the one mention ever allowed. */
  mentionId?: string | null | undefined;
  /** 👍/👎 buttons under an answer (default true). */
  feedback?: boolean | undefined;
}

/**
 * An answer: the best excerpt as a quote, its story and `¶N` citation, the confidence in
 * words, other relevant excerpts, and a "Show paragraph" button. A declined question gets
 * a plain sentence pointing to /search — never a guess.
 */
export function renderAnswer(index: NewsIndex, answer: Answer, view: AnswerView): Reply {
  const [top, ...others] = answer.results;
  const remove = view.hidden ? null : deleteButton(view.askerId);
  if (!top) {
    const why = answer.declineReason ? ` (${escapeMarkdown(answer.declineReason)})` : '';
    return finishReply({
      content: `I found nothing in the stories that answers this${why}. Try \`/search\` with a few key words to look through them.`,
      components: row(remove),
      ephemeral: view.hidden,
    });
  }
  const story = storyLabel(index, top.story);
  const fields: APIEmbedField[] = [
    { name: 'Source', value: `${titleInLine(story.title)} · ${citationMarkdown(top.citation, story.url)}` },
  ];
  const current = asOf(storyOf(index, top.story));
  if (others.length > 0) {
    fields.push({
      name: 'Also in the stories',
      value: others.map((result) => excerptLine(index, result, 280)).join('\n'),
    });
  }
  const embed: APIEmbed = {
    color: COLORS.answer,
    title: cutOnWord(escapeMarkdown(answer.query), LIMITS.title),
    description: `> ${escapeMarkdown(top.excerpt)}`,
    fields,
    footer: {
      text: `${capitalised(confidenceWords(answer.confidence))} · quoted word for word from the story${current ? ` as of ${current}` : ''}`,
    },
  };
  const mention = view.hidden ? null : (view.mentionId ?? null);
  const feedback = view.feedback ?? true;
  return finishReply({
    content: mention ? `<@${mention}>, the stories say:` : undefined,
    embeds: [embed],
    components: row(
      button('Show paragraph', paragraphButtonId(index, top.story, top.paragraph)),
      feedback ? button('👍', encodeCustomId(BUTTONS.feedback, 'up', top.story, top.paragraph)) : null,
      feedback ? button('👎', encodeCustomId(BUTTONS.feedback, 'down', top.story, top.paragraph)) : null,
      remove,
    ),
    ephemeral: view.hidden,
    mentionUser: mention ?? undefined,
  });
}

/** Citation first, so a shortened line still says where the text comes from. */
function excerptLine(index: NewsIndex, result: ExcerptResult, maxExcerpt: number): string {
  const { url } = storyLabel(index, result.story);
  return `${citationMarkdown(result.citation, url)} ${escapeMarkdown(cutOnWord(result.excerpt, maxExcerpt))}`;
}

/** Ranked cited excerpts, one field each, with buttons to open the first paragraphs. */
export function renderSearch(index: NewsIndex, response: SearchResponse): Reply {
  const title = cutOnWord(`Search: ${escapeMarkdown(response.query)}`, LIMITS.title);
  if (response.results.length === 0) {
    return finishReply({
      embeds: [
        {
          color: COLORS.quiet,
          title,
          description: 'Nothing in the stories matches that. Try fewer or other words.',
        },
      ],
      ephemeral: true,
    });
  }
  const fields = response.results.map((result, i) => {
    const story = storyLabel(index, result.story);
    return {
      name: `${i + 1}. ${escapeMarkdown(cutOnWord(story.title, TITLE_IN_LINE))}`,
      value: `${citationMarkdown(result.citation, story.url)} ${escapeMarkdown(result.excerpt)}`,
    };
  });
  const seen = new Set<string>();
  const buttons = response.results.map((result, i) => {
    const id = paragraphButtonId(index, result.story, result.paragraph);
    if (id === null || seen.has(id)) return null;
    seen.add(id);
    return button(`Show #${i + 1}`, id);
  });
  return finishReply({
    embeds: [
      {
        color: COLORS.answer,
        title,
        fields,
        footer: { text: 'Best match first · quoted word for word from the stories' },
      },
    ],
    components: row(...buttons.filter(Boolean).slice(0, LIMITS.buttonsPerRow)),
    ephemeral: true,
  });
}

/** One paragraph, verbatim, with previous/next buttons that carry their own state. */
export function renderSource(
  source: SourceResponse,
  url: string | null,
  options: {
    ephemeral?: boolean;
    /** When a reload found this paragraph changed (ISO); the view then says it was corrected. */
    correctedAt?: string | null | undefined;
  } = {},
): Reply {
  const { story, paragraph, paragraphs } = source;
  const previous = button(
    '◀ Previous',
    encodeCustomId(BUTTONS.page, story, Math.max(paragraph - 1, 0)),
    ButtonStyle.Secondary,
    paragraph <= 1,
  );
  const next = button(
    'Next ▶',
    encodeCustomId(BUTTONS.page, story, paragraph + 1),
    ButtonStyle.Secondary,
    paragraph >= paragraphs,
  );
  return finishReply({
    embeds: [
      {
        color: COLORS.answer,
        title: escapeMarkdown(cutOnWord(source.title, LIMITS.title - 20)),
        ...(url && { url }),
        description: escapeMarkdown(source.text),
        footer: {
          text: `${source.citation} · paragraph ${paragraph} of ${paragraphs}${
            options.correctedAt ? ` · ✏️ corrected ${readableTime(options.correctedAt)}` : ''
          }`,
        },
      },
    ],
    components: paragraphs > 1 ? row(previous, next) : [],
    ephemeral: options.ephemeral ?? false,
  });
}

/** The stories being served, as many as fit, then how many more there are. */
export function renderStories(stories: readonly StorySummary[]): Reply {
  if (stories.length === 0) {
    return finishReply({ content: 'No stories are being served right now.', ephemeral: true });
  }
  const entries: string[] = [];
  let length = 0;
  for (const story of stories) {
    const details = [
      inlineCode(story.id),
      `${story.paragraphs} paragraph${story.paragraphs === 1 ? '' : 's'}`,
      story.published && `published ${escapeMarkdown(story.published)}`,
      story.url && maskedLink('link', story.url),
    ].filter(Boolean);
    const entry = `${titleInLine(story.title)}\n${details.join(' · ')}`;
    // Whole entries only: a cut inside one would break its bold title or link.
    if (length + entry.length + 2 > LIMITS.description - 100) break;
    entries.push(entry);
    length += entry.length + 2;
  }
  const more = stories.length - entries.length;
  return finishReply({
    embeds: [
      {
        color: COLORS.answer,
        title: 'Stories',
        description:
          entries.join('\n\n') +
          (more > 0 ? `\n\n…and ${more} more (type in a story option to find them)` : ''),
        footer: {
          text: `${stories.length} stor${stories.length === 1 ? 'y' : 'ies'} · cite as story-id ¶paragraph`,
        },
      },
    ],
    ephemeral: true,
  });
}

/** What the bot does and its commands, from the loaded command definitions. */
export function renderHelp(commands: readonly CommandSummary[]): Reply {
  const lines = commands.map((command) => `**/${command.name}** — ${escapeMarkdown(command.description)}`);
  return finishReply({
    embeds: [
      {
        color: COLORS.answer,
        title: 'newsdesk',
        description: [
          'Answers questions about the stories with **word-for-word quotes**, each with a citation: the story id and the paragraph number (`story-id ¶N`).',
          'When the stories do not answer a question, it says so instead of guessing.',
          '',
          ...lines,
        ].join('\n'),
      },
    ],
    ephemeral: true,
  });
}

/** A message for the user alone: a `UserError`, a refusal, a cooldown. */
export function renderNotice(message: string): Reply {
  return finishReply({ content: escapeMarkdown(message), ephemeral: true });
}

export const GENERIC_ERROR =
  'Something went wrong while answering. It has been logged; please try again in a moment.';

export function renderCooldown(secondsLeft: number): Reply {
  const seconds = Math.max(1, Math.ceil(secondsLeft));
  return renderNotice(
    `You're going a little fast — try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
  );
}

function foldForMatch(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}

/**
 * Story suggestions for what the user has typed: ids starting with it first, then titles
 * starting with it, then titles with a word starting with it, then anything containing it.
 */
export function storyChoices(
  stories: readonly StorySummary[],
  typed: string,
): APIApplicationCommandOptionChoice<string>[] {
  const needle = foldForMatch(typed);
  const rank = (story: StorySummary): number => {
    if (!needle) return 0;
    const id = foldForMatch(story.id);
    const title = foldForMatch(story.title);
    if (id.startsWith(needle)) return 0;
    if (title.startsWith(needle)) return 1;
    if (` ${title}`.includes(` ${needle}`)) return 2;
    if (id.includes(needle) || title.includes(needle)) return 3;
    return -1;
  };
  const ranked = stories
    .map((story, order) => ({ story, order, rank: rank(story) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.order - b.order);
  return fitChoices(
    ranked.map(({ story }) => ({ name: `${story.id} — ${plainText(story.title)}`, value: story.id })),
  );
}

/** Search suggestions: the best matching sentences, shortened, as names and as values. */
export function searchChoices(
  results: readonly ExcerptResult[],
): APIApplicationCommandOptionChoice<string>[] {
  return fitChoices(
    results.map((result) => {
      const text = plainText(result.excerpt);
      return { name: text, value: cutOnWord(text, LIMITS.choiceValue).replace(/…$/, '').trim() };
    }),
  );
}
