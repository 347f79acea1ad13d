import { FUNCTION_WORDS } from './lexicon.js';
import { qualifierBefore, readNumber, wordValue, type NumberRead } from './numbers.js';
import type { TimeSpan } from './times.js';
import type { Tok, TokenizedParagraph } from './tokens.js';

/** A quantity found in a paragraph, before it becomes a fact. */
export interface QuantitySpan {
  first: number;
  last: number;
  value: number;
  upper?: number;
  unit: string | null;
  qualifier: string | null;
}

/** Words after a number that describe what is counted without being it ("two more reductions"). */
const COUNT_MODIFIERS = new Set(['more', 'additional', 'other', 'extra', 'new', 'further', 'fewer', 'less']);
const DURATION_WORDS = new Set([
  'year',
  'years',
  'month',
  'months',
  'week',
  'weeks',
  'day',
  'days',
  'hour',
  'hours',
  'minute',
  'minutes',
  'decade',
  'decades',
]);
/** Units a hyphenated number may carry when written with words ("two-day", "three-year"). */
const HYPHEN_UNITS =
  /^(day|week|month|year|hour|minute|mile|kilometre|kilometer|metre|meter|foot|story|storey|floor|seat|member|point|page|game|percent)s?$/;
const MAX_UNIT_WORDS = 4;

function isNounish(token: Tok): boolean {
  return token.tags.has('Noun') || token.tags.has('Plural') || token.tags.has('Singular');
}

/** Can this word be part of what a number counts ("voting members", "customer service staff")? */
function unitWord(token: Tok | undefined, inTime: (i: number) => boolean): boolean {
  if (!token || token.kind !== 'word' || inTime(token.i)) return false;
  if (FUNCTION_WORDS.has(token.base) || token.first) return false;
  if (/ly$/.test(token.base) && !isNounish(token)) return false;
  if (
    token.tags.has('Adverb') ||
    token.tags.has('Copula') ||
    token.tags.has('Auxiliary') ||
    token.tags.has('Modal')
  )
    return false;
  if (token.tags.has('Verb') && !token.tags.has('Gerund') && !isNounish(token)) return false;
  if ((token.tags.has('PastTense') || token.tags.has('PresentTense')) && !token.tags.has('Gerund')) {
    // compromise reads "members"/"prices" as verbs at times; a plural right after a number is a noun.
    if (!/s$/.test(token.base) || /(ed|ing)$/.test(token.base)) return false;
  }
  return true;
}

/** The words after token `from` naming what is counted, trimmed to end on a noun. */
function unitAfter(tokens: readonly Tok[], from: number, inTime: (i: number) => boolean): number {
  let end = from - 1;
  let j = from;
  while (j < tokens.length && COUNT_MODIFIERS.has(tokens[j]!.base) && j - from < 2) j++;
  let taken = 0;
  while (j < tokens.length && taken < MAX_UNIT_WORDS && unitWord(tokens[j], inTime)) {
    if (tokens[j]!.sentence !== tokens[from - 1]?.sentence) break;
    j++;
    taken++;
    if (tokens[j - 1]!.possessive) break;
  }
  for (let k = j - 1; k >= from; k--) {
    const token = tokens[k]!;
    if (COUNT_MODIFIERS.has(token.base)) continue;
    if (isNounish(token) || /s$/.test(token.base) || !token.tags.has('Adjective')) {
      end = k;
      break;
    }
  }
  return end;
}

function rangeAfter(tokens: readonly Tok[], read: NumberRead, between: boolean): NumberRead | null {
  const joiner = tokens[read.last + 1];
  if (!joiner) return null;
  const ok = between
    ? joiner.base === 'and'
    : joiner.base === 'to' || joiner.text === '–' || joiner.text === '-';
  if (!ok) return null;
  const second = readNumber(tokens, read.last + 2);
  if (!second) return null;
  if (read.unit && second.unit && read.unit !== second.unit) return null;
  return second;
}

/**
 * Finds the quantities of a paragraph: "at least 14 civilians", "16-story", "3.2%",
 * "$620 billion", "between $180 million and $240 million", "Two of the 12 voting members",
 * "nearly three years", "dozens of reports". Bare numbers that count nothing (ages, years)
 * and numbers inside dates and clock times are left out.
 */
