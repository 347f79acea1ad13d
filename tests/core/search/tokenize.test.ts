import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termOfWord } from '../../../src/core/search/aliases.js';
import {
  acronymsOf,
  analyzeText,
  termsOfToken,
  tokenize,
  type Token,
} from '../../../src/core/search/tokenize.js';

const surfaces = (text: string) => tokenize(text).map((t) => t.surface);
const sameTerms = (a: string, b: string) => expect(analyzeText(a).sort()).toEqual(analyzeText(b).sort());
const tokenOf = (surface: string): Token => ({
  surface,
  norm: surface.toLowerCase(),
  position: 0,
  capitalized: /^\p{Lu}/u.test(surface),
  start: 0,
});

describe('search', () => {
  describe('tokenize', () => {
    it('keeps abbreviations, compounds, decimals, thousands and possessives as one token each', () => {
      expect(
        surfaces('The U.S. sent F-16s, 4.75 tonnes, 1,200 shells and Ukraine’s 16-story GMLRS.'),
      ).toEqual([
        'The',
        'U.S.',
        'sent',
        'F-16s',
        '4.75',
        'tonnes',
        '1,200',
        'shells',
        'and',
        'Ukraine’s',
        '16-story',
        'GMLRS',
      ]);
    });

    it('drops a sentence-final full stop but keeps the dots of an abbreviation', () => {
      expect(surfaces('They left on Jan. 5. Then came the U.S.')).toEqual([
        'They',
        'left',
        'on',
        'Jan',
        '5',
        'Then',
        'came',
        'the',
        'U.S.',
      ]);
    });

    it('makes currency and percent signs tokens of their own', () => {
      expect(surfaces('$499 to €5, up 3.2%')).toEqual(['$', '499', 'to', '€', '5', 'up', '3.2', '%']);
    });

    it('records the normalised form, the offset and capitalisation of each token', () => {
      const [first, second] = tokenize('Zelenskiy’s  office');
      expect(first).toEqual({
        surface: 'Zelenskiy’s',
        norm: "zelenskiy's",
        position: 0,
        capitalized: true,
        start: 0,
      });
      expect(second).toEqual({
        surface: 'office',
        norm: 'office',
        position: 1,
        capitalized: false,
        start: 13,
      });
    });

    it('locates every token at its offset in the text for any text', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
          tokenize(text).forEach((token, i) => {
            expect(token.position).toBe(i);
            expect(text.slice(token.start, token.start + token.surface.length)).toBe(token.surface);
          });
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('analyzeText', () => {
    it('finds U.S., US and United States as the same term but not the pronoun us', () => {
      expect(analyzeText('U.S.')).toEqual(['u.s']);
      expect(analyzeText('US')).toEqual(['u.s']);
      expect(analyzeText('United States')).toContain('u.s');
      expect(analyzeText('the U.S. arms')).toEqual(['u.s', 'weapon']);
      expect(analyzeText('us')).not.toContain('u.s');
    });

    it('indexes F-16s whole, without its hyphen and in parts, so F-16, F16 and f-16 find it', () => {
      expect(analyzeText('F-16s')).toEqual(['f-16', 'f16', 'f', '16']);
      expect(analyzeText('F-16')).toEqual(['f-16', 'f16', 'f', '16']);
      expect(analyzeText('F16')).toEqual(['f16']);
    });

    it('indexes 16-story whole and in parts, and 16-storey the same way', () => {
      expect(analyzeText('16-story')).toEqual(['16-story', '16story', '16', 'stori']);
      expect(analyzeText('16-storey')).toContain('16');
      expect(analyzeText('16-storey')).toContain('stori');
    });

    it('keeps an all-capitals acronym such as GMLRS, singular or plural alike', () => {
      expect(analyzeText('GMLRS rockets')).toEqual(['gmlr', 'rocket']);
      expect(analyzeText('GMLRS')).toEqual(analyzeText('gmlrs'));
    });

    it('indexes hyphenated words whole and in parts, whatever dash joins them', () => {
      expect(analyzeText('precision-guided')).toEqual(['precision-guided', 'precis', 'guid']);
      expect(analyzeText('Trump–Putin')).toEqual(['trump-putin', 'trump', 'putin']);
      expect(analyzeText('Trump—Putin')).toEqual(['trump-putin', 'trump', 'putin']);
    });

    it('finds the parts of U.S.-donated', () => {
      expect(analyzeText('U.S.-donated')).toEqual(['u.s', 'donat']);
    });

    it('folds possessives with either apostrophe into the plain name', () => {
      sameTerms('Ukraine’s', 'Ukraine');
      sameTerms("Ukraine's", 'Ukraine');
      sameTerms('Zelenskiy’s', 'Zelenskiy');
      sameTerms("Ukrainians'", 'Ukraine');
    });

    it('matches model names written with and without their hyphen (GT-5s, GT5s)', () => {
      expect(analyzeText('GT-5s')).toEqual(['gt-5', 'gt5', 'gt', '5']);
      expect(analyzeText('GT5s')).toEqual(['gt5']);
      expect(analyzeText('X-200')).toContain('x200');
    });

    it('reads numbers with thousands separators and decimals as numbers', () => {
      expect(analyzeText('1,200')).toEqual(['1200']);
      sameTerms('1,200', '1200');
      expect(analyzeText('4.75')).toEqual(['4.75']);
      expect(analyzeText('1,200.50')).toEqual(['1200.50']);
    });

    it('reads %, per cent and percent as the same word', () => {
      expect(analyzeText('3.2%')).toEqual(['3.2', 'percent']);
      sameTerms('3.2%', '3.2 percent');
      expect(analyzeText('3.2 per cent')).toEqual(expect.arrayContaining(['3.2', 'percent']));
    });

    it('reads currency signs as currency words', () => {
      expect(analyzeText('$499')).toEqual(['dollar', '499']);
      sameTerms('$499', '499 dollars');
      sameTerms('€5', '5 euros');
      sameTerms('£40', '40 pounds');
    });

    it('reads number words as digits', () => {
      expect(analyzeText('fourteen')).toEqual(['14']);
      expect(analyzeText('twenty')).toEqual(['20']);
      expect(analyzeText('forty')).toEqual(['40']);
      sameTerms('three years', '3 years');
    });

    it('treats the spellings of Zelensky as one name', () => {
      for (const name of ['Zelensky', 'Zelenskyy', 'Zelenskyi']) sameTerms(name, 'Zelenskiy');
    });

    it('treats Kiev as Kyiv, with or without diacritics', () => {
      sameTerms('Kiev', 'Kyiv');
      sameTerms('Kyïv', 'Kyiv');
    });

    it('treats hurt, injured and wounded as one word', () => {
      for (const word of ['hurt', 'wounded', 'injuring', 'injuries']) sameTerms(word, 'injured');
    });

    it('treats weapons and arms, cars and vehicles, talk and call as one word each', () => {
      sameTerms('arms', 'weapons');
      sameTerms('cars', 'vehicles');
      sameTerms('conversation', 'call');
      sameTerms('talk', 'call');
    });

    it('stems English words so inflections meet', () => {
      sameTerms('rockets', 'rocket');
      sameTerms('intensified', 'intensify');
      expect(termOfWord('missiles')).toBe(termOfWord('missile'));
    });

    it('folds British spellings into American ones', () => {
      sameTerms('defence', 'defense');
      sameTerms('neighbourhood', 'neighborhood');
    });

    it('drops stop words', () => {
      expect(analyzeText('What is the of and who were they')).toEqual([]);
      expect(analyzeText('the drone strike on Kyiv')).toEqual(analyzeText('drone strike Kyiv'));
    });

    it('adds the acronym of a capitalised name so ECB finds European Central Bank and BoE Bank of England', () => {
      expect(analyzeText('the European Central Bank')).toContain('ecb');
      expect(analyzeText('ECB')).toEqual(['ecb']);
      expect(analyzeText('Bank of England')).toContain('boe');
      expect(analyzeText('BoE')).toEqual(['boe']);
    });

    // Bug: a possessive ends the name run, so "the European Central Bank's" gets no "ecb"
    // and "What did the ECB president say?" is declined against such a story.
    it('adds the acronym of a capitalised name in the possessive', () => {
      expect(analyzeText('the European Central Bank’s president')).toContain('ecb');
    });

    it('never throws and returns only non-empty string terms for any unicode text', () => {
      // Object.prototype member names are left to the test below, which shows the bug they hit.
      const prototypeName = new RegExp(
        `(^|[^\\p{L}])(${Object.getOwnPropertyNames(Object.prototype).join('|')})($|[^\\p{L}])`,
        'iu',
      );
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
          fc.pre(!prototypeName.test(text));
          const terms = analyzeText(text);
          expect(Array.isArray(terms)).toBe(true);
          for (const term of terms) {
            expect(typeof term).toBe('string');
            expect(term.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 500 },
      );
    });

    // Minor bug: NFKD turns the Arabic ligature U+FC5E into a space and two marks, and the
    // space stays inside the term (" ٌّ").
    it('returns terms without white space, even for characters that decompose to a space', () => {
      for (const term of analyzeText('\ufc5e x')) expect(term).not.toMatch(/\s/);
    });

    // Bug: plain-object lookups (SYMBOLS, SPELLINGS…) find Object.prototype members, so
    // "valueOf" gives the term [Function: valueOf] and "Constructor" throws
    // "word.replace is not a function".
    it('returns string terms for words that name Object.prototype members', () => {
      for (const text of ['valueOf', 'constructor', 'toString', 'Constructor of the year']) {
        const terms = analyzeText(text);
        expect(terms.every((term) => typeof term === 'string')).toBe(true);
      }
    });

    it('never throws on text made of the tokenizer’s own tricky pieces', () => {
      const piece = fc.constantFrom(
        'U.S.',
        '-',
        '–',
        '.',
        "'",
        '’',
        's',
        'F',
        '16',
        ',',
        '000',
        '%',
        '$',
        'the',
        'of',
        'Bank',
        'A',
        '&',
        '/',
        ' ',
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
          for (const term of analyzeText(pieces.join(''))) expect(term).not.toBe('');
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('termsOfToken', () => {
    it('turns symbols into words', () => {
      expect(termsOfToken(tokenOf('%'))).toEqual(['percent']);
      expect(termsOfToken(tokenOf('¥'))).toEqual(['yen']);
    });

    // Bug: the doc example says `u.s.-donated` → `u.s.-donated`, `u.s`, `donat`; the part
    // comes out as `u.s.`, which does not match the `u.s` that U.S. is indexed as.
    it('indexes the U.S. part of U.S.-donated as U.S. is indexed', () => {
      expect(termsOfToken(tokenOf('U.S.-donated'))).toEqual(['u.s.-donated', 'u.s', 'donat']);
    });
  });

  describe('acronymsOf', () => {
    it('gives initials of capitalised runs, with and without connectors, and stops at punctuation', () => {
      const text = 'The Bank of England, Federal Reserve Board';
      expect(acronymsOf(text, tokenize(text))).toEqual(['tbe', 'tboe', 'boe', 'frb']);
    });
  });
});
