import { normalizeText } from '../corpus/normalizeText.js';
import { expandInformal } from '../lexicon/informalWords.js';

/**
 * What kind of thing a question asks for. A sentence that holds one ranks higher, and an
 * answer lacking it is less likely right ("How old is X?" answered by a sentence naming X
 * without an age).
 */
export type AnswerType =
  | 'age'
  | 'clock'
  | 'score'
  | 'measure'
  | 'money'
  | 'percent'
  | 'duration'
  | 'quantity'
  | 'person'
  | 'time'
  | 'place'
  | 'reason'
  | 'name';

/** Question wordings → the answer type, first match wins (general English question forms). */
const QUESTION_FORMS: readonly [RegExp, AnswerType][] = [
  [/\bhow old\b|\bwhat age\b|\bat what age\b|\bage of\b/, 'age'],
  [/\bwhat time\b|\bat what hour\b|\bwhich hour\b/, 'clock'],
  [
    /\bwhat (was|is|were) the (final |half-time |half time )?score\b|\bscoreline\b|\bby how many (goals|points|runs)\b/,
    'score',
  ],
  [
    /\bhow (deep|tall|high|far|wide|heavy|big|large|fast|hot|cold) (is|was|are|were|did|does|do|can|will)\b/,
    'measure',
  ],
  [
    /\bhow much (money|cash|funding|aid|did it cost|does it cost)\b|\bhow much\b.*\b(cost|worth|spend|spent|pay|paid|paying|raise|raised|budget|steal|stole|stolen|fine|fined|lose|lost|earn|sell|sold|bid|offer|price)\b|\bwhat (price|fine|sum)\b/,
    'money',
  ],
  [
    /\b(what|which) (percentage|share|proportion|rate)\b|\bby how much\b|\bhow much (higher|lower|more|less)\b|\bwhat per ?cent/,
    'percent',
  ],
  [/\bhow long\b|\bfor how many (years|months|weeks|days|hours|minutes)\b/, 'duration'],
  [/\bhow (many|much|large|big|high)\b|\bwhat (number|amount|total|size)\b|\bnumber of\b/, 'quantity'],
  [
    /^(who|whom|whose|whos)\b|\b(which|what) (person|official|leader|minister|officer|spokesperson|spokesman|spokeswoman|player|judge|coach|manager|director|scientist)\b|\bwho (is|was|were|did|has|had|are)\b|\bwhat is the name of (the )?(person|man|woman)\b/,
    'person',
  ],
  [/^when\b|\bwhat (day|date|year|month)\b|\bwhen (did|was|were|will|is|does|do|are)\b|\bhow soon\b/, 'time'],
  [
    /^where\b|\bwhere (is|was|are|were|did|does|do|will)\b|\b(which|what) (city|country|district|town|village|region|area|place|neighbou?rhood|province|state|county|street|hospital|port|stadium|venue)\b/,
    'place',
  ],
  [
    /^why\b|\bwhat (reason|caused|cause|prompted|led to|is causing|is behind|was behind)\b|\bfor what reason\b|\bwhy (did|was|is|were)\b|\bhow come\b/,
    'reason',
  ],
  [/^which\b|\bwhich \w+ (did|do|does|is|are|was|were|has|have)\b/, 'name'],
];

/** Answer types a passage either states or does not (an age, a clock time, a sum, a score). */
export const EXACT_ANSWER_TYPES: ReadonlySet<AnswerType | null> = new Set<AnswerType>([
  'age',
  'clock',
  'score',
  'measure',
  'money',
  'percent',
  'duration',
]);

/** The kind of answer a question wants, from its wording. */
export function answerTypeOf(question: string): AnswerType | null {
  const text = normalizeText(expandInformal(question)).trim();
  for (const [pattern, type] of QUESTION_FORMS) if (pattern.test(text)) return type;
  return null;
}

/** Numbers written as words (general English), for counts and durations. */
export const NUMBER_WORD = String.raw`(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|several|many|few|half|a third|a quarter)`;
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const WEEKDAY = String.raw`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)`;
const LENGTH_UNIT = String.raw`(?:metres?|meters?|m|km|kilometres?|kilometers?|miles?|feet|foot|ft|inches|inch|cm|centimetres?|yards?|kilograms?|kg|tonnes?|tons?|pounds?|lbs?|degrees?|°c|°f|knots|mph|km\/h|kph|storeys?|stories|floors)`;

