import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { installLexicon, parseLexicon, type Lexicon } from '../core/lexicon/relatedTerms.js';

/**
 * The shipped lexical resource (built by scripts/build-lexicon.mjs from word vectors). The
 * path is found from this module, which sits two folders below the project root in the
 * sources (src/store) and three in the build (dist/src/store).
 */
const RESOURCE_CANDIDATES = ['../resources/related-terms.bin', '../../../src/resources/related-terms.bin'];

let loaded: Lexicon | null = null;

/** The bytes of the shipped lexical resource. */
export function readLexiconResource(): Uint8Array {
  for (const candidate of RESOURCE_CANDIDATES) {
    try {
      return readFileSync(fileURLToPath(new URL(candidate, import.meta.url)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new Error('the lexical resource src/resources/related-terms.bin is missing');
}

/** Loads the lexicon once per process and makes it the one queries use. */
export function loadLexicon(): Lexicon {
  if (!loaded) {
    loaded = parseLexicon(readLexiconResource());
    installLexicon(loaded);
  }
  return loaded;
}
