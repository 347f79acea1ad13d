import { normalizeText } from '../corpus/normalizeText.js';
import { capitalAbbreviation, numberWord, phraseAt, stemWord, termOfWord } from './aliases.js';
import { STOP_WORDS } from './stopWords.js';

/** A word as found in text, before it becomes index terms. */
export interface Token {
  /** Normalised form (lower case, folded punctuation), abbreviation dots kept: `u.s.`. */
  norm: string;
  /** As written. */
  surface: string;
  /** Position among the tokens of the text. */
  position: number;
  /** Starts with a capital letter as written. */
  capitalized: boolean;
  /** Offset of the token in the text. */
  start: number;
}

const TOKEN = /[$€£¥%]|(?:\d{1,3}(?:,\d{3})+|[\p{L}\p{N}]+)(?:(?:['’.\-–—‐‑&/])[\p{L}\p{N}]+)*\.?/gu;
const DOTTED_ABBREVIATION = /^(?:\p{L}\.){2,}$/u;
const SYMBOLS: Readonly<Record<string, string>> = {
  $: 'dollar',
  '€': 'euro',
  '£': 'pound',
  '¥': 'yen',
  '%': 'percent',
};

/** Word forms repeat (Zipf), so their normalised form and terms are computed once each. */
const MEMO_LIMIT = 200_000;
const normalForms = new Map<string, string>();
const tokenTerms = new Map<string, readonly string[]>();

function remember<V>(memo: Map<string, V>, key: string, compute: () => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    value = compute();
    memo.set(key, value);
  }
  return value;
}

/** Splits text into word tokens. `U.S.`, `F-16s`, `4.75`, `1,200` and `Ukraine’s` stay one token each. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    let surface = match[0];
    if (surface.endsWith('.') && !DOTTED_ABBREVIATION.test(surface)) surface = surface.slice(0, -1);
    tokens.push({
      surface,
      norm: remember(normalForms, surface, () => normalizeText(surface)),
      position: tokens.length,
      capitalized: /^\p{Lu}/u.test(surface),
      start: match.index,
    });
  }
  return tokens;
}

/** "forty-two" → "42". */
function numberOfWords(parts: readonly string[]): string | undefined {
  if (parts.length !== 2) return undefined;
  const tens = numberWord(parts[0]!);
  const units = numberWord(parts[1]!);
  if (!tens || !units || Number(tens) < 20 || Number(tens) % 10 !== 0 || Number(units) > 9) return undefined;
  return String(Number(tens) + Number(units));
}

function simpleTerms(word: string): string[] {
  if (word === '' || STOP_WORDS.has(word) || /\s/.test(word)) return [];
  if (/^\d[\d,]*(\.\d+)?$/.test(word)) return [word.replace(/,/g, '')];
  return [termOfWord(word)];
}

/**
 * The index terms of one token. Compound forms are findable whole and in parts:
 * `f-16s` → `f-16`, `f`, `16`; `u.s.-donated` → `u.s.-donated`, `u.s`, `donat`.
 */
export function termsOfToken(token: Token): readonly string[] {
  return remember(tokenTerms, token.surface, () => computeTerms(token));
}

function computeTerms(token: Token): string[] {
  const symbol = Object.hasOwn(SYMBOLS, token.surface) ? SYMBOLS[token.surface] : undefined;
  if (symbol) return [symbol];
  const abbreviation = capitalAbbreviation(token.surface);
  if (abbreviation) return [abbreviation];
  if (STOP_WORDS.has(token.norm)) return [];
  const word = token.norm.replace(/'s?$/, '').replace(/\.$/, '');
  if (DOTTED_ABBREVIATION.test(token.norm)) return [termOfWord(word)];
  if (/^[\p{L}\p{N}]+$/u.test(word)) return simpleTerms(word);
  if (/^\d[\d,]*\.\d+$/.test(word)) return [word.replace(/,/g, '')];
  const parts = word
    .split(/[-&/]+/)
    .map((part) => part.replace(/\.$/, ''))
    .filter(Boolean);
  const compoundNumber = numberOfWords(parts);
  if (compoundNumber) return [compoundNumber];
  const partTerms = parts.flatMap((part) => {
    if (/^(?:\p{L}\.)+\p{L}$/u.test(part)) return [termOfWord(part)];
    return simpleTerms(part.replace(/'/g, ''));
  });
  if (parts.length < 2) return partTerms;
  const whole = word.replace(/'/g, '').replace(/(\d)s$/, '$1');
  const variants = [whole];
  // Model names are written with and without their hyphen: GT-5s, GT5s.
  if (/\d/.test(whole) && /\p{L}/u.test(whole)) variants.push(whole.replace(/[-&/]/g, ''));
  return [...variants, ...partTerms.filter((term) => !variants.includes(term))];
}

const NAME_CONNECTORS = new Set(['of', 'and', 'for', 'the', '&']);
const MAX_NAME_WORDS = 6;

function initials(words: readonly Token[]): string[] {
  const capitals = words.filter((t) => t.capitalized);
  if (capitals.length < 2) return [];
  const forms = new Set([capitals.map((t) => t.norm[0]).join(''), words.map((t) => t.norm[0]).join('')]);
  return [...forms].filter((acronym) => acronym.length >= 3);
}

/**
 * Acronyms of capitalised names, so that `ECB` finds "European Central Bank" and `BoE`
 * finds "Bank of England": initials of the capitalised words, and with the connectors,
 * for every name-like run of adjacent words (punctuation breaks a run).
 */
export function acronymsOf(text: string, tokens: readonly Token[]): string[] {
  const acronyms: string[] = [];
  let run: Token[] = [];
  const flush = () => {
    while (run.length > 0 && !run.at(-1)!.capitalized) run.pop();
    for (let i = 0; i < run.length - 1; i++) {
      if (run[i]!.capitalized) acronyms.push(...initials(run.slice(i, i + MAX_NAME_WORDS)));
    }
    run = [];
  };
  for (const token of tokens) {
    const previous = run.at(-1);
    const adjacent =
      previous && /^\s+$/.test(text.slice(previous.start + previous.surface.length, token.start));
    if (previous && !adjacent) flush();
    // "The European Central Bank’s president": the possessive ends the name but belongs to it.
    const possessive = /^\p{L}+['’]s?$/u.test(token.surface);
    const word = possessive || /^\p{L}+$/u.test(token.surface);
    if (word && token.capitalized) run.push(token);
    else if (word && run.length > 0 && NAME_CONNECTORS.has(token.norm)) run.push(token);
    else flush();
    if (possessive) flush();
  }
  flush();
  return acronyms;
}

/**
 * All index terms of a text; `names` collects the terms written capitalised inside it.
 * A two-word name or idiom (`United States`, `chief executive`)
 * adds its own term beside its words', so either wording finds it.
 */
export function analyzeText(text: string, names?: Set<string>): string[] {
  const tokens = tokenize(text);
  const words = tokens.map((token) => token.norm);
  const terms: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const phrase = phraseAt(words, i);
    if (phrase) terms.push(phrase.term);
    for (const term of termsOfToken(token)) {
      terms.push(term);
      // Capitalised inside a sentence: a name (only names are matched loosely against names).
      if (names && i > 0 && token.capitalized) names.add(term);
    }
  }
  for (const acronym of acronymsOf(text, tokens)) terms.push(acronym);
  return terms;
}

export { stemWord };
