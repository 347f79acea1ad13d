import { MONTHS, WEEKDAYS } from './lexicon.js';
import { readNumber } from './numbers.js';
import type { Tok, TokenizedParagraph } from './tokens.js';

/** A time expression found in a paragraph, before it becomes a fact. */
export interface TimeSpan {
  /** First token, including a leading preposition ("on Wednesday"). */
  first: number;
  /** First token of the expression itself ("Wednesday"). */
  core: number;
  last: number;
  date: string | null;
  /** A length of time ("six hours"): it is a quantity too. */
  duration: boolean;
}

const LEADING_PREPOSITIONS = new Set([
  'on',
  'in',
  'by',
  'since',
  'through',
  'until',
  'till',
  'during',
  'over',
  'within',
  'at',
  'from',
  'throughout',
]);
const PARTS_OF_DAY = new Set(['morning', 'afternoon', 'evening', 'night', 'overnight']);
const PERIODS = new Set([
  'week',
  'month',
  'year',
  'weekend',
  'quarter',
  'decade',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'century',
]);
const DURATION_UNITS = new Set([
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
  'night',
  'nights',
  'weekend',
  'weekends',
  'century',
  'centuries',
]);
const SINGLE_WORDS = new Set(['today', 'tonight', 'yesterday', 'tomorrow', 'overnight']);
const DAY_EVENTS = new Set([
  'dawn',
  'dusk',
  'midnight',
  'noon',
  'daybreak',
  'sunrise',
  'sunset',
  'nightfall',
  'midday',
]);
const DAY_QUALIFIERS = new Set([
  'early',
  'late',
  'last',
  'next',
  'this',
  'mid',
  'coming',
  'past',
  'previous',
  'following',
]);
const DURATION_QUALIFIERS = [
  'more than',
  'less than',
  'at least',
  'nearly',
  'almost',
  'about',
  'around',
  'roughly',
  'some',
  'over',
  'the past',
  'the last',
  'the next',
  'the first',
  'another',
  'only',
  'just',
];

const base = (tokens: readonly Tok[], i: number) => tokens[i]?.base ?? '';

function monthAt(tokens: readonly Tok[], i: number): number | undefined {
  const token = tokens[i];
  if (!token || token.kind !== 'word' || !token.cap) return undefined;
  const month = MONTHS[token.base];
  // "May" and "March" are also words; capitalised mid-sentence they are months, and at the
  // start of a sentence only when a day or year follows.
  if (month === undefined) return undefined;
  if (token.first && (token.base === 'may' || token.base === 'march')) {
    const next = tokens[i + 1];
    if (!next || next.kind !== 'number') return undefined;
  }
  return month;
}

function dayNumber(token: Tok | undefined): number | undefined {
  if (!token || token.kind !== 'number') return undefined;
  const match = /^(\d{1,2})(st|nd|rd|th)?$/.exec(token.text);
  const day = match ? Number(match[1]) : NaN;
  return day >= 1 && day <= 31 ? day : undefined;
}

function yearNumber(token: Tok | undefined): number | undefined {
  if (!token || token.kind !== 'number' || !/^(1[89]|20|21)\d\d$/.test(token.text)) return undefined;
  return Number(token.text);
}

interface Calendar {
  month?: number;
  day?: number;
  year?: number;
  weekday?: number;
  /** A word a date can be resolved from: today, yesterday, last-year, this-week … */
  relative?: string;
}

interface Match {
  core: number;
  last: number;
  calendar: Calendar;
  duration: boolean;
}

/** A month with optional day and year: "June 2023", "Jan. 15", "April 10, 2026", "15 March". */
function matchMonth(tokens: readonly Tok[], i: number): Match | null {
  let at = i;
  const day = dayNumber(tokens[at]);
  if (day !== undefined && monthAt(tokens, at + 1) !== undefined) {
    const month = monthAt(tokens, at + 1)!;
    const year = yearNumber(tokens[at + 2]);
    return { core: i, last: year ? at + 2 : at + 1, calendar: { month, day, year }, duration: false };
  }
  if (/^(early|late|mid)$/.test(base(tokens, at)) && monthAt(tokens, at + 1) !== undefined) at++;
  const month = monthAt(tokens, at);
  if (month === undefined) return null;
  let last = at;
  const calendar: Calendar = { month };
  const dayToken = dayNumber(tokens[last + 1]);
  if (dayToken !== undefined) {
    calendar.day = dayToken;
    last++;
    if (tokens[last + 1]?.text === ',' && yearNumber(tokens[last + 2])) last++;
  }
  const year = yearNumber(tokens[last + 1]);
  if (year !== undefined) {
    calendar.year = year;
    last++;
  }
  return { core: i, last, calendar, duration: false };
}

