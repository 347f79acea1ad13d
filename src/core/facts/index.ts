/**
 * Structured facts of news stories: people, organisations, places, quantities, quotes,
 * statements, equipment and times, each citing the verbatim sentence it comes from.
 *
 * Typical use: `factTableOf(index)` once per index (it is cached), then `selectFacts` for
 * /facts and `factsForAnswer` for the facts under an /ask answer. Claims are checked with
 * `verifyClaim` in src/core/answer/verifyClaim.ts.
 */
export { buildFactTable, factCounts, factMentions, factTableOf, selectFacts } from './buildFactTable.js';
export type { FactQuery, FactTable } from './buildFactTable.js';
export { extractStoryFacts } from './extractFacts.js';
export { defaultAnswerFactOptions, factsForAnswer } from './factsForAnswer.js';
export type { AnswerFactOptions } from './factsForAnswer.js';
export { FACT_TYPES, isFactType } from './types.js';
export type { Fact, FactBase, FactOf, FactType, Mention } from './types.js';