export function findQuantities(paragraph: TokenizedParagraph, times: readonly TimeSpan[]): QuantitySpan[] {
  const { tokens } = paragraph;
  const dateTokens = new Set<number>();
  for (const span of times) {
    if (span.duration) continue;
    for (let k = span.core; k <= span.last; k++) dateTokens.add(k);
  }
  const anyTime = new Set<number>();
  for (const span of times) for (let k = span.core; k <= span.last; k++) anyTime.add(k);
  const inTime = (k: number) => anyTime.has(k) && !DURATION_WORDS.has(tokens[k]!.base);
  const spans: QuantitySpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (dateTokens.has(i)) continue;
    const hyphen = /^(\d+(?:\.\d+)?|[a-z]+)-([a-z]+)$/i.exec(token.text);
    if (
      hyphen &&
      (token.kind === 'number' ||
        (wordValue(hyphen[1]!) !== undefined && HYPHEN_UNITS.test(hyphen[2]!.toLowerCase())))
    ) {
      const value = token.kind === 'number' ? Number(hyphen[1]) : wordValue(hyphen[1]!)!;
      spans.push({ first: i, last: i, value, unit: hyphen[2]!.toLowerCase(), qualifier: null });
      continue;
    }
    const read = readNumber(tokens, i);
    if (!read) continue;
    const previous = tokens[read.first - 1];
    if (
      previous &&
      previous.kind === 'word' &&
      previous.cap &&
      !previous.first &&
      previous.end === token.start - 1 &&
      !FUNCTION_WORDS.has(previous.base)
    ) {
      continue; // "S&P 500", "Boeing 737": part of a name
    }
    if (read.digits && !read.unit && /^(1[89]|20)\d\d$/.test(tokens[read.first]!.text)) continue;
    let first = read.first;
    let last = read.last;
    let upper: number | undefined;
    let unit = read.unit;
    const between = tokens[first - 1]?.base === 'between';
    const range = rangeAfter(tokens, read, between);
    if (range) {
      upper = range.value;
      unit ??= range.unit;
      last = range.last;
      if (between) first--;
    }
    if (!unit) {
      // "Two of the 12 voting members": the share and the whole are one fact.
      const ofThe = tokens[last + 1]?.base === 'of' && tokens[last + 2]?.base === 'the';
      const whole = ofThe ? readNumber(tokens, last + 3) : null;
      if (whole && !whole.unit) {
        const end = unitAfter(tokens, whole.last + 1, inTime);
        if (end > whole.last) {
          spans.push({
            first,
            last: end,
            value: read.value,
            unit: textOf(paragraph, whole.last + 1, end),
            qualifier: null,
          });
          i = end;
          continue;
        }
      }
      if (read.vague && tokens[last + 1]?.base === 'of') {
        const end = unitAfter(tokens, last + 2, inTime);
        if (end > last + 1) {
          unit = textOf(paragraph, last + 2, end);
          last = end;
        }
      } else if (
        tokens[last + 1]?.base === 'per' &&
        tokens[last + 2]?.kind === 'word' &&
        !FUNCTION_WORDS.has(tokens[last + 2]!.base)
      ) {
        // "160.4 per dollar", "30 per cent" is read by readNumber
        unit = textOf(paragraph, last + 1, last + 2);
        last += 2;
      } else {
        const end = unitAfter(tokens, last + 1, inTime);
        if (end > last) {
          unit = textOf(paragraph, firstUnitWord(tokens, last + 1, end), end);
          last = end;
        }
      }
    }
    if (!unit && !read.vague && !read.fraction) {
      i = last;
      continue;
    }
    let qualifier: string | null = null;
    if (!between) {
      const found = qualifierBefore(tokens, first);
      const prepositional = found?.text === 'over' && unit !== null && DURATION_WORDS.has(unit);
      if (found && !prepositional) {
        qualifier = found.text;
        first = found.start;
      }
    }
    if (tokens[first]!.sentence !== tokens[last]!.sentence) last = lastInSentence(tokens, first);
    spans.push({
      first,
      last,
      value: read.value,
      ...(upper === undefined ? {} : { upper }),
      unit,
      qualifier,
    });
    i = last;
  }
  return spans;
}

function firstUnitWord(tokens: readonly Tok[], from: number, end: number): number {
  let k = from;
  while (k < end && COUNT_MODIFIERS.has(tokens[k]!.base)) k++;
  return k;
}

function lastInSentence(tokens: readonly Tok[], first: number): number {
  let k = first;
  while (tokens[k + 1] && tokens[k + 1]!.sentence === tokens[first]!.sentence) k++;
  return k;
}

/** The paragraph text from token `first` to token `last`, as written. */
export function textOf(paragraph: TokenizedParagraph, first: number, last: number): string {
  return paragraph.text.slice(paragraph.tokens[first]!.start, paragraph.tokens[last]!.end);
}
