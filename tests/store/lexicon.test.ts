import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { activeLexicon, parseLexicon } from '../../src/core/lexicon/relatedTerms.js';
import { termOfWord } from '../../src/core/search/aliases.js';
import { loadLexicon } from '../../src/store/lexicon.js';

const RESOURCE = fileURLToPath(new URL('../../src/resources/related-terms.bin', import.meta.url));

/** The header and vocabulary of the shipped file, read by the layout of scripts/build-lexicon.mjs. */
function readKeys(bytes: Uint8Array): { header: { terms?: number; neighbours?: number }; keys: Set<string> } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder();
  let at = 'NDLX2\n'.length;
  const headerLength = view.getUint32(at, true);
  const header = JSON.parse(decoder.decode(bytes.subarray(at + 4, at + 4 + headerLength))) as {
    terms?: number;
    neighbours?: number;
  };
  at += 4 + headerLength;
  const vocabularyLength = view.getUint32(at, true);
  const keys = new Set(decoder.decode(bytes.subarray(at + 4, at + 4 + vocabularyLength)).split('\n'));
  return { header, keys };
}

const { header, keys } = readKeys(readFileSync(RESOURCE));

/** General English words, of the kind news questions and stories use. */
const COMMON_WORDS = ['prison', 'flood', 'election', 'hospital', 'minister', 'price', 'storm', 'police'];

describe('store', () => {
  describe('loadLexicon', () => {
    it('loads the shipped resource once: a second call gives the same lexicon', () => {
      const first = loadLexicon();
      expect(loadLexicon()).toBe(first);
    });

    it('makes the loaded lexicon the one queries use', () => {
      expect(activeLexicon()).toBe(loadLexicon());
    });

    it('knows more than 30,000 terms, as many as the resource header says', () => {
      const lexicon = loadLexicon();
      expect(lexicon.size).toBeGreaterThan(30_000);
      expect(lexicon.size).toBe(keys.size);
      if (header.terms !== undefined) expect(lexicon.size).toBe(header.terms);
    });

    it('knows common words by the terms the engine makes of them', () => {
      const lexicon = loadLexicon();
      for (const word of [...COMMON_WORDS, 'jailed', 'sentenced', 'killed', 'rain']) {
        const term = termOfWord(word);
        expect(keys.has(term), `"${word}" → "${term}" is a key`).toBe(true);
        expect(lexicon.related(term).length, `"${word}" → "${term}" has related terms`).toBeGreaterThan(0);
      }
    });

    it('relates "jailed" to "prison" or "sentenced", by the engine’s terms', () => {
      const related = loadLexicon()
        .related(termOfWord('jailed'))
        .map((r) => r.term);
      expect(related.some((term) => term === termOfWord('prison') || term === termOfWord('sentenced'))).toBe(
        true,
      );
    });

    it('relates "flood" to "rain", by the engine’s terms', () => {
      const related = loadLexicon()
        .related(termOfWord('flood'))
        .map((r) => r.term);
      expect(related).toContain(termOfWord('rain'));
    });

    it('lists as related only terms it knows itself', () => {
      const lexicon = loadLexicon();
      for (const word of COMMON_WORDS) {
        for (const { term } of lexicon.related(termOfWord(word))) {
          expect(keys.has(term) || lexicon.related(term).length > 0, `"${term}" (related to ${word})`).toBe(
            true,
          );
        }
      }
    });

    it('lists synonyms first, then related terms closest first, with similarities in 0..1, never the term itself', () => {
      const lexicon = loadLexicon();
      for (const word of COMMON_WORDS) {
        const term = termOfWord(word);
        const related = lexicon.related(term);
        if (header.neighbours !== undefined) expect(related.length).toBeLessThanOrEqual(header.neighbours);
        for (const [i, r] of related.entries()) {
          expect(r.term).not.toBe(term);
          expect(r.similarity).toBeGreaterThan(0);
          expect(r.similarity).toBeLessThanOrEqual(1);
          const previous = related[i - 1];
          if (previous && previous.synonym === r.synonym)
            expect(r.similarity).toBeLessThanOrEqual(previous.similarity);
          if (previous && !previous.synonym) expect(r.synonym).toBe(false);
        }
      }
    });

    it('parses the resource afresh in well under 300 ms', () => {
      const started = performance.now();
      const lexicon = parseLexicon(readFileSync(RESOURCE));
      const elapsed = performance.now() - started;
      expect(lexicon.size).toBe(loadLexicon().size);
      expect(elapsed).toBeLessThan(300);
    });
  });
});
