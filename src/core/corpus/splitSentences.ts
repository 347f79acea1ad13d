import type { Sentence } from './types.js';

/** Abbreviations that never end a sentence: a name or number always follows them. */
const NEVER_FINAL = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'sen',
  'rep',
  'gov',
  'lt',
  'col',
  'capt',
  'sgt',
  'cpl',
  'st',
  'rev',
  'hon',
  'pres',
  'maj',
  'adm',
  'cmdr',
  'supt',
  'insp',
  'vs',
  'v',
  'no',
  'nos',
  'mt',
  'ft',
  'approx',
  'fig',
  'ch',
  'vol',
  'pp',
  'ave',
  'blvd',
  'rd',
  'atty',
  'sec',
  'dept',
  'e.g',
  'i.e',
  'cf',
]);
/** Month abbreviations: inside a sentence when a day or year follows. */
const MONTHS = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
/** Abbreviations that may end a sentence; they do when a typical sentence opener follows. */
const MAY_BE_FINAL = new Set([
  'inc',
  'corp',
  'co',
  'ltd',
  'llc',
  'plc',
  'jr',
  'sr',
  'etc',
  'bros',
  'a.m',
  'p.m',
]);
const SENTENCE_OPENERS = new Set([
  'the',
  'a',
  'an',
  'it',
  'its',
  'he',
  'she',
  'they',
  'we',
  'i',
  'you',
  'this',
  'that',
  'these',
  'those',
  'there',
  'but',
  'and',
  'however',
  'in',
  'on',
  'at',
  'as',
  'after',
  'before',
  'when',
  'while',
  'his',
  'her',
  'their',
  'our',
  'meanwhile',
  'still',
  'yet',
  'so',
  'if',
  'for',
  'with',
  'according',
  'officials',
  'then',
  'now',
  'some',
  'many',
  'most',
  'both',
  'one',
  'two',
  'no',
  'earlier',
  'later',
]);

const CANDIDATE = /[.!?…]+["'”’)\]]*(?=\s|$)/g;

function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && !/\s/.test(text[start - 1] ?? '')) start--;
  return text
    .slice(start, end)
    .replace(/^["'“‘([]+/, '')
    .toLowerCase();
}

function nextWord(text: string, from: number): string {
  const match = /^\s*(\S+)/.exec(text.slice(from, from + 60));
  return match?.[1] ?? '';
}

function isBoundary(text: string, punctStart: number, punctEnd: number): boolean {
  const after = nextWord(text, punctEnd);
  if (after === '') return true;
  // A lower-case continuation ("he said", "approx. five") is never a new sentence.
  if (!/^["'“‘([]*[\p{Lu}\p{N}]/u.test(after)) return false;
  const punct = text.slice(punctStart, punctEnd);
  if (!punct.startsWith('.') || punct.startsWith('...')) return true;
  const word = wordBefore(text, punctStart);
  const opener = after
    .replace(/^["'“‘([]+/, '')
    .replace(/[^\p{L}]+$/u, '')
    .toLowerCase();
  if (NEVER_FINAL.has(word)) return false;
  if (MONTHS.has(word)) return !/^\d/.test(after);
  if (MAY_BE_FINAL.has(word)) return SENTENCE_OPENERS.has(opener);
  // Initials ("J.") and dotted abbreviations ("U.S", "a.m"): a sentence ends there only when
  // a typical opener follows ("... from the U.S. The pause ...").
  if (/^(\p{L}\.)*\p{L}$/u.test(word) && (word.length === 1 || word.includes('.'))) {
    return word.length > 1 && SENTENCE_OPENERS.has(opener);
  }
  return true;
}

/**
 * Splits a paragraph into sentences. Every sentence is an exact slice of the paragraph
 * (`text.slice(start, end)`) and together they cover all of its non-space characters.
 * Abbreviations such as `U.S.`, `Mr.` and `Jan. 5`, initials and decimals stay inside.
 */
export function splitSentences(paragraph: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = skipSpace(paragraph, 0);
  for (const match of paragraph.matchAll(CANDIDATE)) {
    const punctStart = match.index;
    const end = punctStart + match[0].length;
    if (end <= start || !isBoundary(paragraph, punctStart, end)) continue;
    sentences.push({ index: sentences.length, start, end, text: paragraph.slice(start, end) });
    start = skipSpace(paragraph, end);
  }
  const tailEnd = paragraph.trimEnd().length;
  if (start < tailEnd) {
    sentences.push({ index: sentences.length, start, end: tailEnd, text: paragraph.slice(start, tailEnd) });
  }
  return sentences;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return i;
}
