import { normalizeText } from '../corpus/normalizeText.js';
import type { NewsIndex } from '../search/buildIndex.js';
import { countInSentence, topCandidates } from '../search/bm25.js';
import { paragraphSentences } from '../search/buildIndex.js';
import type { AnswerType, QuestionPlan, QueryUnit } from './analyzeQuestion.js';
import type { ScopeOptions } from './types.js';
import { termsOfToken, tokenize } from '../search/tokenize.js';

/** A sentence scored against a question. */
export interface RankedSentence {
  /** Position in `index.sentences`. */
  position: number;
  score: number;
  /** Share of the question's weight the sentence covers (0..1). */
  sentenceCoverage: number;
  /** The same for its whole paragraph. */
  paragraphCoverage: number;
}

/** How much each signal counts in the final score; coverage of the question dominates. */
const RANKING = {
  paragraph: 0.4,
  bm25: 0.1,
  answerType: 0.1,
  tense: 0.05,
  /** A neighbour holds the kind of answer asked for (it will join the excerpt). */
  neighbourKind: 0.08,
  /** How many BM25 hits are scored. */
  candidates: 150,
  /** How many of them have their text read at least, and at most. */
  readAtLeast: 12,
  readLimit: 80,
} as const;

const NUMBER_WORD = String.raw`(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|several|many|few)`;
const ANSWER_PATTERNS: Readonly<Record<Exclude<AnswerType, 'name'>, RegExp>> = {
  quantity: new RegExp(String.raw`\d|\b${NUMBER_WORD}\b`, 'i'),
  money: /[$€£¥]\s?\d|\b\d[\d,.]*\s?(dollars|euros|pounds|yen|bn|billion|million)\b/i,
  percent: /\d\s?(%|percent|per cent|percentage points?|basis points?)/i,
  duration: new RegExp(
    String.raw`\b(\d+|${NUMBER_WORD}|a|an)[\s-]+(years?|months?|weeks?|days?|hours?|minutes?|decades?)\b`,
    'i',
  ),
  person:
    /\b\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+|\b(president|minister|mayor|chief|spokes\w+|officials?|director|secretary|governor|ceo|chair\w*)\b/u,
  time: /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tomorrow|tonight|overnight|earlier|later|ago|week|month|year|morning|evening|night|afternoon|\d{4})\b/i,
  place: /\b(in|at|near|from|across|outside)\s+(the\s+)?\p{Lu}/u,
  reason:
    /\b(because|due to|as a result|owing to|caused by|in order to|reasons?|blamed|traced|attributed|result of|led to|stemm?(ed|s)? from|amid)\b/i,
};
/** Does the sentence hold the kind of thing asked for, beyond what the question already says? */
function holdsAnswerType(plan: QuestionPlan, text: string): boolean {
  if (!plan.answerType) return false;
  if (plan.answerType !== 'name') return ANSWER_PATTERNS[plan.answerType].test(text);
  return tokenize(text).some(
    (token) =>
      token.position > 0 &&
      (token.capitalized || /\d/.test(token.norm)) &&
      !plan.questionWords.has(token.norm),
  );
}

/** An enumeration: three or more items, or a list introduced by "including", "such as"… */
export function isListSentence(text: string): boolean {
  const items = text.split(/,|\band\b|\bor\b/).length - 1;
  return items >= 3 || (items >= 1 && /\b(includ(es|ing|ed)|such as|as well as|among them)\b/i.test(text));
}

const COUNT_WORD = new RegExp(String.raw`^(\d[\d,.]*|${NUMBER_WORD})$`, 'i');

/**
 * The answer written next to the thing asked about: a name for "which" ("the *Obolon*
 * district"), a number for "how many" ("*3,200* nurses", "at least *14* civilians").
 */
function namesHeadNoun(index: NewsIndex, plan: QuestionPlan, text: string): boolean {
  const head = plan.headNoun;
  if (!head) return false;
  const counting = plan.answerType === 'quantity';
  const tokens = tokenize(text);
  return tokens.some((token, i) => {
    if (!termsOfToken(token).some((term) => head.matches.has(index.termIds.get(term) ?? -1))) return false;
    if (counting) return tokens.slice(Math.max(0, i - 3), i).some((near) => COUNT_WORD.test(near.norm));
    return tokens
      .slice(Math.max(0, i - 2), i + 3)
      .some((near) => near.position > 0 && near.capitalized && !plan.questionWords.has(near.norm));
  });
}

/**
 * How well a sentence holds what a which/what question asks to name: a name beside the
 * thing ("the *Obolon* district") and, for plural things, an enumeration; 0 when neither.
 */
function kindScore(index: NewsIndex, plan: QuestionPlan, text: string): number {
  return (namesHeadNoun(index, plan, text) ? 1 : 0) + (plan.wantsList && isListSentence(text) ? 1 : 0);
}

/** Whether a sentence holds the kind of answer asked for (always true when no kind is asked for). */
export function answersKind(index: NewsIndex, plan: QuestionPlan, text: string): boolean {
  if (plan.headNoun) return kindScore(index, plan, text) > 0;
  if (plan.answerType && plan.answerType !== 'name') return holdsAnswerType(plan, text);
  return true;
}

function kindBonus(
  index: NewsIndex,
  plan: QuestionPlan,
  position: number,
  paragraph: readonly number[],
): number {
  const own = kindScore(index, plan, sentenceText(index, position));
  if (own > 0) return own * RANKING.answerType;
  const neighbours = [position - 1, position + 1].filter((p) => paragraph.includes(p));
  return neighbours.some((p) => answersKind(index, plan, sentenceText(index, p))) ? RANKING.neighbourKind : 0;
}

