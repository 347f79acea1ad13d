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
  bias: -1.266,
  weights: {
    shortfall: -1.486,
    coverage: 0.729,
    sentence: 0,
    exactShare: 0.7,
    unknownNouns: -0.426,
    unknownOther: 0,
    typeMissing: -0.893,
    typeHeld: 0.305,
    margin: 1.676,
    storyMargin: 0.173,
    names: 0.39,
    near: 0.187,
    head: 0.342,
    farType: -0.656,
    exactTypeMissing: -1.959,
  },
};

/**
 * Below this confidence the engine declines: the highest threshold that still answered 90% of
 * the answerable questions about training stories the model had not seen (leave one story out).
 */
export const FITTED_THRESHOLD = { value: 0.4 };
