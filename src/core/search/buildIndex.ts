import type { Story } from '../corpus/types.js';
import { analyzeText } from './tokenize.js';

/** Where one sentence of the corpus sits. */
export interface SentenceRef {
  /** Position of its story in `NewsIndex.stories`. */
  story: number;
  /** 1-based paragraph number. */
  paragraph: number;
  /** Position within the paragraph. */
  sentence: number;
}

/**
 * Everything a question is answered from, built once per set of stories. The term data is
 * kept in flat typed arrays (compressed sparse rows, both directions) rather than objects
 * per posting: that is what makes the index small, fast to score and cheap to snapshot.
 */
export interface NewsIndex {
  stories: readonly Story[];
  storyPositions: ReadonlyMap<string, number>;
  sentences: readonly SentenceRef[];
  /** First sentence position of each paragraph, per story: `paragraphStart[story][paragraph - 1]`. */
  paragraphStart: readonly (readonly number[])[];
  termIds: ReadonlyMap<string, number>;
  /** Term of each id: the inverse of `termIds`. */
  terms: readonly string[];
  /** Sentence → its distinct term ids, ascending: `sentenceTerms[sentenceTermStart[s] .. sentenceTermStart[s + 1])`. */
  sentenceTermStart: Uint32Array;
  sentenceTerms: Uint32Array;
  /** How often each of those terms occurs in the sentence (capped at 255). */
  sentenceTermCounts: Uint8Array;
  /** Number of terms in each sentence, for BM25's length normalisation. */
  sentenceLength: Uint16Array;
  averageLength: number;
  /** Term → the sentences holding it, ascending: `postings[postingStart[t] .. postingStart[t + 1])`. */
  postingStart: Uint32Array;
  postings: Uint32Array;
  /** How often the term occurs in each posting's sentence (parallel to `postings`). */
  postingCounts: Uint8Array;
  /** Story position of each sentence (the same as `sentences[s].story`, without the object). */
  sentenceStory: Uint32Array;
  /** 1 for terms written capitalised mid-sentence somewhere (names), by term id. */
  nameTerms: Uint8Array;
}

interface TermRows {
  termIds: Map<string, number>;
  names: Set<string>;
  starts: number[];
  ids: number[];
  counts: number[];
  lengths: number[];
}

function addSentence(rows: TermRows, text: string): void {
  const counts = new Map<number, number>();
  const terms = analyzeText(text, rows.names);
  for (const term of terms) {
    let id = rows.termIds.get(term);
    if (id === undefined) {
      id = rows.termIds.size;
      rows.termIds.set(term, id);
    }
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  for (const id of [...counts.keys()].sort((a, b) => a - b)) {
    rows.ids.push(id);
    rows.counts.push(Math.min(255, counts.get(id)!));
  }
  rows.starts.push(rows.ids.length);
  rows.lengths.push(Math.min(65_535, terms.length));
}

/** Inverts sentence → terms rows into term → sentences rows (a counting sort). */
export function invertRows(
  sentenceTermStart: Uint32Array,
  sentenceTerms: Uint32Array,
  sentenceTermCounts: Uint8Array,
  termCount: number,
): { postingStart: Uint32Array; postings: Uint32Array; postingCounts: Uint8Array } {
  const postingStart = new Uint32Array(termCount + 1);
  for (const id of sentenceTerms) postingStart[id + 1]!++;
  for (let t = 0; t < termCount; t++) postingStart[t + 1]! += postingStart[t]!;
  const fill = postingStart.slice(0, termCount);
  const postings = new Uint32Array(sentenceTerms.length);
  const postingCounts = new Uint8Array(sentenceTerms.length);
  for (let s = 0; s + 1 < sentenceTermStart.length; s++) {
    for (let i = sentenceTermStart[s]!; i < sentenceTermStart[s + 1]!; i++) {
      const slot = fill[sentenceTerms[i]!]!++;
      postings[slot] = s;
      postingCounts[slot] = sentenceTermCounts[i]!;
    }
  }
  return { postingStart, postings, postingCounts };
}

/** Builds the search index of a set of stories. Pure: the stories are not changed. */
export function buildIndex(stories: readonly Story[]): NewsIndex {
  const rows: TermRows = { termIds: new Map(), names: new Set(), starts: [0], ids: [], counts: [], lengths: [] };
  const sentences: SentenceRef[] = [];
  const paragraphStart: number[][] = [];
  stories.forEach((story, storyPosition) => {
    const starts: number[] = [];
    for (const paragraph of story.paragraphs) {
      starts.push(sentences.length);
      for (const sentence of paragraph.sentences) {
        addSentence(rows, sentence.text);
        sentences.push({ story: storyPosition, paragraph: paragraph.number, sentence: sentence.index });
      }
    }
    paragraphStart.push(starts);
  });
  const sentenceTermStart = Uint32Array.from(rows.starts);
  const sentenceTerms = Uint32Array.from(rows.ids);
  const sentenceTermCounts = Uint8Array.from(rows.counts);
  const sentenceLength = Uint16Array.from(rows.lengths);
  const totalLength = rows.lengths.reduce((sum, length) => sum + length, 0);
  return {
    stories,
    storyPositions: new Map(stories.map((story, i) => [story.id, i])),
    sentences,
    paragraphStart,
    termIds: rows.termIds,
    terms: [...rows.termIds.keys()],
    sentenceTermStart,
    sentenceTerms,
    sentenceTermCounts,
    sentenceStory: Uint32Array.from(sentences, (sentence) => sentence.story),
    sentenceLength,
    averageLength: sentences.length === 0 ? 1 : totalLength / sentences.length,
    nameTerms: Uint8Array.from([...rows.termIds.keys()], (term) => (rows.names.has(term) ? 1 : 0)),
    ...invertRows(sentenceTermStart, sentenceTerms, sentenceTermCounts, rows.termIds.size),
  };
}

/** Whether a story mentions a term: its sentences are one contiguous range, so one binary search. */
export function storyHasTerm(index: NewsIndex, story: number, termId: number): boolean {
  const first = index.paragraphStart[story]?.[0];
  if (first === undefined) return false;
  const end = index.paragraphStart[story + 1]?.[0] ?? index.sentences.length;
  let low = index.postingStart[termId]!;
  let high = index.postingStart[termId + 1]!;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (index.postings[middle]! < first) low = middle + 1;
    else high = middle;
  }
  return low < index.postingStart[termId + 1]! && index.postings[low]! < end;
}

/** How many sentences hold a term. */
export function documentFrequency(index: NewsIndex, termId: number): number {
  return index.postingStart[termId + 1]! - index.postingStart[termId]!;
}

/** The sentences of one paragraph, as positions in `index.sentences`. */
export function paragraphSentences(index: NewsIndex, story: number, paragraph: number): number[] {
  const start = index.paragraphStart[story]?.[paragraph - 1];
  if (start === undefined) return [];
  const count = index.stories[story]!.paragraphs[paragraph - 1]!.sentences.length;
  return Array.from({ length: count }, (_, i) => start + i);
}
