import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/core/corpus/normalizeText.js';

describe('corpus', () => {
  describe('normalizeText', () => {
    it('lower-cases text', () => {
      expect(normalizeText('U.S. President Donald Trump')).toBe('u.s. president donald trump');
    });

    it('removes diacritics', () => {
      expect(normalizeText('Kyïv, Kraków, Zürich, São Paulo, Ñandú')).toBe(
        'kyiv, krakow, zurich, sao paulo, nandu',
      );
    });

    it('folds typographic apostrophes to a straight one', () => {
      expect(normalizeText('Ukraine’s ‘aid’ Zelenskiy`s')).toBe("ukraine's 'aid' zelenskiy's");
    });

    it('folds typographic double quotes to a straight one', () => {
      expect(normalizeText('“no progress at all,” «non»')).toBe('"no progress at all," "non"');
    });

    it('folds en and em dashes and the minus sign to a hyphen', () => {
      expect(normalizeText('Trump–Putin — talks ‑ 5 − 3')).toBe('trump-putin - talks - 5 - 3');
    });

    it('drops zero-width and direction characters', () => {
      expect(normalizeText('Ky\u200biv\ufeff \u202aOdesa\u202c')).toBe('kyiv odesa');
    });

    it('makes the story’s and the reader’s spellings of a phrase equal', () => {
      expect(normalizeText('Zelenskiy’s office – “serious risk”')).toBe(
        normalizeText('ZELENSKIY\'s office - "serious risk"'),
      );
    });

    it('never throws and never leaves a typographic quote, dash or upper-case ASCII letter for any text', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
          const folded = normalizeText(text);
          expect(folded).not.toMatch(/[A-Z’‘“”–—\u200b\ufeff]/);
          expect([...folded].some((c) => c >= '\u0300' && c <= '\u036f')).toBe(false);
        }),
        { numRuns: 500 },
      );
    });
  });
});
