import type { NewsIndex } from '../search/buildIndex.js';
import { countInSentence } from '../search/bm25.js';
import type { QueryUnit } from './analyzeQuestion.js';

/** Sum of the weights of the units the corpus knows. */
export function knownWeight(units: readonly QueryUnit[]): number {
  return units.reduce((sum, unit) => sum + (unit.matches.size > 0 ? unit.weight : 0), 0);
}

/**
 * Share of the question's weight some sentences cover: each unit counts by its best match
 * among them (1 for the word itself, less for a related or misspelt form). With `exactOnly`,
 * only matches by form count (no related words), which tells how much rests on relatedness.
 */
export function coverageOf(
  index: NewsIndex,
  units: readonly QueryUnit[],
  positions: readonly number[],
  total: number,
  exactOnly = false,
): number {
  if (total === 0) return 0;
  let covered = 0;
  for (const unit of units) {
    let best = 0;
    for (const [termId, match] of unit.matches) {
      if (exactOnly && unit.related.has(termId)) continue;
      if (match > best && positions.some((p) => countInSentence(index, p, termId) > 0)) best = match;
    }
    covered += unit.weight * best;
  }
  return covered / total;
}

/** The text of the sentence at a position of `index.sentences`. */
export function sentenceText(index: NewsIndex, position: number): string {
  const sentence = index.sentences[position]!;
  return index.stories[sentence.story]!.paragraphs[sentence.paragraph - 1]!.sentences[sentence.sentence]!
    .text;
}
