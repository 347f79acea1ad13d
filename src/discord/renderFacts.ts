import {
  ButtonStyle,
  type APIApplicationCommandOptionChoice,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { ExcerptResult } from '../core/answer/types.js';
import type { Verification, Verdict } from '../core/answer/verifyClaim.js';
import { normalizeText } from '../core/corpus/normalizeText.js';
import { factMentions, isFactType, type Fact, type FactType } from '../core/facts/index.js';
import type { NewsIndex } from '../core/search/buildIndex.js';
import { BUTTONS, encodeCustomId, paragraphArg } from './customIds.js';
import { escapeMarkdown, plainText } from './escape.js';
import { cutOnWord, finishReply, fitChoices, LIMITS, type Reply } from './limits.js';
import { button, capitalised, citationMarkdown, paragraphButtonId, row } from './render.js';

/**
 * Pure renderers for `/facts`, `/verify` and "Verify against stories": core results in,
 * `Reply` out. Story and user text goes through `escapeMarkdown` (after any cut, so an
 * escape is never split), every reply through `finishReply`.
 */

const COLORS = {
  facts: 0x2f6fdb,
  supported: 0x2e9d5b,
  contradicted: 0xd64545,
  notFound: 0x8a94a6,
} as const;

/** Fact cards on one page: eight cards of evidence and citation stay well inside 6000 characters. */
export const FACTS_PER_PAGE = 8;
/** How much of a fact's evidence sentence a card quotes. */
const EVIDENCE_IN_CARD = 240;
/** How much of a quote a card shows (the evidence has the rest). */
const QUOTE_IN_CARD = 200;
/** Room for a story title next to a citation. */
const TITLE_IN_CARD = 80;
/** How much of a claim a verdict repeats. */
const CLAIM_IN_VERDICT = 1000;
/** Paragraph numbers listed for an entity's mentions. */
const MENTIONS_LISTED = 8;
/** Stands for "no filter" in a page button's custom_id (no type, story id or name is `*`). */
const ANY = '*';

const TYPE_LABELS: Readonly<Record<FactType, string>> = {
  person: 'Person',
  organization: 'Organization',
  place: 'Place',
  quantity: 'Quantity',
  quote: 'Quote',
  statement: 'Statement',
  equipment: 'Equipment',
  time: 'Time',
};

/** The label a fact type has in choices and on cards ("Person"). */
export function factTypeLabel(type: FactType): string {
  return TYPE_LABELS[type];
}

// ---------------------------------------------------------------- shared pieces

function storyOf(index: NewsIndex, storyId: string): { title: string; url: string | null } {
  const position = index.storyPositions.get(storyId);
  const story = position === undefined ? undefined : index.stories[position];
  return story ? { title: story.title, url: story.url } : { title: storyId, url: null };
}

/** `story ¶N` (a link when the story has a url), then the story's title, shortened, unless `withTitle` is false. */
function citationLine(index: NewsIndex, storyId: string, citation: string, withTitle = true): string {
  const story = storyOf(index, storyId);
  const link = citationMarkdown(citation, story.url);
  return withTitle ? `${link} · ${escapeMarkdown(cutOnWord(story.title, TITLE_IN_CARD))}` : link;
}

function quoted(text: string, max: number): string {
  return `> ${escapeMarkdown(cutOnWord(text, max))}`;
}

// ---------------------------------------------------------------- fact cards

/** What a fact is about, as its card's heading names it. */
function headline(fact: Fact): string {
  switch (fact.type) {
    case 'person':
    case 'organization':
    case 'place':
    case 'equipment':
      return fact.name;
    case 'quantity':
      return fact.text;
    case 'quote':
      return fact.speaker ?? 'Unattributed quote';
    case 'statement':
      return fact.speaker;
    case 'time':
      return fact.expression;
  }
}

function detail(name: string, value: string | number | null | undefined): string | null {
  return value === null || value === undefined || value === ''
    ? null
    : `**${name}:** ${escapeMarkdown(String(value))}`;
}

function joined(...parts: (string | null)[]): string | null {
  const present = parts.filter((part): part is string => part !== null);
  return present.length ? present.join(' · ') : null;
}

function mentionsLine(mentions: readonly { paragraph: number }[]): string | null {
  if (mentions.length < 2) return null;
  const paragraphs = [...new Set(mentions.map((m) => m.paragraph))];
  const listed = paragraphs.slice(0, MENTIONS_LISTED).map((n) => `¶${n}`);
  if (paragraphs.length > MENTIONS_LISTED) listed.push('…');
  return `**Mentions:** ${mentions.length} (${listed.join(', ')})`;
}

/** The type-specific lines of a card: role and affiliation, kind, value, speaker, date. */
function detailLines(fact: Fact): (string | null)[] {
  const asWritten = fact.text !== headline(fact) ? detail('As written', cutOnWord(fact.text, 200)) : null;
  switch (fact.type) {
    case 'person':
      return [
        joined(detail('Role', fact.role), detail('Affiliation', fact.affiliation)),
        asWritten,
        mentionsLine(fact.mentions),
      ];
    case 'organization':
      return [asWritten, mentionsLine(fact.mentions)];
    case 'place':
      return [detail('Kind', fact.kind), asWritten, mentionsLine(fact.mentions)];
    case 'quantity':
      return [
        joined(
          detail('Value', fact.upper === undefined ? fact.value : `${fact.value}–${fact.upper}`),
          detail('Unit', fact.unit),
          detail('Qualifier', fact.qualifier),
        ),
      ];
    case 'quote':
      return [
        `**Quote:** “${escapeMarkdown(cutOnWord(fact.quote, QUOTE_IN_CARD))}”`,
        detail('Speaker', fact.speaker),
      ];
    // What was said is the evidence sentence quoted below.
    case 'statement':
      return [joined(detail('Speaker', cutOnWord(fact.speaker, 200)), detail('Verb', fact.verb))];
    case 'equipment':
      return [asWritten];
    case 'time':
      return [detail('Date', fact.date), asWritten];
  }
}

/**
 * One fact as an embed field: the type and what it is about as the name; the details, the
 * evidence sentence quoted (shortened on a word) and the `story ¶N` citation as the value,
 * with the story's title unless `withTitle` is false (the embed names the one story).
 */
export function factField(index: NewsIndex, fact: Fact, withTitle = true): APIEmbedField {
  const lines = [
    ...detailLines(fact),
    quoted(fact.evidence, EVIDENCE_IN_CARD),
    citationLine(index, fact.story, fact.citation, withTitle),
  ].filter((line): line is string => line !== null);
  return {
    name: `${factTypeLabel(fact.type)} · ${escapeMarkdown(cutOnWord(headline(fact), 200))}`,
    value: lines.join('\n'),
  };
}

/** What `/facts` was asked for; also what its page buttons carry. */
export interface FactFilters {
  type?: string | undefined;
  story?: string | undefined;
  entity?: string | undefined;
}

/** The custom_id of a page button, or null when the filters do not fit one (a long name, a `:`). */
export function factsPageId(page: number, filters: FactFilters): string | null {
  const part = (value: string | undefined) => (value === undefined || value === '' ? ANY : value);
  return encodeCustomId(BUTTONS.facts, page, part(filters.type), part(filters.story), part(filters.entity));
}

/** The page and filters of a page button's custom_id arguments; null when they are not one. */
export function decodeFactsPage(args: readonly string[]): { page: number; filters: FactFilters } | null {
  if (args.length !== 4) return null;
  const page = paragraphArg(args[0]);
  if (page === null || page < 1) return null;
  const [type, story, entity] = args.slice(1).map((part) => (part === ANY ? undefined : part));
  return { page, filters: { type, story, entity } };
}

function filtersTitle(filters: FactFilters): string {
  const parts = [
    filters.type !== undefined && isFactType(filters.type) ? factTypeLabel(filters.type) : null,
    filters.entity !== undefined ? `“${escapeMarkdown(cutOnWord(filters.entity, 80))}”` : null,
    filters.story !== undefined ? `in ${escapeMarkdown(cutOnWord(filters.story, 80))}` : null,
  ].filter(Boolean);
  return parts.length ? `Facts: ${parts.join(' · ')}` : 'Facts';
}

/**
 * A page of fact cards with previous/next buttons that carry the filters, or a plain
 * friendly line when nothing matches. Private by default, like `/search`.
 */
export function renderFacts(
  index: NewsIndex,
  facts: readonly Fact[],
  filters: FactFilters,
  options: { page?: number; ephemeral?: boolean } = {},
): Reply {
  const ephemeral = options.ephemeral ?? true;
  if (facts.length === 0) {
    return finishReply({
      content: 'I found no facts matching that. Try another type or name, or `/facts` without filters.',
      ephemeral,
    });
  }
  const pages = Math.ceil(facts.length / FACTS_PER_PAGE);
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1)), pages);
  const first = (page - 1) * FACTS_PER_PAGE;
  const shown = facts.slice(first, first + FACTS_PER_PAGE);
  const range = shown.length === 1 ? `${first + 1}` : `${first + 1}–${first + shown.length}`;
  // Facts of one story name it once, above the cards, rather than on each.
  const stories = new Set(shown.map((fact) => fact.story));
  const [only] = stories.size === 1 ? [...stories] : [];
  const story = only === undefined ? null : storyOf(index, only);
  const embed: APIEmbed = {
    color: COLORS.facts,
    title: filtersTitle(filters),
    ...(story && { description: `From **${escapeMarkdown(cutOnWord(story.title, 300))}**` }),
    fields: shown.map((fact) => factField(index, fact, only === undefined)),
    footer: {
      text: `${range} of ${facts.length} fact${facts.length === 1 ? '' : 's'}${
        pages > 1 ? ` · page ${page} of ${pages}` : ''
      } · evidence quoted word for word from the stories`,
    },
  };
  const previous = button(
    '◀ Previous',
    factsPageId(Math.max(1, page - 1), filters),
    ButtonStyle.Secondary,
    page <= 1,
  );
  const next = button(
    'Next ▶',
    factsPageId(Math.min(pages, page + 1), filters),
    ButtonStyle.Secondary,
    page >= pages,
  );
  // Both ids are equal when there is one page; Discord refuses a custom_id used twice.
  const components = pages > 1 && previous && next ? row(previous, next) : [];
  return finishReply({ embeds: [embed], components, ephemeral });
}