/**
 * Sentence patterns that hold each answer type (general English and number formats). The
 * global flag lets the caller see every match and skip those the question already says.
 */
const ANSWER_PATTERNS: Readonly<Record<Exclude<AnswerType, 'name'>, RegExp>> = {
  age: new RegExp(
    // No i flag: with it \p{Lu} matches any letter ("men, 19," would be an age).
    String.raw`\b\p{Lu}[\p{L}'’.-]+,\s+\d{1,3},|\b[Aa]ged?\s+\d{1,3}\b|\b\d{1,3}[\s-]years?[\s-]old\b|\b(?:${NUMBER_WORD})[\s-]years?[\s-]old\b|\b[Ii]n (?:his|her|their) (?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b`,
    'gu',
  ),
  clock:
    /\b\d{1,2}(?:[:.]\d{2})(?:\s*(?:a\.?m\.?|p\.?m\.?|h|hrs|gmt|utc))?|\b\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)|\b(?:noon|midnight|midday)\b|\b\d{1,2} o'clock\b/gi,
  score: /\b\d{1,3}\s?[-–]\s?\d{1,3}\b(?![-–]\d)|\b\d{1,3}\s(?:to|-)\s\d{1,3}\b/g,
  measure: new RegExp(String.raw`\b\d[\d,.]*\s?(?:-\s?)?${LENGTH_UNIT}\b|\b\d[\d,.]*(?:°c|°f|°)`, 'gi'),
  money:
    /\b\p{Lu}{2,3}\$?\s?\d[\d,.]*(?:\s?(?:bn|billion|million|m|k|trillion))?|[$€£¥]\s?\d[\d,.]*(?:\s?(?:bn|billion|million|m|k|trillion))?|\b\d[\d,.]*\s?(?:dollars|euros|pounds|yen|francs|kronor|krona|kroner|rupees|ringgit|rand|pesos|yuan|bn|billion|million)\b/gu,
  percent: /\d[\d,.]*\s?(?:%|percent|per cent|percentage points?|basis points?)/gi,
  duration: new RegExp(
    String.raw`\b(?:\d[\d,.]*|${NUMBER_WORD}|a|an)[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|nights?)\b`,
    'gi',
  ),
  quantity: new RegExp(String.raw`\d+(?:[.,]\d+)*|\b${NUMBER_WORD}\b`, 'gi'),
  person:
    /\b(?:(?:dr|mr|mrs|ms|prof|sir|dame|judge|justice|detective|inspector|sergeant|captain|coach|president|minister|mayor|governor|senator)\.?\s+)?\p{Lu}[\p{Ll}'’]+(?:[\s-]+(?:(?:van|von|der|den|de|la|le|du|da|di|del|della|dos|bin|al|ibn|ter|op)\s+)*\p{Lu}[\p{Ll}'’]+)+/gu,
  time: new RegExp(
    String.raw`\b(?:${WEEKDAY}|${MONTH}\.?\s+\d{1,2}|\d{1,2}\s+${MONTH}|${MONTH}\s+\d{4}|in\s+${MONTH}|today|yesterday|tomorrow|tonight|overnight|last (?:week|month|year|night)|next (?:week|month|year)|\d+\s+(?:days?|weeks?|months?|years?)\s+(?:ago|later|earlier)|(?:in|since|by|until|from|before|after)\s+(?:early |late |mid-)?\d{4}|\d{4}|morning|evening|afternoon|earlier this (?:week|month|year)|later this (?:week|month|year))\b`,
    'gi',
  ),
  place: /\b(?:in|at|near|from|across|outside|to|into)\s+(?:the\s+)?\p{Lu}[\p{L}'’-]+/gu,
  reason:
    /\b(?:because|due to|as a result|owing to|caused by|in order to|so that|reasons?|blamed|traced|attributed|result of|led to|stemm?(?:ed|s)? from|amid|after|since|citing|saying|arguing|in a bid to|aimed at|meant to|designed to|hoping to|for fear|would (?:help|allow|give|make|cut|mean)|so as to|thanks to|to (?:help|give|cut|reduce|avoid|protect|expand|gain|secure|strengthen|allow))\b/gi,
};

