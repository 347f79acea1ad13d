// Fits the answer engine's weights on the training stories and writes
// src/core/answer/fittedWeights.ts: `npm run tune` (add `-- --dry-run` to only print).
//
// 1. Ranking: coordinate ascent over the weights of the sentence features, maximising the
//    share of training questions whose top sentence lies in a gold paragraph (ties broken by
//    mean reciprocal rank, so a step that moves gold sentences up counts even before it wins).
// 2. Confidence: logistic regression (L2) of "the top excerpt cites a gold paragraph and holds
//    the answer" on the confidence signals, over the questions and negatives (negatives are
//    never right). Leave-one-story-out predictions show how calibrated it is on stories it did
//    not see, and choose the decline threshold.
// Both are fitted on the train suite (new genres) and the regression suite (stories of
// earlier rounds); the seed's dev sample is reported, never fitted; the held-out genres are
// not read here at all.
import { writeFileSync } from 'node:fs';
import { normalizeText } from '../src/core/corpus/normalizeText.js';
import type { ExcerptResult } from '../src/core/answer/types.js';
import { parseArgs } from 'node:util';
import { analyzeQuestion, type QuestionPlan } from '../src/core/answer/analyzeQuestion.js';
import { answerQuestion } from '../src/core/answer/answerQuestion.js';
import type { ConfidenceFeatures, ConfidenceModel } from '../src/core/answer/confidence.js';
import { FITTED_CONFIDENCE, FITTED_RANKING, FITTED_THRESHOLD } from '../src/core/answer/fittedWeights.js';
import { rankSentences, type RankingWeights } from '../src/core/answer/rankSentences.js';
import { calibrationTable, figuresOf, judge, openSuite, type EvalSet } from '../src/cli/evalSuites.js';

const OUTPUT = 'src/core/answer/fittedWeights.ts';
const RANKING_STEPS = [-0.1, -0.05, -0.02, 0.02, 0.05, 0.1];
const ROUNDS = 3;
const L2 = 0.001;

interface RankingCase {
  plan: QuestionPlan;
  story: number;
  paras: readonly number[];
}

function rankingCases(set: EvalSet): RankingCase[] {
  return set.questions.map((question) => ({
    plan: analyzeQuestion(set.index, question.q),
    story: set.index.storyPositions.get(question.story ?? set.defaultStory)!,
    paras: question.paras,
  }));
}

/** Share of cases whose top sentence is gold, plus a hundredth of the mean reciprocal rank. */
function rankingObjective(set: EvalSet, cases: readonly RankingCase[], weights: RankingWeights): number {
  let hits = 0;
  let reciprocal = 0;
  for (const { plan, story, paras } of cases) {
    const ranked = rankSentences(set.index, plan, {}, weights).filter((r) => r.features.sentence > 0);
    const rank = ranked.slice(0, 20).findIndex((r) => {
      const sentence = set.index.sentences[r.position]!;
      return sentence.story === story && paras.includes(sentence.paragraph);
    });
    if (rank === 0) hits++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
  }
  return (hits + reciprocal / 100) / cases.length;
}

function tuneRanking(sets: readonly EvalSet[]): RankingWeights {
  const cases = sets.map(rankingCases);
  const objective = (weights: RankingWeights) =>
    sets.reduce((sum, set, i) => sum + rankingObjective(set, cases[i]!, weights) * cases[i]!.length, 0) /
    cases.reduce((sum, c) => sum + c.length, 0);
  const weights: Record<string, number> = { ...FITTED_RANKING };
  let best = objective(weights as RankingWeights);
  console.log(`ranking: start ${best.toFixed(4)}`);
  for (let round = 0; round < ROUNDS; round++) {
    let improved = false;
    for (const key of Object.keys(weights).filter((k) => k !== 'sentence')) {
      for (const step of RANKING_STEPS) {
        // No feature may count against a sentence (a negative BM25 weight would favour long ones).
        const trial = { ...weights, [key]: Math.max(0, Math.round((weights[key]! + step) * 1000) / 1000) };
        const value = objective(trial as RankingWeights);
        if (value > best + 1e-9) {
          best = value;
          Object.assign(weights, trial);
          improved = true;
        }
      }
    }
    console.log(`ranking: round ${round + 1} ${best.toFixed(4)} ${JSON.stringify(weights)}`);
    if (!improved) break;
  }
  return weights as RankingWeights;
}

interface Sample {
  x: number[];
  y: number;
  story: string;
  negative: boolean;
  /**
   * The engine's answer does not depend on the model: declined before any candidate (a name
   * no story mentions) or forced to 0 (an asked value missing). Such samples are never
   * fitted on, and count as declined when a threshold is chosen.
   */
  fixed: boolean;
}