/** "Wednesday", "early Sunday", "late Tuesday", "Saturday evening", "next Monday". */
function matchWeekday(tokens: readonly Tok[], i: number): Match | null {
  let at = i;
  let qualifier = '';
  if (DAY_QUALIFIERS.has(base(tokens, at)) && WEEKDAYS[base(tokens, at + 1)] !== undefined) {
    qualifier = base(tokens, at);
    at++;
  }
  const weekday = WEEKDAYS[base(tokens, at)];
  if (weekday === undefined || !tokens[at]!.cap) return null;
  let last = at;
  if (PARTS_OF_DAY.has(base(tokens, last + 1)) && tokens[last + 1]!.base !== 'overnight') last++;
  const relative = qualifier === 'next' ? 'next-weekday' : qualifier === 'last' ? 'last-weekday' : undefined;
  return { core: i, last, calendar: { weekday, relative }, duration: false };
}

/** Relative expressions: today, overnight, later today, earlier this week, last year, the days ahead … */
function matchRelative(tokens: readonly Tok[], i: number): Match | null {
  const w0 = base(tokens, i);
  const w1 = base(tokens, i + 1);
  const w2 = base(tokens, i + 2);
  const w3 = base(tokens, i + 3);
  if ((w0 === 'later' || w0 === 'earlier') && SINGLE_WORDS.has(w1)) {
    return { core: i, last: i + 1, calendar: { relative: w1 }, duration: false };
  }
  if ((w0 === 'later' || w0 === 'earlier') && w1 === 'this' && PERIODS.has(w2)) {
    return { core: i, last: i + 2, calendar: { relative: `this-${w2}` }, duration: false };
  }
  if (SINGLE_WORDS.has(w0)) return { core: i, last: i, calendar: { relative: w0 }, duration: false };
  if (/^(last|next|this|past|coming|previous)$/.test(w0) && (PERIODS.has(w1) || PARTS_OF_DAY.has(w1))) {
    const sense = w0 === 'past' || w0 === 'previous' ? 'last' : w0 === 'coming' ? 'next' : w0;
    return { core: i, last: i + 1, calendar: { relative: `${sense}-${w1}` }, duration: false };
  }
  if (/^(the|this|last|next|early|late|mid)$/.test(w0) && /^(spring|summer|autumn|winter)$/.test(w1)) {
    const relative = w0 === 'last' || w0 === 'next' || w0 === 'this' ? `${w0}-${w1}` : undefined;
    return { core: i, last: i + 1, calendar: { relative }, duration: false };
  }
  if (w0 === 'the' && /^(days|weeks|months|years|hours)$/.test(w1) && /^(ahead|to come)$/.test(w2)) {
    return { core: i, last: i + 2, calendar: {}, duration: false };
  }
  if (
    w0 === 'the' &&
    /^(coming|next|past|last)$/.test(w1) &&
    /^(days|weeks|months|years|hours|few)$/.test(w2)
  ) {
    const last = w2 === 'few' && /^(days|weeks|months|years|hours)$/.test(w3) ? i + 3 : i + 2;
    return { core: i, last, calendar: {}, duration: false };
  }
  if (
    w0 === 'the' &&
    /^(night|morning|evening|afternoon|weekend)$/.test(w1) &&
    i > 0 &&
    /^(during|overnight|in|through|throughout)$/.test(base(tokens, i - 1))
  ) {
    return { core: i, last: i + 1, calendar: {}, duration: false };
  }
  if (
    /^(shortly|just|soon|hours|minutes|moments|long)$/.test(w0) &&
    /^(after|before)$/.test(w1) &&
    DAY_EVENTS.has(w2)
  ) {
    return { core: i, last: i + 2, calendar: {}, duration: false };
  }
  if (
    /^(at|after|before|by)$/.test(w0) &&
    DAY_EVENTS.has(w1) &&
    !(i > 0 && /^(shortly|just|soon)$/.test(base(tokens, i - 1)))
  ) {
    return { core: i, last: i + 1, calendar: {}, duration: false };
  }
  // Clock times: "4 a.m.", "around 4 a.m.", "10:30 p.m."
  const clockAt = /^(around|about|at|by|after|before|until|from|approximately|roughly|shortly|just)$/.test(w0)
    ? i + 1
    : i;
  const clock = tokens[clockAt];
  if (
    clock?.kind === 'number' &&
    /^\d{1,2}(:\d{2})?$/.test(clock.text) &&
    /^(a\.m|p\.m|am|pm|o'clock)$/.test(base(tokens, clockAt + 1))
  ) {
    return { core: i, last: clockAt + 1, calendar: {}, duration: false };
  }
  const mid = /^mid-((?:1[89]|20|21)\d\d)$/.exec(w0);
  if (mid) return { core: i, last: i, calendar: { year: Number(mid[1]) }, duration: false };
  const year = yearNumber(tokens[i]);
  if (
    year !== undefined &&
    i > 0 &&
    /^(in|since|by|until|from|through|of|before|after|during)$/.test(base(tokens, i - 1))
  ) {
    return { core: i, last: i, calendar: { year }, duration: false };
  }
  return null;
}

/** Lengths of time: "six hours", "nearly three years", "two days", "over five years", "three years ago". */
function matchDuration(tokens: readonly Tok[], i: number): Match | null {
  let at = i;
  for (const qualifier of DURATION_QUALIFIERS) {
    const parts = qualifier.split(' ');
    if (parts.every((part, k) => base(tokens, i + k) === part)) {
      at = i + parts.length;
      break;
    }
  }
  const number = readNumber(tokens, at);
  let unitAt: number;
  if (number && !number.unit) {
    unitAt = number.last + 1;
  } else if (/^(a|an|several|few|many)$/.test(base(tokens, at)) && DURATION_UNITS.has(base(tokens, at + 1))) {
    unitAt = at + 1;
    // "a year" alone is too common to be worth a fact; "a year ago" is a time.
    if (at === i && base(tokens, unitAt + 1) !== 'ago') return null;
  } else {
    return null;
  }
  if (!DURATION_UNITS.has(base(tokens, unitAt))) return null;
  if (base(tokens, unitAt + 1) === 'ago') {
    const amount = number?.value ?? 1;
    return {
      core: i,
      last: unitAt + 1,
      calendar: { relative: `ago-${amount}-${base(tokens, unitAt).replace(/s$/, '')}` },
      duration: false,
    };
  }
  return { core: i, last: unitAt, calendar: {}, duration: true };
}

function matchAt(tokens: readonly Tok[], i: number): Match | null {
  return (
    matchMonth(tokens, i) ?? matchWeekday(tokens, i) ?? matchRelative(tokens, i) ?? matchDuration(tokens, i)
  );
}

const FUTURE_WORDS = new Set([
  'will',
  'would',
  'expected',
  'scheduled',
  'planned',
  'plans',
  'plan',
  'upcoming',
  'next',
  'due',
  'forecast',
  'could',
  'may',
  'begin',
  'starting',
  'set',
  'aims',
  'intends',
  'until',
  'before',
]);

/**
 * Does the expression at token `first` point forward? The words just before it decide
 * ("would begin shipping in April", "planned for June 9"); a past-tense verb there ("said
 * on Friday", "told parliament on Thursday") makes it past even when the sentence later
 * speaks of the future.
 */
function isFuture(tokens: readonly Tok[], first: number): boolean {
  const sentence = tokens[first]?.sentence;
  for (let k = first - 1; k >= 0 && first - k <= 6; k--) {
    const token = tokens[k]!;
    if (token.sentence !== sentence) break;
    if (FUTURE_WORDS.has(token.base)) return true;
    if (token.tags.has('PastTense') && !token.tags.has('Adjective')) return false;
  }
  return false;
}

const DAY = 86_400_000;
/** ISO 8601 season codes (northern hemisphere): spring 21, summer 22, autumn 23, winter 24. */
const SEASONS: Readonly<Record<string, string>> = { spring: '21', summer: '22', autumn: '23', winter: '24' };
const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

function isoWeek(time: number): string {
  const date = new Date(time);
  const weekday = (date.getUTCDay() + 6) % 7;
  const thursday = time - weekday * DAY + 3 * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY));
  return `${year}-W${pad(week)}`;
}

