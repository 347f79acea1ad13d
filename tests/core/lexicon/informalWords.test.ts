import { describe, expect, it } from 'vitest';
import { expandInformal } from '../../../src/core/lexicon/informalWords.js';

describe('lexicon', () => {
  describe('expandInformal', () => {
    it('writes out the chat spellings readers type', () => {
      expect(expandInformal('whats the score')).toBe('what is the score');
      expect(expandInformal('how many ppl died')).toBe('how many people died');
      expect(expandInformal('whos the ref')).toBe('who is the referee');
    });

    it('writes out a capitalised one that opens the question', () => {
      expect(expandInformal('Whats the score')).toBe('what is the score');
      expect(expandInformal('  Whos in charge')).toBe('  who is in charge');
    });

    it('leaves names and abbreviations alone', () => {
      for (const question of [
        'What did Gov Newsom say',
        'what did George W Bush say',
        'how much did BC Hydro pay',
        'when did the U.S. halt aid',
        'what did U Thant say',
        'what did R&D spending do',
      ]) {
        expect(expandInformal(question)).toBe(question);
      }
    });

    it('does not touch words that merely contain one', () => {
      expect(expandInformal('whatsoever happened to the referendum')).toBe(
        'whatsoever happened to the referendum',
      );
    });
  });
});
