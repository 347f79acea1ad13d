import type { Tok } from './tokens.js';

const UNITS: Readonly<Record<string, number>> = Object.fromEntries(
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'
    .split(' ')
    .map((word, i) => [word, i]),
);
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
/** Words that multiply the number before them ("1.4 million", "30bn"). */
export const SCALES: Readonly<Record<string, number>> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  bn: 1e9,
  b: 1e9,
  tn: 1e12,
  t: 1e12,
};
/** Plural counting words: "dozens" means at least two dozen. */
const VAGUE: Readonly<Record<string, number>> = {
  dozens: 24,
  scores: 40,
  hundreds: 200,
  thousands: 2000,
  millions: 2e6,
  billions: 2e9,
  tens: 20,
};
const FRACTIONS: Readonly<Record<string, number>> = {
  half: 0.5,
  quarter: 0.25,
  third: 1 / 3,
  fifth: 0.2,
  sixth: 1 / 6,
  eighth: 0.125,
  tenth: 0.1,
};

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  $: 'dollars',
  '€': 'euros',
  '£': 'pounds',
  '¥': 'yen',
};
const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  dollar: 'dollars',
  dollars: 'dollars',
  euro: 'euros',
  euros: 'euros',
  pound: 'pounds',
  pounds: 'pounds',
  yen: 'yen',
  yuan: 'yuan',
  renminbi: 'yuan',
  rupee: 'rupees',
  rupees: 'rupees',
  franc: 'francs',
  francs: 'francs',
  hryvnia: 'hryvnias',
  hryvnias: 'hryvnias',
  rouble: 'roubles',
  roubles: 'roubles',
  ruble: 'roubles',
  rubles: 'roubles',
  won: 'won',
  pesos: 'pesos',
  peso: 'pesos',
};

/** The value of a number word or hyphenated compound ("three", "twenty-five"); undefined otherwise. */
export function wordValue(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (lower in UNITS) return UNITS[lower];
  if (lower in TENS) return TENS[lower];
  const compound = /^([a-z]+)-([a-z]+)$/.exec(lower);
  if (
    compound &&
    compound[1]! in TENS &&
    compound[2]! in UNITS &&
    UNITS[compound[2]!]! > 0 &&
    UNITS[compound[2]!]! < 10
  ) {
    return TENS[compound[1]!]! + UNITS[compound[2]!]!;
  }
  return undefined;
}

/** A number read from tokens: digits or words, with scale, currency or percent sign. */
export interface NumberRead {
  value: number;
  /** First and last token (inclusive) of the number itself, currency and percent sign included. */
  first: number;
  last: number;
  /** `dollars`, `euros`, `percent`, `percentage point` … when the number carries one. */
  unit: string | null;
  /** "dozens", "hundreds": the value is a lower bound. */
  vague: boolean;
  /** Written in digits. */
  digits: boolean;
  /** "a quarter", "a fifth": a share, meaningful without a unit. */
  fraction: boolean;
}

function digitValue(text: string): { value: number; scale: number } | undefined {
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-z]*)$/i.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]!.replace(/,/g, '') + (match[2] ?? ''));
  const suffix = match[3]!.toLowerCase();
  if (!suffix) return { value, scale: 1 };
  if (suffix in SCALES) return { value, scale: SCALES[suffix]! };
  return undefined;
}

const word = (tokens: readonly Tok[], i: number) => tokens[i]?.base ?? '';

/**
 * Reads the number starting at token `i`: "14", "40,000", "1.4 million", "$620 billion",
 * "€450 million", "£30bn", "3.2%", "0.25 percentage point", "three", "twenty-five",
 * "a quarter", "dozens". Returns null when no number starts there.
 */