/** Resolves a calendar reading against the published date; null when it cannot be pinned down. */
function resolve(calendar: Calendar, published: string | null, future: boolean): string | null {
  if (calendar.year !== undefined && calendar.month === undefined) return String(calendar.year);
  if (calendar.year !== undefined && calendar.month !== undefined) {
    return calendar.day
      ? `${calendar.year}-${pad(calendar.month)}-${pad(calendar.day)}`
      : `${calendar.year}-${pad(calendar.month)}`;
  }
  if (!published) return null;
  const now = Date.parse(`${published.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(now)) return null;
  const today = new Date(now);
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + 1;
  if (calendar.month !== undefined) {
    const day = calendar.day ?? 1;
    const sameYear = Date.UTC(year, calendar.month - 1, day);
    let chosen = year;
    if (future && (calendar.day ? sameYear < now : calendar.month < month)) chosen = year + 1;
    if (!future && (calendar.day ? sameYear > now : calendar.month > month)) chosen = year - 1;
    return calendar.day
      ? `${chosen}-${pad(calendar.month)}-${pad(calendar.day)}`
      : `${chosen}-${pad(calendar.month)}`;
  }
  if (calendar.weekday !== undefined) {
    const current = today.getUTCDay();
    const forward = future || calendar.relative === 'next-weekday';
    const shift = forward
      ? (calendar.weekday - current + 7) % 7 || 7
      : -((current - calendar.weekday + 7) % 7);
    return iso(now + shift * DAY);
  }
  const relative = calendar.relative;
  if (!relative) return null;
  if (relative === 'today' || relative === 'tonight' || relative === 'overnight') return iso(now);
  if (relative === 'yesterday') return iso(now - DAY);
  if (relative === 'tomorrow') return iso(now + DAY);
  const ago = /^ago-(\d+(?:\.\d+)?)-(day|week|month|year)$/.exec(relative);
  if (ago) {
    const amount = Number(ago[1]);
    if (ago[2] === 'day') return iso(now - amount * DAY);
    if (ago[2] === 'week') return isoWeek(now - amount * 7 * DAY);
    if (ago[2] === 'month') return new Date(Date.UTC(year, month - 1 - amount, 1)).toISOString().slice(0, 7);
    return String(year - amount);
  }
  const [sense, period] = relative.split('-') as [string, string];
  const offset = sense === 'last' ? -1 : sense === 'next' ? 1 : 0;
  if (period === 'week') return isoWeek(now + offset * 7 * DAY);
  if (period === 'month') return new Date(Date.UTC(year, month - 1 + offset, 1)).toISOString().slice(0, 7);
  if (period === 'year') return String(year + offset);
  if (SEASONS[period] !== undefined) {
    const target = year + offset;
    return `${target}-${SEASONS[period]}`;
  }
  if (PARTS_OF_DAY.has(period) && offset === 0) return iso(now);
  if (PARTS_OF_DAY.has(period)) return iso(now + offset * DAY);
  return null;
}

/**
 * Finds the time expressions of a paragraph — dates, weekdays, relative words, clock times
 * and lengths of time — with their leading preposition and, when the story has a
 * `published` date, the date they stand for.
 */
export function findTimes(paragraph: TokenizedParagraph, published: string | null): TimeSpan[] {
  const { tokens } = paragraph;
  const spans: TimeSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const match = matchAt(tokens, i);
    if (!match) continue;
    const future = isFuture(tokens, i);
    let last = match.last;
    let date = resolve(match.calendar, published, future);
    let first = match.core;
    // "between June 2023 and January 2026", "from Monday to Friday": one span, an interval.
    const opener = base(tokens, i - 1);
    const joiner = base(tokens, last + 1);
    if (
      (opener === 'between' && joiner === 'and') ||
      (opener === 'from' && (joiner === 'to' || joiner === 'until'))
    ) {
      const second = matchAt(tokens, last + 2);
      if (second && !second.duration && !match.duration) {
        const end = resolve(second.calendar, published, future);
        date = date && end ? `${date}/${end}` : null;
        last = second.last;
        first = i - 1;
      }
    }
    const previous = tokens[first - 1];
    if (
      first === match.core &&
      previous &&
      LEADING_PREPOSITIONS.has(previous.base) &&
      previous.sentence === tokens[i]!.sentence
    ) {
      first--;
    }
    spans.push({ first, core: match.core, last, date, duration: match.duration });
    i = last;
  }
  return spans;
}
