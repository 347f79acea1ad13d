import { normalizeText } from '../corpus/normalizeText.js';
import type { Story } from '../corpus/types.js';
import type { NewsIndex } from '../search/buildIndex.js';
import { termsOfToken, tokenize } from '../search/tokenize.js';
import { extractStoryFacts } from './extractFacts.js';
import { FACT_TYPES, type Fact, type FactType } from './types.js';

/** The facts of a set of stories, extracted once and kept next to the search index. */
export interface FactTable {
  /** Every fact, story by story in the order of `stories`, each story's facts in reading order. */
  readonly facts: readonly Fact[];
  /** The facts of each story, by story id. */
  readonly byStory: ReadonlyMap<string, readonly Fact[]>;
  /** Stories only the newsroom may see: their facts are left out unless asked for. */
  readonly internal: ReadonlySet<string>;
}

/** Story objects are immutable once parsed, so their facts are cached per object. */
const extracted = new WeakMap<Story, readonly Fact[]>();

/** The facts of a story, extracted once per story object. */
function extractOnce(story: Story): readonly Fact[] {
  let facts = extracted.get(story);
  if (!facts) {
    facts = Object.freeze(extractStoryFacts(story));
    extracted.set(story, facts);
  }
  return facts;
}

/**
 * Extracts the facts of every story (see `extractStoryFacts`). A story already seen (the
 * same `Story` object) is not extracted again, so rebuilding after one story changes is cheap.
 */
export function buildFactTable(stories: readonly Story[]): FactTable {
  const byStory = new Map<string, readonly Fact[]>();
  const internal = new Set<string>();
  for (const story of stories) {
    byStory.set(story.id, extractOnce(story));
    if (story.visibility === 'internal') internal.add(story.id);
  }
  return { facts: [...byStory.values()].flat(), byStory, internal };
}

/**
 * Where the facts of an index's stories come from: a store that keeps them per story (a
 * cache on disk, a worker that extracted them) instead of extracting them here.
 */
export interface FactSource {
  /** The facts of one story of the index, in reading order. */
  factsOf(story: Story): readonly Fact[];
}

const sources = new WeakMap<NewsIndex, FactSource>();

/** Says where an index's facts come from (see `FactSource`); without one they are extracted here on first use. */
export function attachFactSource(index: NewsIndex, source: FactSource): void {
  sources.set(index, source);
}

/** The facts of one story of an index, from its fact source, else extracted once per story object. */
export function storyFacts(index: NewsIndex, story: Story): readonly Fact[] {
  const source = sources.get(index);
  return source ? source.factsOf(story) : extractOnce(story);
}

/** A fact table of some of an index's stories (one story for a scoped /facts), from `storyFacts`. */
export function factTableFor(index: NewsIndex, stories: readonly Story[]): FactTable {
  const byStory = new Map<string, readonly Fact[]>();
  const internal = new Set<string>();
  for (const story of stories) {
    byStory.set(story.id, storyFacts(index, story));
    if (story.visibility === 'internal') internal.add(story.id);
  }
  return { facts: [...byStory.values()].flat(), byStory, internal };
}

const tables = new WeakMap<NewsIndex, FactTable>();

/**
 * The fact table of all of an index's stories, built on first use and cached with the
 * index. It holds every fact in memory: answers and claim checks use `storyFacts` instead.
 */
export function factTableOf(index: NewsIndex): FactTable {
  let table = tables.get(index);
  if (!table) {
    table = factTableFor(index, index.stories);
    tables.set(index, table);
  }
  return table;
}

/** Which facts to return. All fields are optional; they narrow the result together. */
export interface FactQuery {
  type?: FactType | undefined;
  /** Story id (exact, case-sensitive). */
  story?: string | undefined;
  /** A name as a reader writes it ("Trump", "Zelensky", "State Department"). */
  entity?: string | undefined;
  /** Include facts of newsroom-only stories. */
  includeInternal?: boolean | undefined;
}

/** Index terms of a name, as the search engine reads them (aliases and spellings folded). */
export function nameTerms(text: string): string[] {
  return tokenize(text).flatMap((token) => termsOfToken({ ...token, norm: token.norm.replace(/'s?$/, '') }));
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** The fields that say what or whom a fact is about (not what was said). */
function identifyingFields(fact: Fact): string[] {
  switch (fact.type) {
    case 'person':
      return [
        fact.name,
        fact.text,
        fact.role ?? '',
        fact.affiliation ?? '',
        ...fact.mentions.map((m) => m.text),
      ];
    case 'organization':
    case 'place':
      return [fact.name, fact.text, ...fact.mentions.map((m) => m.text)];
    case 'equipment':
      return [fact.name];
    case 'quote':
      return [fact.speaker ?? ''];
    case 'statement':
      return [fact.speaker];
    case 'quantity':
      return [fact.text, fact.unit ?? ''];
    case 'time':
      return [fact.text, fact.expression];
  }
}

/** Does the fact name `entity` (matched word by word, case, accents and aliases folded)? */
export function factMentions(fact: Fact, entity: string): boolean {
  const wanted = nameTerms(entity);
  if (wanted.length === 0) {
    const folded = normalizeText(entity).trim();
    return (
      folded.length > 0 && identifyingFields(fact).some((field) => normalizeText(field).includes(folded))
    );
  }
  return identifyingFields(fact).some((field) => containsRun(nameTerms(field), wanted));
}

/**
 * The facts matching a query, in story and reading order. An unknown entity or a story
 * without facts of the type gives an empty list, not an error.
 */
export function selectFacts(table: FactTable, query: FactQuery = {}): Fact[] {
  const source = query.story === undefined ? table.facts : (table.byStory.get(query.story) ?? []);
  return source.filter(
    (fact) =>
      (query.includeInternal === true || !table.internal.has(fact.story)) &&
      (query.type === undefined || fact.type === query.type) &&
      (query.entity === undefined || factMentions(fact, query.entity)),
  );
}

/** How many facts of each type the table holds (for `npm run eval` and status pages). */
export function factCounts(
  table: FactTable,
  options: { includeInternal?: boolean } = {},
): Record<FactType, number> {
  const counts = Object.fromEntries(FACT_TYPES.map((type) => [type, 0])) as Record<FactType, number>;
  for (const fact of table.facts) {
    if (options.includeInternal !== true && table.internal.has(fact.story)) continue;
    counts[fact.type]++;
  }
  return counts;
}