function samplesOf(set: EvalSet): Sample[] {
  const samples: Sample[] = [];
  const add = (q: string, story: string, negative: boolean, isRight: (r: ExcerptResult) => boolean) => {
    const answer = answerQuestion(set.index, q, { minConfidence: -1 });
    const top = answer.results[0];
    const signals = answer.signals;
    samples.push({
      x: FEATURES.map((key) => signals?.[key] ?? 0),
      y: top && isRight(top) ? 1 : 0,
      story,
      negative,
      fixed: !signals || signals.exactTypeMissing === 1,
    });
  };
  // Right means what a reader needs: the gold paragraph cited and the answer in the excerpt.
  for (const question of set.questions) {
    const story = question.story ?? set.defaultStory;
    add(
      question.q,
      story,
      false,
      (r) =>
        r.story === story &&
        question.paras.includes(r.paragraph) &&
        question.answers.some((a) => normalizeText(r.excerpt).includes(normalizeText(a))),
    );
  }
  // A negative without a story is folded with the others of its file (see `EvalNegative.file`).
  for (const negative of set.negatives)
    add(negative.q, negative.story ?? negative.file ?? set.defaultStory, true, () => false);
  return samples;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * The direction each signal may move confidence in, whatever the training data: an unknown
 * word or a missing answer can only lower it, coverage and agreement only raise it. Without
 * these, correlated signals get weights of the wrong sign that fail on new stories.
 */
const SIGNS: Readonly<Record<keyof ConfidenceFeatures, 1 | -1>> = {
  coverage: 1,
  shortfall: -1,
  sentence: 1,
  exactShare: 1,
  unknownNouns: -1,
  unknownOther: -1,
  typeMissing: -1,
  exactTypeMissing: -1,
  typeHeld: 1,
  margin: 1,
  storyMargin: 1,
  names: 1,
  near: 1,
  farType: -1,
  head: 1,
};

const FEATURES = Object.keys(SIGNS) as (keyof ConfidenceFeatures)[];

/** Logistic regression by projected gradient descent (weights kept to their `SIGNS`); returns [bias, ...weights]. */
function fitLogistic(samples: readonly Sample[]): number[] {
  const w = new Array<number>(FEATURES.length + 1).fill(0);
  const rate = 1;
  for (let iteration = 0; iteration < 12000; iteration++) {
    const gradient = new Array<number>(w.length).fill(0);
    for (const { x, y } of samples) {
      const error = sigmoid(w[0]! + x.reduce((sum, v, i) => sum + v * w[i + 1]!, 0)) - y;
      gradient[0]! += error;
      x.forEach((v, i) => (gradient[i + 1]! += error * v));
    }
    for (let i = 0; i < w.length; i++) {
      w[i]! -= rate * (gradient[i]! / samples.length + (i === 0 ? 0 : L2 * w[i]!));
      if (i > 0 && w[i]! * SIGNS[FEATURES[i - 1]!] < 0) w[i] = 0;
    }
  }
  return w;
}

const predict = (w: readonly number[], x: readonly number[]) =>
  sigmoid(w[0]! + x.reduce((sum, v, i) => sum + v * w[i + 1]!, 0));

function reportCalibration(label: string, pairs: readonly [number, number][]): void {
  const bins = [0, 0.5, 0.7, 0.9, 1.0001];
  console.log(label);
  for (let i = 0; i < bins.length - 1; i++) {
    const inBin = pairs.filter(([p]) => p >= bins[i]! && p < bins[i + 1]!);
    const right = inBin.filter(([, y]) => y === 1).length;
    console.log(
      `  ${bins[i]!.toFixed(1)}–${Math.min(1, bins[i + 1]!).toFixed(1)}: ${String(inBin.length).padStart(4)} answers, ${(inBin.length ? right / inBin.length : 0).toFixed(2)} right`,
    );
  }
}

/** Share of answerable questions the engine must still answer (the answers issue's bar). */
const MIN_ANSWERED = 0.9;

/**
 * For each decline threshold: answered share of answerable questions, right among them, and
 * negatives declined, on predictions for stories the model did not see; returns the highest
 * threshold that still answers `MIN_ANSWERED` of the answerable questions (declining more
 * would trade right answers for declined negatives).
 */
function chooseThreshold(samples: readonly Sample[], predictions: readonly [number, number][]): number {
  console.log('threshold: answered (of answerable), right among answered, negatives declined');
  let chosen = 0.25;
  for (const threshold of [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]) {
    let answered = 0;
    let right = 0;
    let declined = 0;
    samples.forEach((sample, i) => {
      const shown = predictions[i]![0] >= threshold;
      if (sample.negative) declined += shown ? 0 : 1;
      else {
        answered += shown ? 1 : 0;
        right += shown && sample.y === 1 ? 1 : 0;
      }
    });
    const positives = samples.filter((s) => !s.negative).length;
    const negatives = samples.length - positives;
    console.log(
      `  ${threshold.toFixed(2)}: ${(answered / positives).toFixed(2)}, ${(right / Math.max(1, answered)).toFixed(2)}, ${(declined / negatives).toFixed(2)}`,
    );
    if (answered / positives >= MIN_ANSWERED) chosen = threshold;
  }
  console.log(`threshold chosen: ${chosen}`);
  return chosen;
}

function modelOf(w: readonly number[]): ConfidenceModel {
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    bias: round(w[0]!),
    weights: Object.fromEntries(
      FEATURES.map((key, i) => [key, round(w[i + 1]!)]),
    ) as ConfidenceModel['weights'],
  };
}