// ---------------------------------------------------------------- entity suggestions

/** The names a fact can be found by with `/facts entity`, for suggestions. */
function entityNames(fact: Fact, type: FactType | undefined): string[] {
  switch (fact.type) {
    case 'person':
    case 'organization':
    case 'place':
    case 'equipment':
      return [fact.name];
    case 'quote':
      return fact.speaker ? [fact.speaker] : [];
    case 'statement':
      return [fact.speaker];
    // Units and times are only offered when the user asked for that type: they are not entities.
    case 'quantity':
      return type === 'quantity' && fact.unit ? [fact.unit] : [];
    case 'time':
      return type === 'time' ? [fact.expression] : [];
  }
}

function fold(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}

interface Candidate {
  name: string;
  type: FactType;
  folded: string;
  weight: number;
  order: number;
  facts: Fact[];
}

/**
 * Up to 25 names from `facts` (already narrowed to what the user may see) that match what
 * the user typed: names starting with it first, then names with a word starting with it,
 * then names containing it, then names it reaches through an alias ("Zelensky" →
 * "Volodymyr Zelenskiy"); within each, the most mentioned first. A speaker that only
 * repeats a listed name ("Kyiv Mayor Vitali Klitschko", "Trump") is left out.
 */
export function entityChoices(
  facts: readonly Fact[],
  typed: string,
  type?: FactType,
): APIApplicationCommandOptionChoice<string>[] {
  const byName = new Map<string, Candidate>();
  facts.forEach((fact, order) => {
    for (const name of entityNames(fact, type)) {
      const folded = fold(name);
      if (!folded) continue;
      const weight = 'mentions' in fact ? fact.mentions.length : 1;
      const known = byName.get(folded);
      if (known) {
        known.weight += weight;
        known.facts.push(fact);
      } else {
        byName.set(folded, { name, type: fact.type, folded, weight, order, facts: [fact] });
      }
    }
  });
  const isSpeaker = (c: Candidate) => c.type === 'quote' || c.type === 'statement';
  const entities = [...byName.values()].filter((c) => !isSpeaker(c));
  // How the listed entities are written elsewhere ("Trump" for Donald Trump).
  const written = new Set(
    entities.flatMap((c) =>
      c.facts.flatMap((fact) => ('mentions' in fact ? fact.mentions.map((m) => fold(m.text)) : [])),
    ),
  );
  const candidates = [...byName.values()].filter(
    (c) =>
      !isSpeaker(c) ||
      (!written.has(c.folded) && !entities.some((entity) => ` ${c.folded} `.includes(` ${entity.folded} `))),
  );
  const needle = fold(typed);
  const rank = (candidate: Candidate): number => {
    if (!needle) return 0;
    if (candidate.folded.startsWith(needle)) return 0;
    if (` ${candidate.folded}`.includes(` ${needle}`)) return 1;
    if (candidate.folded.includes(needle)) return 2;
    return -1;
  };
  let matched = candidates
    .map((candidate) => ({ candidate, rank: rank(candidate) }))
    .filter((entry) => entry.rank >= 0);
  // Aliases ("Zelensky") cost a tokenisation per name: only looked at when the text found too few.
  if (needle && matched.length < LIMITS.choices) {
    const seen = new Set(matched.map((entry) => entry.candidate));
    const aliased = candidates.filter(
      (c) => !seen.has(c) && c.facts[0] !== undefined && factMentions(c.facts[0], typed),
    );
    matched = [...matched, ...aliased.map((candidate) => ({ candidate, rank: 3 }))];
  }
  const ranked = matched.sort(
    (a, b) =>
      a.rank - b.rank || b.candidate.weight - a.candidate.weight || a.candidate.order - b.candidate.order,
  );
  return fitChoices(
    ranked.slice(0, LIMITS.choices * 2).map(({ candidate }) => ({
      name: `${plainText(candidate.name)} · ${factTypeLabel(candidate.type).toLowerCase()}`,
      value: candidate.name,
    })),
  );
}

