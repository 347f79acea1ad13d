import { normalizeText } from '../corpus/normalizeText.js';
import type { Paragraph } from '../corpus/types.js';
import { FUNCTION_WORDS } from './lexicon.js';
import { tagText } from './tagger.js';

/** One token of a paragraph, located by offsets into the paragraph text. */
export interface Tok {
  /** Position among the paragraph's tokens. */
  i: number;
  /** As written. */
  text: string;
  start: number;
  end: number;
  /** Normalised (lower case, folded quotes and dashes), possessive and final dot removed. */
  base: string;
  kind: 'word' | 'number' | 'symbol' | 'punct';
  /** Starts with a capital letter. */
  cap: boolean;
  /** Ends in ’s / 's. */
  possessive: boolean;
  /** Index of the sentence holding it. */
  sentence: number;
  /** The first word of its sentence, or of a quotation. */
  first: boolean;
  /** compromise tags of the words it covers. */
  tags: ReadonlySet<string>;
}

/** A paragraph ready for the fact rules: its tokens and sentences. */
export interface TokenizedParagraph {
  number: number;
  text: string;
  tokens: Tok[];
  sentences: Paragraph['sentences'];
}

const TOKEN =
  /\d+(?:[.,]\d+)*(?:[-–][\p{L}\p{N}]+)*(?:[\p{L}]+)?|[\p{L}][\p{L}\p{N}]*(?:(?:[.'’&]|\.?-)[\p{L}\p{N}]+)*\.?|[$€£¥%]|[^\s\p{L}\p{N}]/gu;
/** Abbreviations that keep their final dot ("St.", "Jan.", "Dr."). */
const DOTTED = new Set([
  'st',
  'mr',
  'mrs',
  'ms',
  'dr',
  'jr',
  'sr',
  'prof',
  'gen',
  'gov',
  'sen',
  'rep',
  'rev',
  'lt',
  'col',
  'capt',
  'sgt',
  'inc',
  'corp',
  'co',
  'ltd',
  'no',
  'vs',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mt',
  'ft',
  'ave',
  'blvd',
  'rd',
  'dept',
  'etc',
]);
/** Suffixes split off a name so that "San Jose-based" yields "San Jose". */
const NAME_SUFFIX =
  /^(.*\p{L}\.?)(-(?:based|born|led|backed|owned|made|made|bound|funded|run|listed|donated|supplied|built|era|style))$/u;

function keepsDot(word: string): boolean {
  const bare = word.slice(0, -1);
  if (/\./.test(bare)) return true; // U.S., a.m.
  if (/^\p{Lu}$/u.test(bare)) return true; // an initial
  return DOTTED.has(bare.toLowerCase());
}

function rawTokens(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  for (const match of text.matchAll(TOKEN)) {
    let word = match[0];
    const start = match.index;
    let dot = false;
    if (word.length > 1 && word.endsWith('.') && /[\p{L}\p{N}]/u.test(word) && !keepsDot(word)) {
      word = word.slice(0, -1);
      dot = true;
    }
    const suffix = NAME_SUFFIX.exec(word);
    if (suffix && /^\p{Lu}/u.test(word)) {
      out.push({ text: suffix[1]!, start });
      out.push({ text: suffix[2]!, start: start + suffix[1]!.length });
    } else {
      out.push({ text: word, start });
    }
    if (dot) out.push({ text: '.', start: start + word.length });
  }
  return out;
}

function kindOf(text: string): Tok['kind'] {
  if (/^\d/.test(text)) return 'number';
  if (/^[$€£¥%]$/.test(text)) return 'symbol';
  if (/^[\p{L}]/u.test(text)) return 'word';
  return 'punct';
}

const OPENING_QUOTES = new Set(['“', '"', '‘', "'", '(']);

/** Splits a paragraph into tokens carrying offsets, sentence numbers and compromise tags. */
export function tokenizeParagraph(paragraph: Paragraph): TokenizedParagraph {
  const spans = tagText(paragraph.text);
  let spanAt = 0;
  let sentence = 0;
  const tokens: Tok[] = [];
  let expectFirst = true;
  for (const raw of rawTokens(paragraph.text)) {
    const end = raw.start + raw.text.length;
    while (sentence < paragraph.sentences.length - 1 && raw.start >= paragraph.sentences[sentence]!.end) {
      sentence++;
      expectFirst = true;
    }
    while (spanAt < spans.length && spans[spanAt]!.end <= raw.start) spanAt++;
    const tags = new Set<string>();
    for (let s = spanAt; s < spans.length && spans[s]!.start < end; s++) {
      for (const tag of spans[s]!.tags) tags.add(tag);
    }
    const kind = kindOf(raw.text);
    const normalized = normalizeText(raw.text);
    const possessive =
      kind === 'word' &&
      /\p{L}'s?$/u.test(normalized) &&
      !/^(it|let|that|there|what|who|he|she)'s$/.test(normalized);
    const base = normalized.replace(/'s?$/, '').replace(/\.$/, '');
    const previous = tokens.at(-1);
    const afterQuote =
      previous?.kind === 'punct' && OPENING_QUOTES.has(previous.text) && raw.start === previous.end;
    tokens.push({
      i: tokens.length,
      text: raw.text,
      start: raw.start,
      end,
      base: possessive ? base : normalized.replace(/\.$/, '') || normalized,
      kind,
      cap: /^\p{Lu}/u.test(raw.text),
      possessive,
      sentence,
      first: kind === 'word' && (expectFirst || afterQuote),
      tags,
    });
    if (kind === 'word' || kind === 'number' || kind === 'symbol') expectFirst = false;
  }
  return { number: paragraph.number, text: paragraph.text, tokens, sentences: paragraph.sentences };
}

/** Is there only white space between two tokens? */
export function adjacent(a: Tok, b: Tok, text: string): boolean {
  return /^\s*$/.test(text.slice(a.end, b.start));
}

/**
 * Sentence-initial capitals that do not make a name ("The", "Overnight", "Regional"). A
 * first word followed by another capitalised word ("Spanish Finance Minister", "Fire
 * Chief") belongs to the name unless it is a closed-class word.
 */
export function isCommonCapital(token: Tok, nextIsCapital = false): boolean {
  if (!token.cap) return false;
  if (FUNCTION_WORDS.has(token.base)) return true;
  if (!token.first) return false;
  const proper = [
    'ProperNoun',
    'Person',
    'Place',
    'Organization',
    'Demonym',
    'Acronym',
    'FirstName',
    'LastName',
  ];
  if (proper.some((tag) => token.tags.has(tag))) return false;
  const closed = ['Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Adverb', 'QuestionWord', 'Value'];
  if (closed.some((tag) => token.tags.has(tag))) return true;
  if (nextIsCapital) return false;
  return ['Adjective', 'Verb', 'Copula', 'Date'].some((tag) => token.tags.has(tag));
}

/** `isCommonCapital` for the token at `i`, looking at the word after it. */
export function isCommonCapitalAt(tokens: readonly Tok[], i: number, text: string): boolean {
  const token = tokens[i]!;
  const next = tokens[i + 1];
  const nextIsCapital =
    !!next &&
    next.kind === 'word' &&
    next.cap &&
    adjacent(token, next, text) &&
    !FUNCTION_WORDS.has(next.base);
  return isCommonCapital(token, nextIsCapital);
}
