import SearchableMap from 'minisearch/SearchableMap';
import type { NewsIndex } from './buildIndex.js';
import { activeLexicon } from '../lexicon/relatedTerms.js';

/** How much a looser match counts next to an exact one. */
export const MATCH_WEIGHTS = { exact: 1, related: 0.7, fuzzy: 0.6 } as const;
const MIN_LOOSE_LENGTH = 5;
const MIN_TYPO_LENGTH = 6;
/** Names are misspelt more than words ("Reys" for "Reyes"), so they get a typo from four letters on. */
const MIN_NAME_LENGTH = 4;

const vocabularies = new WeakMap<NewsIndex, SearchableMap<number>>();

function vocabularyOf(index: NewsIndex): SearchableMap<number> {
  let vocabulary = vocabularies.get(index);
  if (!vocabulary) {
    const map = new SearchableMap<number>();
    index.terms.forEach((term, id) => map.set(term, id));
    vocabulary = map;
    vocabularies.set(index, vocabulary);
  }
  return vocabulary;
}

function addMatch(matches: Map<number, number>, id: number, weight: number): void {
  matches.set(id, Math.max(weight, matches.get(id) ?? 0));
}

/** A name is only loosely matched to other names ("Reys" → "Reyes", but "Mater" ↛ "water"). */
function looseMatcher(index: NewsIndex, matches: Map<number, number>, isName: boolean) {
  return (id: number, weight: number) => {
    if (!isName || index.nameTerms[id] === 1) addMatch(matches, id, weight);
  };
}

/**
 * How words related in meaning count, for a question word no story uses as written ("staff"
 * when the story says "employees"): a synonym (WordNet lists it and the vectors agree it is
 * close) nearly as much as the word itself; a merely related word ("jailed" for "sentenced")
 * only when close in the vector space, and below an exact match in proportion to its
 * similarity. Measured on the eval suites: related words added to words the stories do use
 * brought more noise than matches, so they are only looked up for words they do not use.
 */
export const SOFT_MATCH = {
  synonym: 0.9,
  synonymMinSimilarity: 0.5,
  minSimilarity: 0.6,
  scale: 0.6,
  limit: 8,
} as const;

/**
 * Corpus terms close in meaning to a query term, from the lexical resource, with how well
 * each matches (see `SOFT_MATCH`).
 */
export function relatedMatches(index: NewsIndex, term: string): Map<number, number> {
  const matches = new Map<number, number>();
  for (const { term: near, similarity, synonym } of activeLexicon().related(term)) {
    if (matches.size >= SOFT_MATCH.limit) break;
    const isSynonym = synonym && similarity >= SOFT_MATCH.synonymMinSimilarity;
    if (!isSynonym && similarity < SOFT_MATCH.minSimilarity) continue;
    const id = index.termIds.get(near);
    if (id === undefined || near === term) continue;
    matches.set(id, isSynonym ? SOFT_MATCH.synonym : similarity * SOFT_MATCH.scale);
  }
  return matches;
}

/**
 * The corpus terms a query term stands for, with how well each matches: the term itself;
 * failing that, terms sharing a long stem ("direct"/"directli") or one typo away
 * ("klitscko"), two for long words. Loose matching is only tried for long alphabetic terms,
 * where it finds misspellings without turning short words into other words.
 */
export function matchTerm(index: NewsIndex, term: string, isName = false): Map<number, number> {
  const matches = new Map<number, number>();
  const exact = index.termIds.get(term);
  if (exact !== undefined) {
    matches.set(exact, MATCH_WEIGHTS.exact);
    return matches;
  }
  if (term.length < (isName ? MIN_NAME_LENGTH : MIN_LOOSE_LENGTH) || !/^[a-z]+$/.test(term)) return matches;
  const vocabulary = vocabularyOf(index);
  const add = looseMatcher(index, matches, isName);
  for (const [candidate, id] of vocabulary.atPrefix(term)) {
    if (candidate.length - term.length <= 3) add(id, MATCH_WEIGHTS.related);
  }
  for (let length = term.length - 1; length >= Math.max(MIN_LOOSE_LENGTH, term.length - 3); length--) {
    const id = index.termIds.get(term.slice(0, length));
    if (id !== undefined) add(id, MATCH_WEIGHTS.related);
  }
  if (matches.size > 0) return matches;
  // Stems of ordinary words are short and dense ("insur" is one typo from "injur"), so they
  // get a typo only from six letters; names, matched only against names, from four.
  if (!isName && term.length < MIN_TYPO_LENGTH) return matches;
  const distance = term.length >= (isName ? 7 : 9) ? 2 : 1;
  for (const [candidate, [id, edits]] of vocabulary.fuzzyGet(term, distance)) {
    if (/^[a-z]+$/.test(candidate)) add(id, edits === 0 ? 1 : MATCH_WEIGHTS.fuzzy);
  }
  return matches;
}