function printFigures(name: string, set: EvalSet): void {
  const judged = judge(set, (q) => answerQuestion(set.index, q, { minConfidence: FITTED_THRESHOLD.value }));
  const f = figuresOf(judged);
  console.log(
    `${name}: hit@1 ${f.hit1.toFixed(2)}, answer in excerpt ${f.phrase.toFixed(2)}, answered ${f.answered.toFixed(2)}, ` +
      `negatives declined ${f.declined.toFixed(2)} (absent ${f.declinedAbsent.toFixed(2)}, unstated ${f.declinedUnstated.toFixed(2)}), ` +
      `right among confidence ≥ 0.9 ${f.confidentRight.toFixed(2)} of ${f.confident}`,
  );
  for (const row of calibrationTable(judged))
    console.log(`  ${row.bin}: ${String(row.answers).padStart(4)} answers, ${row.right.toFixed(2)} right`);
}

function source(ranking: RankingWeights, confidence: ConfidenceModel, threshold: number): string {
  return `// Written by \`npm run tune\` (bench/tune.ts) from the train and regression eval suites
// (src/cli/evalSuites.ts); edit by re-running it, not by hand.
import type { ConfidenceModel } from './confidence.js';
import type { RankingWeights } from './rankSentences.js';

/** Weights of the sentence ranking's features. */
export const FITTED_RANKING: RankingWeights = ${JSON.stringify(ranking, null, 2).replace(/"(\w+)":/g, '$1:')};

/** Logistic model of "the top excerpt cites a right paragraph and holds the answer". */
export const FITTED_CONFIDENCE: ConfidenceModel = ${JSON.stringify(confidence, null, 2).replace(/"(\w+)":/g, '$1:')};

/**
 * Below this confidence the engine declines: the highest threshold that still answered 90% of
 * the answerable questions about training stories the model had not seen (leave one story out).
 */
export const FITTED_THRESHOLD = { value: ${threshold} };
`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      'keep-ranking': { type: 'boolean', default: false },
    },
  });
  const train = openSuite('train');
  const regression = openSuite('regression');
  const seed = openSuite('seed');
  const ranking = values['keep-ranking'] ? { ...FITTED_RANKING } : tuneRanking([train, regression]);
  Object.assign(FITTED_RANKING as Record<string, number>, ranking);

  const samples = [...samplesOf(train), ...samplesOf(regression)];
  const stories = [...new Set(samples.map((s) => s.story))];
  const fitted = (s: Sample) => !s.fixed;
  const heldOut: [number, number][] = samples.map((s) => [0, s.y]);
  for (const story of stories) {
    const w = fitLogistic(samples.filter((s) => s.story !== story && fitted(s)));
    samples.forEach((s, i) => {
      if (s.story === story && fitted(s)) heldOut[i] = [predict(w, s.x), s.y];
    });
  }
  reportCalibration(
    'confidence, leave-one-story-out on the training stories:',
    heldOut.filter((_, i) => fitted(samples[i]!)),
  );
  const threshold = chooseThreshold(samples, heldOut);
  FITTED_THRESHOLD.value = threshold;
  const w = fitLogistic(samples.filter(fitted));
  const model = modelOf(w);
  console.log(`confidence model: ${JSON.stringify(model)}`);
  Object.assign(FITTED_CONFIDENCE, model);

  printFigures('train (fitted on)', train);
  printFigures('regression (fitted on)', regression);
  printFigures('seed dev sample (not fitted on)', seed);
  if (values['dry-run']) return;
  writeFileSync(OUTPUT, source(ranking, model, threshold));
  console.log(`wrote ${OUTPUT}; run npm run format and npm test`);
}

main();