export function readNumber(tokens: readonly Tok[], i: number): NumberRead | null {
  let first = i;
  let at = i;
  let unit: string | null = null;
  let value: number | undefined;
  let vague = false;
  let digits = false;
  let fraction = false;
  // "A$812,000", "US$5 billion": a country prefix glued to the dollar sign.
  const prefix = tokens[at];
  if (
    prefix?.kind === 'word' &&
    /^(A|AU|US|C|CA|NZ|HK|S|R|NT)$/.test(prefix.text) &&
    tokens[at + 1]?.text === '$' &&
    tokens[at + 1]!.start === prefix.end
  ) {
    at++;
  }
  const symbol = tokens[at];
  if (symbol?.kind === 'symbol' && symbol.text in CURRENCY_SYMBOLS) {
    const next = tokens[at + 1];
    if (!next || next.kind !== 'number' || next.start !== symbol.end) return null;
    unit = CURRENCY_SYMBOLS[symbol.text]!;
    at++;
  }
  const token = tokens[at];
  if (!token) return null;
  if (token.kind === 'number') {
    if (/^\d+-\p{L}/u.test(token.text)) return null; // "16-story": an adjective, read elsewhere
    const read = digitValue(token.text);
    if (!read) return null;
    value = read.value * read.scale;
    digits = true;
  } else if (token.kind === 'word') {
    const base = token.base;
    if (base === 'a' || base === 'an' || base === 'one') {
      const share = FRACTIONS[word(tokens, at + 1)];
      if (share !== undefined) {
        value = share;
        fraction = true;
        at++;
        if (word(tokens, at + 1) === 'of' && (word(tokens, at + 2) === 'a' || word(tokens, at + 2) === 'an'))
          at += 2;
      } else if (base !== 'one' && word(tokens, at + 1) === 'dozen') {
        value = 12;
        at++;
      }
    }
    if (value === undefined && base in FRACTIONS && base === 'half') value = 0.5;
    if (value === undefined) value = wordValue(base);
    if (value === undefined && base === 'dozen') value = 12;
    if (value === undefined && base in VAGUE) {
      value = VAGUE[base]!;
      vague = true;
    }
    if (value === undefined) return null;
  } else {
    return null;
  }
  let last = at;
  const scale = SCALES[word(tokens, last + 1)];
  if (scale !== undefined && !vague && word(tokens, last + 1).length > 1) {
    value *= scale;
    last++;
    if (word(tokens, last + 1) === 'and' && wordValue(word(tokens, last + 2)) !== undefined && !digits) {
      value += wordValue(word(tokens, last + 2))!;
      last += 2;
    }
  } else if (!digits && !vague && value >= 20 && wordValue(word(tokens, last + 1)) !== undefined) {
    value += wordValue(word(tokens, last + 1))!;
    last++;
  }
  const after = tokens[last + 1];
  if (after?.kind === 'symbol' && after.text === '%' && after.start === tokens[last]!.end) {
    unit = 'percent';
    last++;
  } else if (after?.base === 'percentage' && /^points?$/.test(word(tokens, last + 2))) {
    unit = 'percentage point';
    last += 2;
  } else if (after?.base === 'basis' && /^points?$/.test(word(tokens, last + 2))) {
    unit = 'basis point';
    last += 2;
  } else if (after?.base === 'percent' || after?.base === 'pct') {
    unit = 'percent';
    last++;
  } else if (after?.base === 'per' && word(tokens, last + 2) === 'cent') {
    unit = 'percent';
    last += 2;
  } else if (!unit && after && CURRENCY_WORDS[after.base]) {
    unit = CURRENCY_WORDS[after.base]!;
    last++;
  }
  first = Math.min(first, i);
  return { value, first, last, unit, vague, digits, fraction };
}

/** Qualifiers read backwards from the number, longest first. */
const QUALIFIERS: readonly string[] = [
  'no more than',
  'no fewer than',
  'no less than',
  'as many as',
  'as much as',
  'as few as',
  'upwards of',
  'more than',
  'less than',
  'fewer than',
  'at least',
  'at most',
  'up to',
  'close to',
  'just over',
  'just under',
  'well over',
  'well above',
  'an estimated',
  'nearly',
  'almost',
  'about',
  'around',
  'roughly',
  'approximately',
  'some',
  'over',
  'under',
  'estimated',
  'only',
  'just',
  'barely',
  'exactly',
  'precisely',
  'an additional',
  'another',
  'a further',
  'below',
  'above',
];

/** The qualifier just before token `first` ("at least"), as token start index and text. */
export function qualifierBefore(
  tokens: readonly Tok[],
  first: number,
): { start: number; text: string } | null {
  for (const qualifier of QUALIFIERS) {
    const parts = qualifier.split(' ');
    const start = first - parts.length;
    if (start < 0) continue;
    if (parts.every((part, k) => tokens[start + k]!.base === part)) {
      return { start, text: qualifier };
    }
  }
  return null;
}

/** How a qualifier bounds the number: a lower or upper bound, an approximation, or exact. */
export function qualifierSense(qualifier: string | null): 'min' | 'max' | 'approx' | 'exact' {
  if (!qualifier) return 'exact';
  if (
    /^(at least|more than|over|well over|well above|upwards of|no fewer than|no less than|above|just over)$/.test(
      qualifier,
    )
  )
    return 'min';
  if (
    /^(at most|less than|fewer than|under|up to|no more than|below|just under|as few as|barely)$/.test(
      qualifier,
    )
  )
    return 'max';
  if (
    /^(nearly|almost|about|around|roughly|approximately|some|close to|an estimated|estimated|as many as|as much as)$/.test(
      qualifier,
    )
  )
    return 'approx';
  return 'exact';
}

/** Formats a number the way a reader would write it back ("14", "1.4 million", "0.25"). */
export function formatNumber(value: number): string {
  const scales: [number, string][] = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  for (const [size, name] of scales) {
    if (Math.abs(value) >= size) return `${Number((value / size).toPrecision(6))} ${name}`;
  }
  return Number(value.toPrecision(10)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}
