// Written by `npm run tune` (bench/tune.ts) from the train and regression eval suites
// (src/cli/evalSuites.ts); edit by re-running it, not by hand.
import type { ConfidenceModel } from './confidence.js';
import type { RankingWeights } from './rankSentences.js';

/** Weights of the sentence ranking's features. */
export const FITTED_RANKING: RankingWeights = {
  sentence: 1,
  paragraph: 0.59,
  story: 0.68,
  bm25: 0.12,
  type: 0.26,
  kind: 0.07,
  neighbourKind: 0.08,
  tense: 0.21,
  names: 0.02,
  near: 0.13,
};

/** Logistic model of "the top excerpt cites a right paragraph and holds the answer". */
export const FITTED_CONFIDENCE: ConfidenceModel = {
  bias: -1.316,
  weights: {
    coverage: 0.63,
    shortfall: -1.136,
    sentence: 0,
    exactShare: 0.61,
    unknownNouns: -0.441,
    unknownOther: 0,
    typeMissing: -0.455,
    exactTypeMissing: 0,
    typeHeld: 0.226,
    margin: 2.021,
    storyMargin: 0.302,
    names: 0.388,
    near: 0.219,
    farType: -0.826,
    head: 0.36,
  },
};

/**
 * Below this confidence the engine declines: the highest threshold that still answered 90% of
 * the answerable questions about training stories the model had not seen (leave one story out).
 */
export const FITTED_THRESHOLD = { value: 0.4 };