/** Words that make a capitalised run a title or a sentence opener, not a name. */
const NOT_NAME_START = new Set([
  'the',
  'a',
  'an',
  'on',
  'in',
  'at',
  'but',
  'and',
  'he',
  'she',
  'it',
  'they',
  'we',
  'this',
  'that',
  'after',
  'before',
  'when',
  'its',
  'his',
  'her',
]);

const SHARE_OR_SUM_AFTER = /^\s?(?:%|percent\b|per cent\b|percentage\b|basis points?\b)/i;
const SUM_BEFORE = /(?:[$€£¥]|\b\p{Lu}{2,3}\$?)\s?$/u;
const YEAR = /^(?:1[89]|20)\d\d$/;

/** A number written as a share ("6.2%") or a sum ("$7.99", "RM48"). */
function isShareOrSum(text: string, start: number, value: string): boolean {
  return (
    SHARE_OR_SUM_AFTER.test(text.slice(start + value.length)) ||
    SUM_BEFORE.test(text.slice(Math.max(0, start - 4), start))
  );
}

/** A value of an answer type found in a sentence, with where it starts and ends. */
export interface AnswerValue {
  text: string;
  start: number;
  end: number;
}

/**
 * The values of the asked type a sentence holds that the question does not already say
 * ("How old is Dr. X?" is not answered by the "Dr. X" it repeats).
 */
export function answerValues(
  type: AnswerType,
  text: string,
  questionWords: ReadonlySet<string>,
): AnswerValue[] {
  if (type === 'name') return [];
  const values: AnswerValue[] = [];
  for (const match of text.matchAll(ANSWER_PATTERNS[type])) {
    const value = match[0];
    const words = normalizeText(value)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    if (type === 'person' && NOT_NAME_START.has(words[0] ?? '')) continue;
    // The question's own words, split at punctuation ("3", "2") or whole as it tokenizes them ("3-2").
    const whole = normalizeText(value)
      .trim()
      .replace(/^[^\p{L}\p{N}]+/u, '');
    if (questionWords.has(whole) || (words.length > 0 && words.every((word) => questionWords.has(word))))
      continue;
    // A count is not a share, a sum or a year; a time of day ("7.30") not a price or a share.
    if (type === 'quantity' && (YEAR.test(value) || isShareOrSum(text, match.index, value))) continue;
    if (type === 'clock' && /^\d/.test(value) && isShareOrSum(text, match.index, value)) continue;
    values.push({ text: value, start: match.index, end: match.index + value.length });
  }
  return values;
}

/**
 * The types of value that answer each type of question: "How big was the fine?" is answered
 * by a sum, "How long is the line?" by a length, "By how much…" by a share or a sum.
 */
const ACCEPTED: Readonly<Partial<Record<AnswerType, readonly AnswerType[]>>> = {
  measure: ['measure', 'money', 'percent', 'quantity'],
  duration: ['duration', 'measure'],
  percent: ['percent', 'money', 'quantity'],
};

/** The values of a sentence that answer a question of this type (see `ACCEPTED`). */
export function acceptedValues(
  type: AnswerType,
  text: string,
  questionWords: ReadonlySet<string>,
): AnswerValue[] {
  return (ACCEPTED[type] ?? [type]).flatMap((accepted) => answerValues(accepted, text, questionWords));
}

/** Whether a sentence holds a value that answers the asked type, beyond what the question says. */
export function holdsAnswerType(
  type: AnswerType | null,
  text: string,
  questionWords: ReadonlySet<string>,
): boolean {
  return type !== null && type !== 'name' && acceptedValues(type, text, questionWords).length > 0;
}

/** Words for the answer types, for saying what the stories do not give ("how old …"). */
export const ANSWER_TYPE_WORDS: Readonly<Record<AnswerType, string>> = {
  age: 'an age',
  clock: 'a time of day',
  score: 'a score',
  measure: 'a measurement',
  money: 'an amount of money',
  percent: 'a percentage',
  duration: 'a length of time',
  quantity: 'a number',
  person: 'a name',
  time: 'a date or time',
  place: 'a place',
  reason: 'a reason',
  name: 'a name',
};
