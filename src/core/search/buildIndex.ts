import MiniSearch from 'minisearch';
import type { Story } from '../corpus/types.js';
import { analyzeText } from './tokenize.js';

/** One sentence of the corpus as the engine sees it. */
export interface IndexedSentence {
  /** Position of its story in `NewsIndex.stories`. */
  story: number;
  /** 1-based paragraph number. */
  paragraph: number;
  /** Position within the paragraph. */
  sentence: number;
  /** Ids of its distinct terms (see `NewsIndex.termIds`). */
  terms: Uint32Array;
}

/** Everything a question is answered from; built once per set of stories. */
export interface NewsIndex {
  stories: readonly Story[];
  storyPositions: ReadonlyMap<string, number>;
  sentences: readonly IndexedSentence[];
  /** First sentence position of each paragraph, per story: `paragraphStart[story][paragraph - 1]`. */
  paragraphStart: readonly (readonly number[])[];
  termIds: ReadonlyMap<string, number>;
  /** Term of each id: the inverse of `termIds`. */
  terms: readonly string[];
  /** How many sentences hold each term, by term id. */
  documentFrequency: Uint32Array;
  /** BM25 over sentences. */
  miniSearch: MiniSearch<IndexedDocument>;
}

interface IndexedDocument {
  id: number;
  text: string;
}

/** Options shared by indexing and searching so both see the same terms. */
export const MINISEARCH_OPTIONS = {
  fields: ['text'],
  tokenize: analyzeText,
  processTerm: (term: string) => term,
};

/** Builds the search index of a set of stories. Pure: the stories are not changed. */
export function buildIndex(stories: readonly Story[]): NewsIndex {
  const termIds = new Map<string, number>();
  const frequency: number[] = [];
  const sentences: IndexedSentence[] = [];
  const documents: IndexedDocument[] = [];
  const paragraphStart: number[][] = [];
  stories.forEach((story, storyPosition) => {
    const starts: number[] = [];
    for (const paragraph of story.paragraphs) {
      starts.push(sentences.length);
      for (const sentence of paragraph.sentences) {
        const ids = new Set<number>();
        for (const term of analyzeText(sentence.text)) {
          let id = termIds.get(term);
          if (id === undefined) {
            id = termIds.size;
            termIds.set(term, id);
            frequency.push(0);
          }
          ids.add(id);
        }
        for (const id of ids) frequency[id]!++;
        documents.push({ id: sentences.length, text: sentence.text });
        sentences.push({
          story: storyPosition,
          paragraph: paragraph.number,
          sentence: sentence.index,
          terms: Uint32Array.from(ids).sort(),
        });
      }
    }
    paragraphStart.push(starts);
  });
  const miniSearch = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
  miniSearch.addAll(documents);
  return {
    stories,
    storyPositions: new Map(stories.map((story, i) => [story.id, i])),
    sentences,
    paragraphStart,
    termIds,
    terms: [...termIds.keys()],
    documentFrequency: Uint32Array.from(frequency),
    miniSearch,
  };
}

/** The sentences of one paragraph, as positions in `index.sentences`. */
export function paragraphSentences(index: NewsIndex, story: number, paragraph: number): number[] {
  const start = index.paragraphStart[story]?.[paragraph - 1];
  if (start === undefined) return [];
  const count = index.stories[story]!.paragraphs[paragraph - 1]!.sentences.length;
  return Array.from({ length: count }, (_, i) => start + i);
}
