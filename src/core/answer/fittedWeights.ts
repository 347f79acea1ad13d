// Written by `npm run tune` (bench/tune.ts) from the train and regression eval suites
// (src/cli/evalSuites.ts); edit by re-running it, not by hand.
import type { ConfidenceModel } from './confidence.js';
import type { RankingWeights } from './rankSentences.js';

/** Weights of the sentence ranking's features. */
export const FITTED_RANKING: RankingWeights = {
  sentence: 1,
  paragraph: 0.66,
  story: 0.58,
  bm25: 0,
  type: 0.26,
  kind: 0.13,
  neighbourKind: 0.18,
  tense: 0.04,
  names: 0,
  near: 0.13,
};

/** Logistic model of "the top excerpt cites a right paragraph and holds the answer". */
export const FITTED_CONFIDENCE: ConfidenceModel = {
  bias: -0.965,
  weights: {
    shortfall: -1.078,
    coverage: 0,
    sentence: 0,
    exactShare: 1.527,
    unknownNouns: 0,
    unknownOther: 0,
    typeMissing: -0.28,
    typeHeld: 0,
    margin: 1.862,
    storyMargin: 0.159,
    names: 0.008,
    near: 0.258,
    head: 0.6,
    farType: -0.543,
    exactTypeMissing: -3.315,
  },
};

/**
 * Below this confidence the engine declines: the highest threshold that still answered 90% of
 * the answerable questions about training stories the model had not seen (leave one story out).
 */
export const FITTED_THRESHOLD = { value: 0.4 };
