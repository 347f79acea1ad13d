const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /[’‘‛`´ʼ′]/g;
const DOUBLE_QUOTES = /[“”„‟″«»]/g;
const DASHES = /[‐‑‒–—―−]/g;
const INVISIBLES = /[\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]/g;

/**
 * Folds text for matching: lower case, no diacritics, one apostrophe, one double quote and
 * one dash. Excerpts are never built from this form; it is only compared.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(INVISIBLES, '')
    .replace(APOSTROPHES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .toLowerCase();
}
