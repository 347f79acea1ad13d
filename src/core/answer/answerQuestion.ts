import { citation } from '../corpus/parseStory.js';
import type { NewsIndex } from '../search/buildIndex.js';
import { paragraphSentences, storyHasTerm } from '../search/buildIndex.js';
import { analyzeQuestion, type QuestionPlan } from './analyzeQuestion.js';
import {
  answersKind,
  coverageOf,
  knownWeight,
  rankSentences,
  sentenceText,
  type RankedSentence,
} from './rankSentences.js';
import type { ExcerptResult, ScopeOptions } from './types.js';
import { isParaphraseWord } from '../search/wordClasses.js';

/** The answer to a question: cited excerpts, best first, or none when the stories do not answer it. */
export interface Answer {
  query: string;
  /** True exactly when `results` is non-empty. */
  answered: boolean;
  /** How sure the engine is that the top excerpt answers the question (0..1). */
  confidence: number;
  results: ExcerptResult[];
  /** Why it declined, for people (not part of the JSON contract). */
  declineReason?: string;
}

export interface AskOptions extends ScopeOptions {
  /** Below this confidence the engine declines. */
  minConfidence?: number;
  /** At most this many excerpts. */
  maxResults?: number;
  /** Other excerpts are kept when their score is at least this share of the best. */
  relativeCutoff?: number;
}

export const defaultAskOptions = {
  minConfidence: 0.5,
  maxResults: 5,
  relativeCutoff: 0.6,
} as const;

/** Neighbour sentences are joined to the best one only when they add this much of the question. */
const JOIN_GAIN = 0.2;
const JOIN_MAX_LENGTH = 450;
const JOIN_MAX_SENTENCES = 3;
/**
 * A question word no story uses counts against the confidence like the question's weightiest
 * known word when it names a thing (an unknown noun is the surest sign the stories do not
 * cover the question), and a quarter of that when it is a common verb, adjective or adverb.
 */
const PARAPHRASE_SHARE = 0.25;

function confidenceOf(
  index: NewsIndex,
  plan: QuestionPlan,
  excerpt: readonly number[],
  best: RankedSentence,
): number {
  const topical = plan.units.filter((unit) => !unit.generic);
  const counted = topical.length > 0 ? topical : plan.units;
  const known = counted.filter((unit) => unit.matches.size > 0);
  if (known.length === 0) return 0;
  const knownTotal = knownWeight(known);
  const heaviest = Math.max(...known.map((unit) => unit.weight));
  const unknownTotal = counted
    .filter((unit) => unit.matches.size === 0)
    .reduce(
      (sum, unit) =>
        sum + heaviest * (isParaphraseWord(unit.surface.toLowerCase(), unit.term) ? PARAPHRASE_SHARE : 1),
      0,
    );
  const excerptCoverage = coverageOf(index, known, excerpt, knownTotal);
  const paragraphCoverage = best.paragraphCoverage;
  const covered = Math.max(excerptCoverage, 0.5 * excerptCoverage + 0.5 * paragraphCoverage) * knownTotal;
  return Math.min(1, covered / (knownTotal + unknownTotal));
}

/**
 * The excerpt around the best sentence: the shortest run of up to three sentences of its
 * paragraph that covers clearly more of the question than the sentence alone (a quote
 * that names its speaker in one sentence and the point in another), else the sentence.
 */
function excerptPositions(index: NewsIndex, plan: QuestionPlan, best: RankedSentence): number[] {
  const sentence = index.sentences[best.position]!;
  const paragraph = paragraphSentences(index, sentence.story, sentence.paragraph);
  const total = knownWeight(plan.units);
  let chosen = [best.position];
  let chosenCoverage = best.sentenceCoverage;
  for (let first = best.position - JOIN_MAX_SENTENCES + 1; first <= best.position; first++) {
    for (let last = best.position; last < first + JOIN_MAX_SENTENCES; last++) {
      if (!paragraph.includes(first) || !paragraph.includes(last) || last === first) continue;
      const span = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      const spanCoverage = coverageOf(index, plan.units, span, total);
      const better =
        spanCoverage - best.sentenceCoverage >= JOIN_GAIN && spanCoverage > chosenCoverage + 1e-9;
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

function toResult(index: NewsIndex, positions: readonly number[], score: number): ExcerptResult {
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

function declined(query: string, confidence: number, reason: string): Answer {
  return {
    query,
    answered: false,
    confidence: Math.round(confidence * 1000) / 1000,
    results: [],
    declineReason: reason,
  };
}

/** "Bank of England" must not be answered from a story about the Bank of Canada that mentions England elsewhere. */
function mentionsAllNames(index: NewsIndex, plan: QuestionPlan, position: number): boolean {
  const story = index.sentences[position]!.story;
  return plan.units
    .filter((unit) => unit.entity && unit.matches.size > 0)
    .flatMap((unit) => unit.parts ?? [unit.matches])
    .every((matches) => [...matches.keys()].some((termId) => storyHasTerm(index, story, termId)));
}

/**
 * Answers a question from the stories with verbatim, cited excerpts. Declines (no results)
 * when the question names something no story mentions or the evidence is weak: a wrong
 * citation is worse than none.
 */
export function answerQuestion(index: NewsIndex, question: string, options: AskOptions = {}): Answer {
  const { minConfidence, maxResults, relativeCutoff, ...scope } = { ...defaultAskOptions, ...options };
  const plan = analyzeQuestion(index, question);
  if (plan.unknownEntities.length > 0) {
    return declined(question, 0, `the stories do not mention ${plan.unknownEntities.join(', ')}`);
  }
  const matched = rankSentences(index, plan, scope).filter((r) => r.sentenceCoverage > 0);
  const ranked = matched.filter((r) => mentionsAllNames(index, plan, r.position));
  const best = ranked[0];
  if (!best) {
    const names = plan.units.filter((unit) => unit.entity).map((unit) => unit.surface);
    const reason =
      matched.length > 0 && names.length > 1
        ? `no story mentions ${names.join(' and ')} together`
        : 'no story matches the question';
    return declined(question, 0, reason);
  }
  const excerpt = excerptPositions(index, plan, best);
  const confidence = confidenceOf(index, plan, excerpt, best);
  if (confidence < minConfidence)
    return declined(question, confidence, 'the evidence in the stories is weak');
  const results = [toResult(index, excerpt, best.score)];
  for (const other of ranked.slice(1)) {
    if (results.length >= maxResults || other.score < best.score * relativeCutoff) break;
    if (excerpt.includes(other.position)) continue;
    results.push(toResult(index, [other.position], other.score));
  }
  return { query: question, answered: true, confidence: Math.round(confidence * 1000) / 1000, results };
}

/** Ranked cited sentences for a query, without the abstention threshold (up to `limit`). */
export function searchStories(
  index: NewsIndex,
  query: string,
  options: ScopeOptions & { limit?: number } = {},
) {
  const { limit = 10, ...scope } = options;
  const plan = analyzeQuestion(index, query);
  return rankSentences(index, plan, scope)
    .filter((r) => r.sentenceCoverage > 0)
    .slice(0, limit)
    .map((r) => toResult(index, [r.position], r.score));
}
