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
    if (count > 0)
      score +=
        boost * inverseFrequency(index, documentFrequency(index, termId)) * tfScore(index, count, sentence);
  }
  return score;
}

export interface Candidate {
  sentence: number;
  bm25: number;
}

const accumulators = new WeakMap<NewsIndex, Float64Array>();

/** Keeps the `limit` best (score, sentence) pairs seen: a min-heap on score. */
class TopK {
  readonly scores: number[] = [];
  readonly sentences: number[] = [];
  constructor(private readonly limit: number) {}

  offer(score: number, sentence: number): void {
    const { scores, sentences } = this;
    if (scores.length < this.limit) {
      scores.push(score);
      sentences.push(sentence);
      this.#up(scores.length - 1);
    } else if (this.#better(score, sentence, 0)) {
      scores[0] = score;
      sentences[0] = sentence;
      this.#down(0);
    }
  }

  #better(score: number, sentence: number, i: number): boolean {
    return score > this.scores[i]! || (score === this.scores[i]! && sentence < this.sentences[i]!);
  }

  #swap(i: number, j: number): void {
    [this.scores[i], this.scores[j]] = [this.scores[j]!, this.scores[i]!];
    [this.sentences[i], this.sentences[j]] = [this.sentences[j]!, this.sentences[i]!];
  }

  #up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#better(this.scores[parent]!, this.sentences[parent]!, i)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    for (;;) {
      let worst = i;
      for (const child of [2 * i + 1, 2 * i + 2]) {
        if (child < this.scores.length && !this.#better(this.scores[child]!, this.sentences[child]!, worst))
          worst = child;
      }
      if (worst === i) return;
      this.#swap(i, worst);
      i = worst;
    }
  }
}

/**
 * The sentences most worth scoring for a query, best first by BM25. Postings are walked
 * rarest term first; once the budget is spent the commonest terms ("said", "U.S.") stop
 * adding candidates, though they still count in each candidate's full score. This keeps
 * a query's cost bounded however large the corpus is.
 */
export function topCandidates(
  index: NewsIndex,
  boosts: ReadonlyMap<number, number>,
  allowed: ((sentence: number) => boolean) | null,
  limit: number,
): Candidate[] {
  let scores = accumulators.get(index);
  if (!scores) {
    scores = new Float64Array(index.sentences.length);
    accumulators.set(index, scores);
  }
  const touched: number[] = [];
  const byRarity = [...boosts.keys()].sort(
    (a, b) => documentFrequency(index, a) - documentFrequency(index, b),
  );
  let walked = 0;
  for (const termId of byRarity) {
    if (walked > 0 && walked + documentFrequency(index, termId) > POSTING_BUDGET) break;
    const weight = boosts.get(termId)! * inverseFrequency(index, documentFrequency(index, termId));
    const start = index.postingStart[termId]!;
    // Even the rarest term may be everywhere ("said"): its first postings are enough then.
    const end = Math.min(index.postingStart[termId + 1]!, start + POSTING_BUDGET);
    for (let i = start; i < end; i++) {
      const sentence = index.postings[i]!;
      if (scores[sentence] === 0) touched.push(sentence);
      scores[sentence]! += weight * tfScore(index, index.postingCounts[i]!, sentence);
    }
    walked += end - start;
  }
  const best = new TopK(limit);
  for (const sentence of touched) {
    if (allowed === null || allowed(sentence)) best.offer(scores[sentence]!, sentence);
    scores[sentence] = 0;
  }
  return best.sentences
    .map((sentence) => ({ sentence, bm25: bm25(index, sentence, boosts) }))
    .sort((a, b) => b.bm25 - a.bm25 || a.sentence - b.sentence);
}
