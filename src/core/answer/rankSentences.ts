import { normalizeText } from '../corpus/normalizeText.js';
import type { NewsIndex } from '../search/buildIndex.js';
import { paragraphSentences, storyHasTerm } from '../search/buildIndex.js';
import type { QuestionPlan, QueryUnit } from './analyzeQuestion.js';
import { answerNearTopic, answersKind, holdsAskedType, kindScore } from './answerKind.js';
import { candidateSentences } from './candidates.js';
import { coverageOf, knownWeight, sentenceText } from './coverage.js';
import { FITTED_RANKING } from './fittedWeights.js';
import type { ScopeOptions } from './types.js';

/** What the ranking knows about one candidate sentence; the score is a weighted sum of these. */
export interface SentenceFeatures {
  /** Share of the question's weight the sentence covers (0..1). */
  sentence: number;
  /** The same for its whole paragraph. */
  paragraph: number;
  /** The same for its whole story: a question is about one story, the one that covers it best. */
  story: number;
  /** BM25 relative to the best candidate's. */
  bm25: number;
  /** 1 when the sentence holds a value of the asked answer type, -1 when it lacks one, 0 when none is asked. */
  type: number;
  /** How well it names or counts the thing a which/how-many question asks about (0..2). */
  kind: number;
  /** A neighbour in the paragraph holds the asked kind of answer (it will join the excerpt). */
  neighbourKind: number;
  /** 1 when the sentence's tense agrees with the question's, -1 when it does not, 0 when unknown. */
  tense: number;
  /** Share of the question's names written in the sentence itself. */
  names: number;
  /** How close a value of the asked type sits to the question's words (see `answerNearTopic`). */
  near: number;
}

/** A sentence scored against a question. */
export interface RankedSentence {
  /** Position in `index.sentences`. */
  position: number;
  score: number;
  features: SentenceFeatures;
}

export type RankingWeights = Readonly<Record<keyof SentenceFeatures, number>>;

/** How many BM25 hits are scored, and how many of the best by coverage have their text read. */
const CANDIDATES = 150;
const READ_LIMIT = 60;

const FUTURE =
  /\b(will|is set to|are set to|expected to|upcoming|later today|plans? to|going to|tomorrow|next week|next year)\b/;

function tenseAgreement(plan: QuestionPlan, text: string): number {
  if (plan.tense === null) return 0;
  const future = FUTURE.test(normalizeText(text));
  return future === (plan.tense === 'future') ? 1 : -1;
}

/** Story → share of the question's weight it covers anywhere (a unit counts by its best match). */
function storyCoverage(index: NewsIndex, plan: QuestionPlan, total: number) {
  const memo = new Map<number, number>();
  return (story: number): number => {
    let covered = memo.get(story);
    if (covered === undefined) {
      covered = 0;
      for (const unit of plan.units) {
        let best = 0;
        for (const [termId, match] of unit.matches)
          if (match > best && storyHasTerm(index, story, termId)) best = match;
        covered += unit.weight * best;
      }
      covered = total === 0 ? 0 : covered / total;
      memo.set(story, covered);
    }
    return covered;
  };
}

function namesInSentence(index: NewsIndex, names: readonly QueryUnit[], position: number): number {
  if (names.length === 0) return 1;
  return coverageOf(index, names, [position], knownWeight(names));
}

/** The features that read the sentence's text: the asked kind of answer, tense. */
function textFeatures(
  index: NewsIndex,
  plan: QuestionPlan,
  position: number,
): Pick<SentenceFeatures, 'type' | 'kind' | 'neighbourKind' | 'tense' | 'near'> {
  const sentence = index.sentences[position]!;
  const text = sentenceText(index, position);
  const type = plan.answerType === null ? 0 : holdsAskedType(plan, text) ? 1 : -1;
  let kind = 0;
  let neighbourKind = 0;
  if (plan.headNoun) {
    kind = kindScore(index, plan, text);
    if (kind === 0) {
      const paragraph = paragraphSentences(index, sentence.story, sentence.paragraph);
      neighbourKind = [position - 1, position + 1].some(
        (p) => paragraph.includes(p) && answersKind(index, plan, sentenceText(index, p)),
      )
        ? 1
        : 0;
    }
  }
  const near = type === 1 ? answerNearTopic(index, plan, text) : 0;
  return { type, kind, neighbourKind, tense: tenseAgreement(plan, text), near };
}

/** The weighted sum of a candidate's features. */
export function scoreOf(features: SentenceFeatures, weights: RankingWeights = FITTED_RANKING): number {
  let score = 0;
  for (const key of Object.keys(weights) as (keyof SentenceFeatures)[]) score += weights[key] * features[key];
  return score;
}

/**
 * Scores the sentences that share terms with the question by a weighted sum of features
 * (weights fitted on training stories, see `npm run tune`): how much of the question the
 * sentence, its paragraph and its story cover, BM25, whether it holds the kind of answer
 * asked for, names the question's names, and agrees in tense.
 */
export function rankSentences(
  index: NewsIndex,
  plan: QuestionPlan,
  scope: ScopeOptions = {},
  weights: RankingWeights = FITTED_RANKING,
): RankedSentence[] {
  const hits = candidateSentences(index, plan, scope, CANDIDATES);
  if (hits.length === 0) return [];
  const total = knownWeight(plan.units);
  const names = plan.units.filter((unit) => unit.entity && unit.matches.size > 0);
  const coverStory = storyCoverage(index, plan, total);
  const topBm25 = Math.max(1e-9, ...hits.map((hit) => hit.bm25));
  const ranked = hits.map((hit): RankedSentence => {
    const position = hit.sentence;
    const sentence = index.sentences[position]!;
    const paragraph = paragraphSentences(index, sentence.story, sentence.paragraph);
    const features: SentenceFeatures = {
      sentence: coverageOf(index, plan.units, [position], total),
      paragraph: coverageOf(index, plan.units, paragraph, total),
      story: coverStory(sentence.story),
      bm25: hit.bm25 / topBm25,
      type: 0,
      kind: 0,
      neighbourKind: 0,
      tense: 0,
      names: namesInSentence(index, names, position),
      near: 0,
    };
    return {
      position,
      score: scoreOf(features, weights),
      features,
    };
  });
  // Equal scores: the sentence BM25 prefers (the terms denser in a shorter sentence), then the earlier.
  const byScore = (a: RankedSentence, b: RankedSentence) =>
    b.score - a.score || b.features.bm25 - a.features.bm25 || a.position - b.position;
  ranked.sort(byScore);
  // The text-reading features only for the best by coverage; the rest stay below them.
  const read = ranked.slice(0, READ_LIMIT);
  for (const candidate of read) {
    Object.assign(candidate.features, textFeatures(index, plan, candidate.position));
    candidate.score = scoreOf(candidate.features, weights);
  }
  return [...read.sort(byScore), ...ranked.slice(READ_LIMIT)];
}
