import type { NewsIndex } from './buildIndex.js';
import { documentFrequency } from './buildIndex.js';

/** MiniSearch's defaults (BM25+), so scores read like MiniSearch's. */
const K1 = 1.2;
const B = 0.7;
const DELTA = 0.5;
/** Postings walked per query before the commonest terms stop adding candidates. */
const POSTING_BUDGET = 20_000;

/** Inverse document frequency over sentences (BM25's form, always positive). */
export function inverseFrequency(index: NewsIndex, frequency: number): number {
  const total = index.sentences.length;
  return Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
}

function tfScore(index: NewsIndex, count: number, sentence: number): number {
  const length = index.sentenceLength[sentence]! / index.averageLength;
  return (count * (K1 + 1)) / (count + K1 * (1 - B + B * length)) + DELTA;
}

/** How often a term occurs in a sentence (0 when it does not), by binary search in its row. */
export function countInSentence(index: NewsIndex, sentence: number, termId: number): number {
  let low = index.sentenceTermStart[sentence]!;
  let high = index.sentenceTermStart[sentence + 1]! - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const id = index.sentenceTerms[middle]!;
    if (id === termId) return index.sentenceTermCounts[middle]!;
    if (id < termId) low = middle + 1;
    else high = middle - 1;
  }
  return 0;
}

/** Full BM25 of one sentence for weighted query terms. */
export function bm25(index: NewsIndex, sentence: number, boosts: ReadonlyMap<number, number>): number {
  let score = 0;
  for (const [termId, boost] of boosts) {
    const count = countInSentence(index, sentence, termId);
    if (count > 0) score += boost * inverseFrequency(index, documentFrequency(index, termId)) * tfScore(index, count, sentence);
  }
  return score;
}

export interface Candidate {
  sentence: number;
  bm25: number;
}

const accumulators = new WeakMap<NewsIndex, Float64Array>();

/**
 * The sentences most worth scoring for a query, best first by BM25. Postings are walked
 * rarest term first; once the budget is spent the commonest terms ("said", "U.S.") stop
 * adding candidates, though they still count in each candidate's full score. This keeps
 * a query's cost bounded however large the corpus is.
 */
export function topCandidates(
  index: NewsIndex,
  boosts: ReadonlyMap<number, number>,
  allowed: (sentence: number) => boolean,
  limit: number,
): Candidate[] {
  let scores = accumulators.get(index);
  if (!scores) {
    scores = new Float64Array(index.sentences.length);
    accumulators.set(index, scores);
  }
  const touched: number[] = [];
  const byRarity = [...boosts.keys()].sort((a, b) => documentFrequency(index, a) - documentFrequency(index, b));
  let walked = 0;
  for (const termId of byRarity) {
    if (walked > 0 && walked + documentFrequency(index, termId) > POSTING_BUDGET) break;
    const weight = boosts.get(termId)! * inverseFrequency(index, documentFrequency(index, termId));
    for (let i = index.postingStart[termId]!; i < index.postingStart[termId + 1]!; i++) {
      const sentence = index.postings[i]!;
      if (scores[sentence] === 0) touched.push(sentence);
      scores[sentence]! += weight * tfScore(index, countInSentence(index, sentence, termId), sentence);
    }
    walked += documentFrequency(index, termId);
  }
  const partial = touched.filter(allowed).map((sentence) => ({ sentence, bm25: scores[sentence]! }));
  for (const sentence of touched) scores[sentence] = 0;
  partial.sort((a, b) => b.bm25 - a.bm25 || a.sentence - b.sentence);
  return partial.slice(0, limit).map(({ sentence }) => ({ sentence, bm25: bm25(index, sentence, boosts) }));
}
