import { citation } from '../corpus/parseStory.js';
import type { NewsIndex } from '../search/buildIndex.js';
import { paragraphSentences } from '../search/buildIndex.js';
import type { QuestionPlan } from './analyzeQuestion.js';
import { answersKind } from './answerKind.js';
import { coverageOf, knownWeight, sentenceText } from './coverage.js';
import type { RankedSentence } from './rankSentences.js';
import type { ExcerptResult } from './types.js';

/** Neighbour sentences are joined to the best one only when they add this much of the question. */
const JOIN_GAIN = 0.2;
const JOIN_MAX_LENGTH = 450;
const JOIN_MAX_SENTENCES = 3;

/** The verbatim text spanning consecutive sentences of one paragraph. */
export function excerptText(index: NewsIndex, positions: readonly number[]): string {
  const first = index.sentences[positions[0]!]!;
  const last = index.sentences[positions.at(-1)!]!;
  const paragraph = index.stories[first.story]!.paragraphs[first.paragraph - 1]!;
  return paragraph.text.slice(
    paragraph.sentences[first.sentence]!.start,
    paragraph.sentences[last.sentence]!.end,
  );
}

/**
 * "Which missiles…" answered by "The pause includes A, B and C", "Which district…" by "…in
 * the Obolon district": when the best sentence lacks the kind of answer asked for and a
 * neighbour on the same topic holds it, the excerpt takes both.
 */
function withAnswerNeighbour(
  index: NewsIndex,
  plan: QuestionPlan,
  position: number,
  paragraph: readonly number[],
): number[] {
  if (answersKind(index, plan, sentenceText(index, position))) return [position];
  for (const neighbour of [position + 1, position - 1]) {
    if (!paragraph.includes(neighbour) || !answersKind(index, plan, sentenceText(index, neighbour))) continue;
    if (coverageOf(index, plan.units, [neighbour], knownWeight(plan.units)) === 0) continue;
    const span = [Math.min(position, neighbour), Math.max(position, neighbour)];
    if (excerptText(index, span).length <= JOIN_MAX_LENGTH) return span;
  }
  return [position];
}

/**
 * The excerpt around the best sentence: the shortest run of up to three sentences of its
 * paragraph that covers clearly more of the question than the sentence alone (a quote
 * that names its speaker in one sentence and the point in another), else the sentence.
 */
export function excerptPositions(index: NewsIndex, plan: QuestionPlan, best: RankedSentence): number[] {
  const sentence = index.sentences[best.position]!;
  const paragraph = paragraphSentences(index, sentence.story, sentence.paragraph);
  const total = knownWeight(plan.units);
  let chosen = [best.position];
  let chosenCoverage = best.features.sentence;
  for (let first = best.position - JOIN_MAX_SENTENCES + 1; first <= best.position; first++) {
    for (let last = best.position; last < first + JOIN_MAX_SENTENCES; last++) {
      if (!paragraph.includes(first) || !paragraph.includes(last) || last === first) continue;
      const span = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      const spanCoverage = coverageOf(index, plan.units, span, total);
      const better =
        spanCoverage - best.features.sentence >= JOIN_GAIN && spanCoverage > chosenCoverage + 1e-9;
      const shorterTie = Math.abs(spanCoverage - chosenCoverage) < 1e-9 && span.length < chosen.length;
      if (
        (better || (shorterTie && chosen.length > 1)) &&
        excerptText(index, span).length <= JOIN_MAX_LENGTH
      ) {
        chosen = span;
        chosenCoverage = spanCoverage;
      }
    }
  }
  return chosen.length === 1 ? withAnswerNeighbour(index, plan, best.position, paragraph) : chosen;
}

/** A cited excerpt of consecutive sentences. */
export function toResult(index: NewsIndex, positions: readonly number[], score: number): ExcerptResult {
  const sentence = index.sentences[positions[0]!]!;
  const story = index.stories[sentence.story]!;
  return {
    story: story.id,
    paragraph: sentence.paragraph,
    excerpt: excerptText(index, positions),
    score: Math.round(score * 10_000) / 10_000,
    citation: citation(story.id, sentence.paragraph),
  };
}