// ---------------------------------------------------------------- verdicts

const VERDICT_TITLES: Readonly<Record<Verdict, string>> = {
  supported: '✅ Supported by the stories',
  contradicted: '❌ Contradicted by the stories',
  not_found: '❔ Not found in the stories',
};

const VERDICT_COLORS: Readonly<Record<Verdict, number>> = {
  supported: COLORS.supported,
  contradicted: COLORS.contradicted,
  not_found: COLORS.notFound,
};

export interface VerdictView {
  /** Only the user sees it (the context menu always; `/verify hide`). */
  ephemeral: boolean;
  /** Who asked: a public verdict gets a delete button only they can use. */
  askerId?: string | undefined;
  /** How the claim is introduced: "Claim" (default) or "Message". */
  label?: string | undefined;
  /** The checked message (context menu): the title links to it. */
  messageUrl?: string | null | undefined;
}

function evidenceLines(index: NewsIndex, result: ExcerptResult): string {
  return `${quoted(result.excerpt, 1500)}\n— ${citationLine(index, result.story, result.citation)}`;
}

/**
 * A verdict in words: the claim (escaped), what differs when the stories contradict it
 * ("The story says at least 14, the claim says 40"), and the verbatim evidence with its
 * citation. Nothing but the user's claim and the stories' words is shown.
 */
