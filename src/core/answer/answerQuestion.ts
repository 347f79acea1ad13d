import type { NewsIndex } from '../search/buildIndex.js';
import { storyHasTerm } from '../search/buildIndex.js';
import { analyzeQuestion, type QuestionPlan } from './analyzeQuestion.js';
import { holdsAskedType } from './answerKind.js';
import { ANSWER_TYPE_WORDS, EXACT_ANSWER_TYPES } from './answerTypes.js';
import { sentenceText } from './coverage.js';
import { confidenceFeatures, confidenceFrom, type ConfidenceFeatures } from './confidence.js';
import { excerptPositions, excerptText, toResult } from './excerpt.js';
import { FITTED_THRESHOLD } from './fittedWeights.js';
import { rankSentences, type RankedSentence } from './rankSentences.js';
import type { ExcerptResult, ScopeOptions } from './types.js';

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
  /** The signals the confidence was computed from (for tuning; not part of the JSON contract). */
  signals?: ConfidenceFeatures;
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
  minConfidence: FITTED_THRESHOLD.value,
  maxResults: 5,
  relativeCutoff: 0.6,
} as const;

function declined(query: string, confidence: number, reason: string): Answer {
  return {
    query,
    answered: false,
    confidence: Math.round(confidence * 1000) / 1000,
    results: [],
    declineReason: reason,
  };
}

/** How many of the next-best sentences are searched for the asked value when the best lacks it. */
const TYPED_SEARCH = 10;
/** …and how much of the best one's coverage of the question such a sentence must have. */
const TYPED_MIN_SHARE = 0.6;

/**
 * "What time did the robbery start?": when the best passage lacks a value the question can
 * only be answered by (a time, an age, a sum), a close runner-up of the same story that holds
 * one comes first instead; when none does, the best stays first and confidence says no.
 */
function withAskedValueFirst(
  index: NewsIndex,
  plan: QuestionPlan,
  ranked: readonly RankedSentence[],
): readonly RankedSentence[] {
  const best = ranked[0];
  if (!best || !EXACT_ANSWER_TYPES.has(plan.answerType)) return ranked;
  if (holdsAskedType(plan, excerptText(index, excerptPositions(index, plan, best)))) return ranked;
  const story = index.sentences[best.position]!.story;
  const typed = ranked
    .slice(1, TYPED_SEARCH)
    .find(
      (r) =>
        index.sentences[r.position]!.story === story &&
        r.features.sentence >= TYPED_MIN_SHARE * best.features.sentence &&
        holdsAskedType(plan, sentenceText(index, r.position)),
    );
  return typed ? [typed, ...ranked.filter((r) => r !== typed)] : ranked;
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
  const matched = rankSentences(index, plan, scope).filter((r) => r.features.sentence > 0);
  const ranked = matched.filter((r) => mentionsAllNames(index, plan, r.position));
  const ordered = withAskedValueFirst(index, plan, ranked);
  const best = ordered[0];
  if (!best) {
    const names = plan.units.filter((unit) => unit.entity).map((unit) => unit.surface);
    const reason =
      matched.length > 0 && names.length > 1
        ? `no story mentions ${names.join(' and ')} together`
        : 'no story matches the question';
    return declined(question, 0, reason);
  }
  const excerpt = excerptPositions(index, plan, best);
  const signals = confidenceFeatures(index, plan, excerpt, excerptText(index, excerpt), ordered);
  // "How old is X?" asked of a story that gives no age: the best passage names X, but an
  // answer it is not. Types like an age or a sum are either written or not.
  const confidence = signals.exactTypeMissing ? 0 : confidenceFrom(signals);
  if (confidence < minConfidence) {
    const reason =
      signals.typeMissing && plan.answerType
        ? `the stories do not give ${ANSWER_TYPE_WORDS[plan.answerType]} for this`
        : 'the evidence in the stories is weak';
    return { ...declined(question, confidence, reason), signals };
  }
  const results = [toResult(index, excerpt, best.score)];
  for (const other of ordered.slice(1)) {
    if (results.length >= maxResults || other.score < best.score * relativeCutoff) break;
    if (excerpt.includes(other.position)) continue;
    results.push(toResult(index, [other.position], other.score));
  }
  return {
    query: question,
    answered: true,
    confidence: Math.round(confidence * 1000) / 1000,
    results,
    signals,
  };
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
    .filter((r) => r.features.sentence > 0)
    .slice(0, limit)
    .map((r) => toResult(index, [r.position], r.score));
}
