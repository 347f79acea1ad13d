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

/**
 * The index terms of one story, sentence by sentence, before ids are shared with other
 * stories: what a per-story cache keeps, so a rebuild after one story changes tokenizes
 * only that story. `terms` lists each distinct term once, in order of first use; a sentence
 * is a run of `[local term, count]` pairs in `sentenceTerms`/`sentenceCounts`.
 */
export interface StoryTerms {
  terms: string[];
  /** Local term ids, sentence after sentence; sentence `s` is `sentenceStart[s] .. sentenceStart[s + 1]`. */
  sentenceStart: number[];
  sentenceTerms: number[];
  sentenceCounts: number[];
  /** Number of terms in each sentence (BM25's length), before capping. */
  sentenceLengths: number[];
  /** Local ids of the terms written capitalised inside a sentence (names). */
  names: number[];
}

/** Tokenizes every sentence of a story into index terms (see `StoryTerms`). Pure. */
export function analyzeStory(story: Story): StoryTerms {
  const local = new Map<string, number>();
  const names = new Set<string>();
  const rows: StoryTerms = {
    terms: [],
    sentenceStart: [0],
    sentenceTerms: [],
    sentenceCounts: [],
    sentenceLengths: [],
    names: [],
  };
  for (const paragraph of story.paragraphs) {
    for (const sentence of paragraph.sentences) {
      const counts = new Map<number, number>();
      const terms = analyzeText(sentence.text, names);
      for (const term of terms) {
        let id = local.get(term);
        if (id === undefined) {
          id = local.size;
          local.set(term, id);
          rows.terms.push(term);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const [id, count] of counts) {
        rows.sentenceTerms.push(id);
        rows.sentenceCounts.push(count);
      }
      rows.sentenceStart.push(rows.sentenceTerms.length);
      rows.sentenceLengths.push(terms.length);
    }
  }
  rows.names = [...names].map((term) => local.get(term)!);
  return rows;
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
  return mergeStoryTerms(stories, stories.map(analyzeStory));
}

/**
 * Joins the per-story terms of `stories` (same order) into one index: term ids in order of
 * first use across the stories, so the result is the same as tokenizing them all at once.
 */
export function mergeStoryTerms(stories: readonly Story[], storyTerms: readonly StoryTerms[]): NewsIndex {
  const termIds = new Map<string, number>();
  const names = new Set<number>();
  const starts: number[] = [0];
  const ids: number[] = [];
  const counts: number[] = [];
  const lengths: number[] = [];
  const sentences: SentenceRef[] = [];
  const paragraphStart: number[][] = [];
  stories.forEach((story, storyPosition) => {
    const rows = storyTerms[storyPosition]!;
    const global = rows.terms.map((term) => {
      let id = termIds.get(term);
      if (id === undefined) {
        id = termIds.size;
        termIds.set(term, id);
      }
      return id;
    });
    for (const local of rows.names) names.add(global[local]!);
    const paragraphStarts: number[] = [];
    let s = 0;
    for (const paragraph of story.paragraphs) {
      paragraphStarts.push(sentences.length);
      for (const sentence of paragraph.sentences) {
        const row: [number, number][] = [];
        for (let i = rows.sentenceStart[s]!; i < rows.sentenceStart[s + 1]!; i++) {
          row.push([global[rows.sentenceTerms[i]!]!, rows.sentenceCounts[i]!]);
        }
        row.sort((a, b) => a[0] - b[0]);
        for (const [id, count] of row) {
          ids.push(id);
          counts.push(Math.min(255, count));
        }
        starts.push(ids.length);
        lengths.push(Math.min(65_535, rows.sentenceLengths[s]!));
        sentences.push({ story: storyPosition, paragraph: paragraph.number, sentence: sentence.index });
        s++;
      }
    }
    paragraphStart.push(paragraphStarts);
  });
  const sentenceTermStart = Uint32Array.from(starts);
  const sentenceTerms = Uint32Array.from(ids);
  const sentenceTermCounts = Uint8Array.from(counts);
  const sentenceLength = Uint16Array.from(lengths);
  const totalLength = lengths.reduce((sum, length) => sum + length, 0);
  const terms = [...termIds.keys()];
  return {
    stories,
    storyPositions: new Map(stories.map((story, i) => [story.id, i])),
    sentences,
    paragraphStart,
    termIds,
    terms,
    sentenceTermStart,
    sentenceTerms,
    sentenceTermCounts,
    sentenceStory: Uint32Array.from(sentences, (sentence) => sentence.story),
    sentenceLength,
    averageLength: sentences.length === 0 ? 1 : totalLength / sentences.length,
    nameTerms: Uint8Array.from(terms, (_, id) => (names.has(id) ? 1 : 0)),
    ...invertRows(sentenceTermStart, sentenceTerms, sentenceTermCounts, termIds.size),
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