export function renderVerdict(index: NewsIndex, verification: Verification, view: VerdictView): Reply {
  const { verdict } = verification;
  const lines = [
    `**${view.label ?? 'Claim'}:** ${escapeMarkdown(cutOnWord(verification.claim, CLAIM_IN_VERDICT))}`,
  ];
  if (verdict === 'contradicted' && verification.difference) {
    lines.push(`**What differs:** ${escapeMarkdown(capitalised(verification.difference))}.`);
  }
  if (verification.results.length > 0) {
    lines.push('', ...verification.results.map((result) => evidenceLines(index, result)));
  }
  if (verdict === 'not_found') {
    lines.push(
      '',
      'No story bears on this claim, so nothing in them confirms or denies it. Try `/search` with a few key words to look through them.',
    );
  }
  const top = verification.results[0];
  const embed: APIEmbed = {
    color: VERDICT_COLORS[verdict],
    title: VERDICT_TITLES[verdict],
    ...(view.messageUrl && { url: view.messageUrl }),
    description: lines.join('\n'),
    ...(top && { footer: { text: 'Evidence quoted word for word from the story' } }),
  };
  const remove =
    !view.ephemeral && view.askerId
      ? button('Delete', encodeCustomId(BUTTONS.delete, view.askerId), ButtonStyle.Danger)
      : null;
  return finishReply({
    embeds: [embed],
    components: row(
      top ? button('Show paragraph', paragraphButtonId(index, top.story, top.paragraph)) : null,
      remove,
    ),
    ephemeral: view.ephemeral,
  });
}