const FUTURE =
  /\b(will|is set to|are set to|expected to|upcoming|later today|plans? to|going to|tomorrow|next week)\b/;

/** What each of the question's units contributes, best match per unit, over some sentences. */
function coverage(
  index: NewsIndex,
  units: readonly QueryUnit[],
  positions: readonly number[],
  total: number,
): number {
  if (total === 0) return 0;
  let covered = 0;
  for (const unit of units) {
    let best = 0;
    for (const [termId, match] of unit.matches) {
      if (match > best && positions.some((p) => countInSentence(index, p, termId) > 0)) best = match;
    }
    covered += unit.weight * best;
  }
  return covered / total;
}

/** Sum of the weights of the units the corpus knows. */
export function knownWeight(units: readonly QueryUnit[]): number {
  return units.reduce((sum, unit) => sum + (unit.matches.size > 0 ? unit.weight : 0), 0);
}

export function sentenceText(index: NewsIndex, position: number): string {
  const sentence = index.sentences[position]!;
  return index.stories[sentence.story]!.paragraphs[sentence.paragraph - 1]!.sentences[sentence.sentence]!
    .text;
}

/** Coverage of the question by a set of sentences. */
export function coverageOf(
  index: NewsIndex,
  units: readonly QueryUnit[],
  positions: readonly number[],
  total: number,
) {
  return coverage(index, units, positions, total);
}

const internalStories = new WeakMap<NewsIndex, boolean>();

function hasInternalStories(index: NewsIndex): boolean {
  let has = internalStories.get(index);
  if (has === undefined) {
    has = index.stories.some((story) => story.visibility === 'internal');
    internalStories.set(index, has);
  }
  return has;
}

/** The filter for sentences the caller may see; null when every sentence is allowed. */
function inScope(index: NewsIndex, scope: ScopeOptions): ((position: number) => boolean) | null {
  const only = scope.story === undefined ? undefined : index.storyPositions.get(scope.story);
  if (only === undefined && (scope.includeInternal === true || !hasInternalStories(index))) return null;
  return (position) => {
    const story = index.sentenceStory[position]!;
    if (only !== undefined && story !== only) return false;
    return scope.includeInternal === true || index.stories[story]!.visibility !== 'internal';
  };
}

/**
 * Scores the sentences that share terms with the question: mostly by how much of the
 * question (weighted by rarity) the sentence and its paragraph cover, then BM25, then
 * whether the sentence holds the kind of answer asked for and agrees in tense.
 */
export function rankSentences(
  index: NewsIndex,
  plan: QuestionPlan,
  scope: ScopeOptions = {},
): RankedSentence[] {
  const boosts = new Map<number, number>();
  for (const unit of plan.units) {
    for (const [id, match] of unit.matches)
      boosts.set(id, Math.max(boosts.get(id) ?? 0, unit.weight * match));
  }
  if (boosts.size === 0) return [];
  if (scope.story !== undefined && !index.storyPositions.has(scope.story)) return [];
  const hits = topCandidates(index, boosts, inScope(index, scope), RANKING.candidates);
  const total = knownWeight(plan.units);
  const topBm25 = Math.max(1e-9, ...hits.map((hit) => hit.bm25));
  // Coverage and BM25 first, for every candidate; the text-reading signals (answer kind,
  // tense) only for those they could still lift to the top.
  const ranked = hits
    .map((hit): RankedSentence => {
      const position = hit.sentence;
      const sentence = index.sentences[position]!;
      const paragraph = paragraphSentences(index, sentence.story, sentence.paragraph);
      const sentenceCoverage = coverageOf(index, plan.units, [position], total);
      const paragraphCoverage = coverageOf(index, plan.units, paragraph, total);
      const score =
        sentenceCoverage + RANKING.paragraph * paragraphCoverage + (RANKING.bm25 * hit.bm25) / topBm25;
      return { position, score, sentenceCoverage, paragraphCoverage };
    })
    .sort((a, b) => b.score - a.score || a.position - b.position);
  const reach = (ranked[0]?.score ?? 0) - MAX_TEXT_SIGNALS;
  for (const [i, candidate] of ranked.entries()) {
    if (i >= RANKING.readLimit || (i >= RANKING.readAtLeast && candidate.score < reach)) break;
    candidate.score += textSignals(index, plan, candidate.position);
  }
  return ranked.sort((a, b) => b.score - a.score || a.position - b.position);
}

/** The largest swing the text-reading signals can make between two sentences. */
const MAX_TEXT_SIGNALS = RANKING.answerType * 3 + RANKING.tense * 2;

/** Signals that read the sentence itself: the kind of answer it holds, its tense. */
function textSignals(index: NewsIndex, plan: QuestionPlan, position: number): number {
  const sentence = index.sentences[position]!;
  const text = sentenceText(index, position);
  let score = 0;
  if (holdsAnswerType(plan, text)) score += RANKING.answerType;
  if (plan.headNoun)
    score += kindBonus(index, plan, position, paragraphSentences(index, sentence.story, sentence.paragraph));
  if (plan.tense !== null && FUTURE.test(normalizeText(text)))
    score += plan.tense === 'future' ? RANKING.tense : -RANKING.tense;
  return score;
}
