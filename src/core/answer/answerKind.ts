import type { NewsIndex } from '../search/buildIndex.js';
import { termsOfToken, tokenize } from '../search/tokenize.js';
import type { QuestionPlan } from './analyzeQuestion.js';
import { acceptedValues, holdsAnswerType, NUMBER_WORD } from './answerTypes.js';

const COUNT_WORD = new RegExp(String.raw`^(\d[\d,.]*|${NUMBER_WORD})$`, 'i');
const LIST_INTRODUCER = /\b(includ(es|ing|ed)|such as|as well as|among them)\b/i;

/** Does the sentence hold the kind of thing asked for, beyond what the question already says? */
export function holdsAskedType(plan: QuestionPlan, text: string): boolean {
  if (plan.answerType !== 'name') return holdsAnswerType(plan.answerType, text, plan.questionWords);
  // "Which wards stayed open?" is answered by "intensive care, maternity and cancer wards".
  if (plan.wantsList && isListSentence(text)) return true;
  return tokenize(text).some(
    (token) =>
      token.position > 0 &&
      (token.capitalized || /\d/.test(token.norm)) &&
      !plan.questionWords.has(token.norm),
  );
}

/** An enumeration: three or more items, or a list introduced by "including", "such as"… */
export function isListSentence(text: string): boolean {
  const items = text.split(/,|\band\b|\bor\b/).length;
  return items >= 3 || (items >= 2 && LIST_INTRODUCER.test(text));
}

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
    // The thing itself, as written: a related word ("missiles" for "arms") is another thing.
    const isHead = (id: number) => head.matches.has(id) && !head.related.has(id);
    if (!termsOfToken(token).some((term) => isHead(index.termIds.get(term) ?? -1))) return false;
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
export function kindScore(index: NewsIndex, plan: QuestionPlan, text: string): number {
  return (namesHeadNoun(index, plan, text) ? 1 : 0) + (plan.wantsList && isListSentence(text) ? 1 : 0);
}

/** Whether a sentence holds the kind of answer asked for (always true when no kind is asked for). */
export function answersKind(index: NewsIndex, plan: QuestionPlan, text: string): boolean {
  if (plan.headNoun) return kindScore(index, plan, text) > 0;
  if (plan.answerType && plan.answerType !== 'name') return holdsAskedType(plan, text);
  return true;
}

/** Characters between an answer value and a question word beyond which they are not read together. */
const NEAR_REACH = 80;

/**
 * How close the asked kind of value sits to the question's own words in a sentence: 1 when
 * adjacent ("Ocampo-Ibáñez, *66*,"), falling to 0 at `NEAR_REACH` characters, 0 when the
 * sentence holds no such value or no question word. Names count double: "How old is X"
 * wants the age written beside X, not another person's.
 */
export function answerNearTopic(index: NewsIndex, plan: QuestionPlan, text: string): number {
  if (plan.answerType === null || plan.answerType === 'name') return 0;
  const values = acceptedValues(plan.answerType, text, plan.questionWords);
  if (values.length === 0) return 0;
  const topical = plan.units.filter((unit) => !unit.generic && unit.matches.size > 0);
  const names = topical.filter((unit) => unit.entity);
  const wanted = names.length > 0 ? names : topical;
  let best = 0;
  for (const token of tokenize(text)) {
    const ids = termsOfToken(token).map((term) => index.termIds.get(term) ?? -1);
    if (!wanted.some((unit) => ids.some((id) => unit.matches.has(id)))) continue;
    const end = token.start + token.surface.length;
    for (const value of values) {
      if (value.start < end && token.start < value.end) continue; // the value is the word itself
      const distance = value.start >= end ? value.start - end : token.start - value.end;
      best = Math.max(best, 1 - Math.min(1, distance / NEAR_REACH));
    }
  }
  return best;
}
