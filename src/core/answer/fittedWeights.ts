// Written by `npm run tune` (bench/tune.ts) from the train and regression eval suites
// (src/cli/evalSuites.ts); edit by re-running it, not by hand.
import type { ConfidenceModel } from './confidence.js';
import type { RankingWeights } from './rankSentences.js';

/** Weights of the sentence ranking's features. */
export const FITTED_RANKING: RankingWeights = {
  sentence: 1,
  paragraph: 0.59,
  story: 0.58,
  bm25: 0.12,
  type: 0.26,
  kind: 0.03,
  neighbourKind: 0.08,
  tense: 0.21,
  names: 0.02,
  near: 0.13,
};

/** Logistic model of "the top excerpt cites a right paragraph and holds the answer". */
export const FITTED_CONFIDENCE: ConfidenceModel = {
  bias: -1.118,
  weights: {
    shortfall: -1.401,
    coverage: 0.54,
    sentence: 0,
    exactShare: 0.603,
    unknownNouns: -0.598,
    unknownOther: 0,
    typeMissing: -0.607,
    typeHeld: 0.233,
    margin: 1.809,
    storyMargin: 0.233,
    names: 0.372,
    near: 0.216,
    head: 0.416,
    farType: -0.694,
    exactTypeMissing: -2.988,
  },
};

/**
 * Below this confidence the engine declines: the highest threshold that still answered 90% of
 * the answerable questions about training stories the model had not seen (leave one story out).
 */
export const FITTED_THRESHOLD = { value: 0.4 };
