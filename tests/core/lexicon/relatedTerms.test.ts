import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activeLexicon,
  EMPTY_LEXICON,
  installLexicon,
  parseLexicon,
  type Lexicon,
} from '../../../src/core/lexicon/relatedTerms.js';

/** One term's neighbours, as (neighbour index, similarity 0..1, synonym?), synonyms then closest first. */
type Neighbours = readonly (readonly [number, number, boolean?])[];

/**
 * Writes a lexicon in the layout of scripts/build-lexicon.mjs (little-endian): "NDLX2\n",
 * u32 header length, header JSON, u32 vocabulary byte length, the terms joined by "\n",
 * u32 offsets[terms + 1], u16 neighbour ids, a byte per link: 128 for a synonym plus the
 * similarity ×127.
 */
function encodeLexicon(terms: readonly string[], neighbours: readonly Neighbours[], magic = 'NDLX2\n') {
  const encoder = new TextEncoder();
  const header = encoder.encode(JSON.stringify({ source: 'test', terms: terms.length }));
  const vocabulary = encoder.encode(terms.join('\n'));
  const links = neighbours.flat();
  const magicBytes = encoder.encode(magic);
  const size =
    magicBytes.length +
    4 +
    header.length +
    4 +
    vocabulary.length +
    4 * (terms.length + 1) +
    2 * links.length +
    links.length;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = 0;
  const put = (part: Uint8Array) => {
    bytes.set(part, at);
    at += part.length;
  };
  const u32 = (n: number) => {
    view.setUint32(at, n, true);
    at += 4;
  };
  put(magicBytes);
  u32(header.length);
  put(header);
  u32(vocabulary.length);
  put(vocabulary);
  let offset = 0;
  for (const list of neighbours) {
    u32(offset);
    offset += list.length;
  }
  u32(offset);
  for (const [id] of links) {
    view.setUint16(at, id, true);
    at += 2;
  }
  for (const [, similarity, synonym] of links)
    bytes[at++] = (synonym ? 128 : 0) | Math.round(similarity * 127);
  expect(at).toBe(size);
  return bytes;
}

const TERMS = ['jail', 'prison', 'sentenc', 'flood', 'rain', 'lonely', 'café'];
const NEIGHBOURS: Neighbours[] = [
  [
    [1, 0.85, true],
    [2, 0.8],
  ],
  [
    [0, 0.85],
    [2, 0.71],
  ],
  [
    [0, 0.8],
    [1, 0.71],
  ],
  [[4, 0.76]],
  [[3, 0.76]],
  [],
  [[4, 0.5]],
];
const TINY = encodeLexicon(TERMS, NEIGHBOURS);

const termsOf = (lexicon: Lexicon, term: string) => lexicon.related(term).map((r) => r.term);

describe('lexicon', () => {
  describe('parseLexicon', () => {
    it('knows every term of the vocabulary', () => {
      expect(parseLexicon(TINY).size).toBe(TERMS.length);
    });

    it('gives each term its neighbours, in the order they were written (closest first)', () => {
      const lexicon = parseLexicon(TINY);
      expect(termsOf(lexicon, 'jail')).toEqual(['prison', 'sentenc']);
      expect(termsOf(lexicon, 'prison')).toEqual(['jail', 'sentenc']);
      expect(termsOf(lexicon, 'flood')).toEqual(['rain']);
      expect(termsOf(lexicon, 'café')).toEqual(['rain']);
    });

    it('gives similarities as the seven bits they were quantised to, over 127', () => {
      const lexicon = parseLexicon(TINY);
      TERMS.forEach((term, i) => {
        const related = lexicon.related(term);
        expect(related).toHaveLength(NEIGHBOURS[i]!.length);
        related.forEach((r, k) => {
          const written = NEIGHBOURS[i]![k]![1];
          expect(r.similarity).toBeCloseTo(Math.round(written * 127) / 127, 10);
          expect(Math.abs(r.similarity - written)).toBeLessThanOrEqual(0.5 / 127 + 1e-12);
          expect(r.synonym).toBe(NEIGHBOURS[i]![k]![2] === true);
        });
      });
    });

    it('gives the same neighbours when asked again', () => {
      const lexicon = parseLexicon(TINY);
      const first = lexicon.related('jail');
      expect(lexicon.related('jail')).toEqual(first);
    });

    it('gives no neighbours for a known term without any, nor for an unknown term', () => {
      const lexicon = parseLexicon(TINY);
      expect(lexicon.related('lonely')).toEqual([]);
      expect(lexicon.related('unheard')).toEqual([]);
      expect(lexicon.related('')).toEqual([]);
      expect(lexicon.related('JAIL')).toEqual([]);
    });

    it('does not mistake object members for terms', () => {
      const lexicon = parseLexicon(TINY);
      for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        expect(lexicon.related(name)).toEqual([]);
      }
    });

    it('reads a lexicon that sits at an unaligned offset inside a larger buffer', () => {
      const larger = new Uint8Array(TINY.length + 10);
      larger.set(TINY, 3);
      const lexicon = parseLexicon(larger.subarray(3, 3 + TINY.length));
      expect(lexicon.size).toBe(TERMS.length);
      expect(termsOf(lexicon, 'jail')).toEqual(['prison', 'sentenc']);
      expect(lexicon.related('rain')[0]!.similarity).toBeCloseTo(Math.round(0.76 * 127) / 127, 10);
    });

    it('refuses bytes that do not start with the lexicon magic', () => {
      expect(() => parseLexicon(encodeLexicon(TERMS, NEIGHBOURS, 'NDLX1\n'))).toThrow(
        /not a newsdesk lexicon/,
      );
      expect(() => parseLexicon(new TextEncoder().encode('{"terms": []}'))).toThrow(/not a newsdesk lexicon/);
      expect(() => parseLexicon(new Uint8Array(0))).toThrow();
    });

    it('refuses a lexicon that lacks its last similarity byte', () => {
      expect(() => parseLexicon(TINY.subarray(0, TINY.length - 1))).toThrow(/truncated newsdesk lexicon/);
    });

    it('refuses a lexicon cut short anywhere', () => {
      for (let cut = 0; cut < TINY.length; cut++) {
        expect(() => parseLexicon(TINY.subarray(0, cut)), `cut at byte ${cut}`).toThrow();
      }
    });
  });

  describe('EMPTY_LEXICON', () => {
    it('knows no term', () => {
      expect(EMPTY_LEXICON.size).toBe(0);
      expect(EMPTY_LEXICON.related('prison')).toEqual([]);
    });
  });

  describe('installLexicon and activeLexicon', () => {
    let previous: Lexicon;
    beforeEach(() => {
      previous = activeLexicon();
    });
    afterEach(() => {
      installLexicon(previous);
    });

    it('start with the lexicon the test setup loaded, which knows terms', () => {
      expect(activeLexicon().size).toBeGreaterThan(0);
    });

    it('make the installed lexicon the one queries use', () => {
      const tiny = parseLexicon(TINY);
      installLexicon(tiny);
      expect(activeLexicon()).toBe(tiny);
      expect(termsOf(activeLexicon(), 'flood')).toEqual(['rain']);
    });

    it('can install the empty lexicon, which then knows nothing', () => {
      installLexicon(EMPTY_LEXICON);
      expect(activeLexicon()).toBe(EMPTY_LEXICON);
      expect(activeLexicon().related('prison')).toEqual([]);
    });

    it('keep only the last lexicon installed', () => {
      const first = parseLexicon(TINY);
      const second = parseLexicon(TINY);
      installLexicon(first);
      installLexicon(second);
      expect(activeLexicon()).toBe(second);
    });
  });
});
