/** A term close in meaning to another, by the cosine similarity of their word vectors. */
export interface RelatedTerm {
  term: string;
  /** Cosine similarity of the word vectors, 0..1. Relatedness, not synonymy: antonyms are often close too. */
  similarity: number;
  /** WordNet lists them as synonyms in one of the term's commonest senses. */
  synonym: boolean;
}

/** Terms related in meaning, from a lexical resource (see scripts/build-lexicon.mjs). */
export interface Lexicon {
  /** The resource's nearest terms to a term, synonyms first, then closest first; empty when it does not know the term. */
  related(term: string): readonly RelatedTerm[];
  /** How many terms the resource knows. */
  readonly size: number;
}

const MAGIC = 'NDLX2\n';
/** Per link: the high bit flags a synonym, the low seven bits hold the cosine ×127. */
const SYNONYM_BIT = 128;
const SIMILARITY_SCALE = 127;

/** A lexicon that knows nothing: the engine then matches words only by form. */
export const EMPTY_LEXICON: Lexicon = { related: () => [], size: 0 };

/**
 * Reads the binary lexicon written by scripts/build-lexicon.mjs: the terms, then for each
 * its nearest terms as 16-bit ids with a byte each (synonym flag, quantised similarity),
 * synonyms first. Neighbour lists are decoded when first asked for.
 */
export function parseLexicon(bytes: Uint8Array): Lexicon {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder();
  if (decoder.decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw new Error('not a newsdesk lexicon');
  let at = MAGIC.length;
  const headerLength = view.getUint32(at, true);
  at += 4 + headerLength;
  const vocabularyLength = view.getUint32(at, true);
  at += 4;
  const terms = decoder.decode(bytes.subarray(at, at + vocabularyLength)).split('\n');
  at += vocabularyLength;
  const offsets = (i: number) => view.getUint32(at + 4 * i, true);
  const links = offsets(terms.length);
  const idsAt = at + 4 * (terms.length + 1);
  const similaritiesAt = idsAt + 2 * links;
  if (similaritiesAt + links > bytes.byteLength) throw new Error('truncated newsdesk lexicon');
  const ids = new Map(terms.map((term, i) => [term, i]));
  const decoded = new Map<number, readonly RelatedTerm[]>();
  const neighboursOf = (id: number): readonly RelatedTerm[] => {
    const list: RelatedTerm[] = [];
    for (let link = offsets(id); link < offsets(id + 1); link++) {
      const byte = bytes[similaritiesAt + link]!;
      list.push({
        term: terms[view.getUint16(idsAt + 2 * link, true)]!,
        similarity: (byte & ~SYNONYM_BIT) / SIMILARITY_SCALE,
        synonym: (byte & SYNONYM_BIT) !== 0,
      });
    }
    return list;
  };
  return {
    size: terms.length,
    related(term) {
      const id = ids.get(term);
      if (id === undefined) return [];
      let list = decoded.get(id);
      if (!list) {
        list = neighboursOf(id);
        decoded.set(id, list);
      }
      return list;
    },
  };
}

let installed: Lexicon = EMPTY_LEXICON;

/** Makes a lexicon the one every query uses (the edge loads it once at start). */
export function installLexicon(lexicon: Lexicon): void {
  installed = lexicon;
}

/** The lexicon queries use: the installed one, else one that knows nothing. */
export function activeLexicon(): Lexicon {
  return installed;
}
