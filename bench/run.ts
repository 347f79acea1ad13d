/**
 * `npm run bench`: builds the engine's index and a plain MiniSearch index over the same
 * synthetic corpus, for each size, in one process, and measures build time, heap, `ask`
 * latency, snapshot size and load time. Prints a table and writes bench/results.json.
 * A benchmark, not a test: it reports figures and never fails on timing.
 *
 *   npm run bench -- [--sizes 1000,10000,100000] [--questions 1000] [--plain-questions N|all|auto]
 *                    [--seed N] [--out FILE]
 *
 * Plain MiniSearch with default options has no stop words, so "the" and "in" put most
 * sentences into every result set and its query time grows with the corpus (seconds per
 * question at 100,000 paragraphs). `--plain-questions auto` (the default) therefore asks it
 * all questions up to 10,000 paragraphs and the first 50 above; the ours/plain latency
 * ratios always compare the same questions.
 *
 * Run node with --expose-gc (the npm script does) so heap figures are taken after a full GC.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { EMPTY_LEXICON, installLexicon, parseLexicon } from '../src/core/lexicon/relatedTerms.js';
import { readLexiconResource } from '../src/store/lexicon.js';
import { answerQuestion, type Answer } from '../src/core/answer/answerQuestion.js';
import type { Story } from '../src/core/corpus/types.js';
import { buildIndex, type NewsIndex } from '../src/core/search/buildIndex.js';
import {
  defaultGenerateOptions,
  generateCorpus,
  type BenchQuestion,
  type GeneratedCorpus,
} from './generateCorpus.js';

// ---------------------------------------------------------------------------------------
// Options

interface BenchOptions {
  sizes: number[];
  questions: number;
  /** How many of the questions plain MiniSearch is asked. */
  plainQuestions: number | 'all' | 'auto';
  seed: number;
  out: string;
}

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

const USAGE =
  'usage: npm run bench -- [--sizes 1000,10000,100000] [--questions 1000] [--plain-questions N|all|auto] [--seed N] [--out FILE]';
/** Above this many paragraphs `--plain-questions auto` asks plain MiniSearch only AUTO_PLAIN_QUESTIONS. */
const AUTO_PLAIN_LIMIT = 10_000;
const AUTO_PLAIN_QUESTIONS = 50;

function usageError(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseCount(text: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim().replace(/[,_]/g, ''));
  if (!match) usageError(`${what} "${text}" is not a number`);
  const value =
    Number(match[1]) * (match[2]?.toLowerCase() === 'k' ? 1e3 : match[2]?.toLowerCase() === 'm' ? 1e6 : 1);
  if (!Number.isInteger(value) || value < 1) usageError(`${what} "${text}" must be a positive whole number`);
  return value;
}

function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    sizes: [1_000, 10_000, 100_000],
    questions: defaultGenerateOptions.questions,
    plainQuestions: 'auto',
    seed: defaultGenerateOptions.seed,
    out: join(projectRoot(), 'bench', 'results.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) usageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--sizes')
      options.sizes = value()
        .split(',')
        .filter(Boolean)
        .map((s) => parseCount(s, 'size'));
    else if (flag === '--questions') options.questions = parseCount(value(), 'question count');
    else if (flag === '--plain-questions') {
      const text = value();
      options.plainQuestions =
        text === 'all' || text === 'auto' ? text : parseCount(text, 'plain question count');
    } else if (flag === '--seed') options.seed = parseCount(value(), 'seed');
    else if (flag === '--out') options.out = resolve(value());
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else usageError(`unknown argument "${arg}"`);
  }
  if (options.sizes.length === 0) usageError('--sizes needs at least one size');
  return options;
}

// ---------------------------------------------------------------------------------------
// Measuring

const gc = (globalThis as { gc?: () => void }).gc;

function collect(): void {
  if (!gc) return;
  gc();
  gc();
}

/** JS heap plus ArrayBuffer backing stores (typed arrays of the index live there). */
function heapBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

const MB = 1024 * 1024;

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface LatencyStats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** The first question, which pays for anything built lazily on first use. */
  first: number;
}

/** Nearest-rank percentiles. */
function latencyStats(times: readonly number[]): LatencyStats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.at(-1) ?? 0,
    mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    first: times[0] ?? 0,
  };
}

const LOAD_REPEATS = 3;

// ---------------------------------------------------------------------------------------
// Snapshot module (written separately; optional)

interface SnapshotModule {
  serializeIndex(index: NewsIndex): Buffer;
  deserializeIndex(buffer: Buffer, stories: readonly Story[]): NewsIndex;
}

/** The compiled src/store/indexSnapshot.js, or why it cannot be used. */
async function loadSnapshotModule(): Promise<SnapshotModule | string> {
  const url = new URL('../src/store/indexSnapshot.js', import.meta.url);
  if (!existsSync(url)) return 'src/store/indexSnapshot.ts does not exist yet';
  try {
    const module: unknown = await import(url.href);
    const candidate = module as Partial<SnapshotModule>;
    if (typeof candidate.serializeIndex !== 'function' || typeof candidate.deserializeIndex !== 'function') {
      return 'src/store/indexSnapshot.ts does not export serializeIndex and deserializeIndex';
    }
    return candidate as SnapshotModule;
  } catch (error) {
    return `src/store/indexSnapshot.js failed to load: ${error instanceof Error ? error.message : String(error)}`;
  }
}

// ---------------------------------------------------------------------------------------
// Ours

interface SnapshotFigures {
  serializeMs: number;
  bytes: number;
  /** deserializeIndex from a Buffer already in memory (median of LOAD_REPEATS). */
  loadMs: number;
  /** readFileSync + deserializeIndex (median of LOAD_REPEATS; the file is in the page cache). */
  loadFromFileMs: number;
  /** Heap with only the deserialized index alive (the built one dropped). */
  heapBytes: number | null;
  indexBytes: number | null;
  identicalAnswers: number;
  differentAnswers: number;
  firstDifference: { q: string; built: string; loaded: string } | null;
  latency: LatencyStats;
}

interface OursFigures {
  buildMs: number;
  heapBytes: number | null;
  indexBytes: number | null;
  latency: LatencyStats;
  answered: number;
  /** In-corpus questions with the planted paragraph among the results. */
  foundPlanted: number;
  /** Out-of-corpus questions declined. */
  declinedOutside: number;
  snapshot: SnapshotFigures | null;
  snapshotError: string | null;
}

function askAll(
  index: NewsIndex,
  questions: readonly BenchQuestion[],
): { answers: Answer[]; times: number[] } {
  const answers: Answer[] = [];
  const times: number[] = [];
  for (const question of questions) {
    const start = performance.now();
    const answer = answerQuestion(index, question.q);
    times.push(performance.now() - start);
    answers.push(answer);
  }
  return { answers, times };
}

function runOurs(
  corpus: GeneratedCorpus,
  base: number,
  snapshot: SnapshotModule | string,
): { figures: OursFigures; times: number[] } {
  collect();
  const buildStart = performance.now();
  let index: NewsIndex | null = buildIndex(corpus.stories);
  const buildMs = performance.now() - buildStart;
  collect();
  const heap = gc ? heapBytes() : null;
  const { answers, times } = askAll(index, corpus.questions);
  let foundPlanted = 0;
  let declinedOutside = 0;
  corpus.questions.forEach((question, i) => {
    const answer = answers[i]!;
    if (question.story === null) declinedOutside += answer.answered ? 0 : 1;
    else if (answer.results.some((r) => r.story === question.story && r.paragraph === question.paragraph))
      foundPlanted++;
  });
  const figures: OursFigures = {
    buildMs,
    heapBytes: heap,
    indexBytes: heap === null ? null : heap - base,
    latency: latencyStats(times),
    answered: answers.filter((a) => a.answered).length,
    foundPlanted,
    declinedOutside,
    snapshot: null,
    snapshotError: typeof snapshot === 'string' ? snapshot : null,
  };
  if (typeof snapshot === 'string') return { figures, times };

  try {
    const builtAnswers = answers.map((answer) => JSON.stringify(answer));
    answers.length = 0;
    collect();
    const serializeStart = performance.now();
    let buffer: Buffer | null = snapshot.serializeIndex(index);
    const serializeMs = performance.now() - serializeStart;
    const bytes = buffer.byteLength;
    let loaded: NewsIndex | null = null;
    const loadTimes: number[] = [];
    for (let rep = 0; rep < LOAD_REPEATS; rep++) {
      loaded = null;
      collect();
      const start = performance.now();
      loaded = snapshot.deserializeIndex(buffer, corpus.stories);
      loadTimes.push(performance.now() - start);
    }
    const dir = mkdtempSync(join(os.tmpdir(), 'newsdesk-bench-'));
    const file = join(dir, 'index.snapshot');
    const fileTimes: number[] = [];
    try {
      writeFileSync(file, buffer);
      buffer = null;
      for (let rep = 0; rep < LOAD_REPEATS; rep++) {
        loaded = null;
        collect();
        const start = performance.now();
        loaded = snapshot.deserializeIndex(readFileSync(file), corpus.stories);
        fileTimes.push(performance.now() - start);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Only the loaded index stays alive from here on.
    index = null;
    collect();
    const loadedHeap = gc ? heapBytes() : null;
    const check = askAll(loaded!, corpus.questions);
    let identicalAnswers = 0;
    let firstDifference: SnapshotFigures['firstDifference'] = null;
    check.answers.forEach((answer, i) => {
      const text = JSON.stringify(answer);
      if (text === builtAnswers[i]) identicalAnswers++;
      else firstDifference ??= { q: corpus.questions[i]!.q, built: builtAnswers[i]!, loaded: text };
    });
    figures.snapshot = {
      serializeMs,
      bytes,
      loadMs: median(loadTimes),
      loadFromFileMs: median(fileTimes),
      heapBytes: loadedHeap,
      indexBytes: loadedHeap === null ? null : loadedHeap - base,
      identicalAnswers,
      differentAnswers: corpus.questions.length - identicalAnswers,
      firstDifference,
      latency: latencyStats(check.times),
    };
  } catch (error) {
    figures.snapshotError = `snapshot failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  return { figures, times };
}

// ---------------------------------------------------------------------------------------
// Plain MiniSearch baseline: default options, the same sentences, `.search(question)`

interface PlainDocument {
  id: number;
  text: string;
  story: string;
  paragraph: number;
}

const PLAIN_OPTIONS = { fields: ['text'], storeFields: ['story', 'paragraph'] };

interface PlainFigures {
  /** The first this many questions were asked (see --plain-questions). */
  questions: number;
  inCorpusQuestions: number;
  buildMs: number;
  heapBytes: number | null;
  indexBytes: number | null;
  latency: LatencyStats;
  /** Questions with at least one hit. */
  answered: number;
  /** In-corpus questions with the planted paragraph among the top 5 hits. */
  foundPlanted: number;
  jsonBytes: number;
  /** MiniSearch.loadJSON of the index's JSON, already in memory (median of LOAD_REPEATS). */
  loadJsonMs: number;
}

function runPlain(corpus: GeneratedCorpus, base: number, questions: readonly BenchQuestion[]): PlainFigures {
  collect();
  const buildStart = performance.now();
  let miniSearch: MiniSearch<PlainDocument> | null = (() => {
    const documents: PlainDocument[] = [];
    for (const story of corpus.stories) {
      for (const paragraph of story.paragraphs) {
        for (const sentence of paragraph.sentences) {
          documents.push({
            id: documents.length,
            text: sentence.text,
            story: story.id,
            paragraph: paragraph.number,
          });
        }
      }
    }
    const search = new MiniSearch<PlainDocument>(PLAIN_OPTIONS);
    search.addAll(documents);
    return search;
  })();
  const buildMs = performance.now() - buildStart;
  collect();
  const heap = gc ? heapBytes() : null;
  const times: number[] = [];
  let answered = 0;
  let foundPlanted = 0;
  for (const question of questions) {
    const start = performance.now();
    const results = miniSearch.search(question.q);
    times.push(performance.now() - start);
    if (results.length > 0) answered++;
    if (
      question.story !== null &&
      results.slice(0, 5).some((r) => r['story'] === question.story && r['paragraph'] === question.paragraph)
    ) {
      foundPlanted++;
    }
  }
  let json: string | null = JSON.stringify(miniSearch);
  miniSearch = null;
  const jsonBytes = Buffer.byteLength(json);
  const loadTimes: number[] = [];
  for (let rep = 0; rep < LOAD_REPEATS; rep++) {
    collect();
    const start = performance.now();
    MiniSearch.loadJSON<PlainDocument>(json, PLAIN_OPTIONS);
    loadTimes.push(performance.now() - start);
  }
  json = null;
  return {
    questions: questions.length,
    inCorpusQuestions: questions.filter((q) => q.story !== null).length,
    buildMs,
    heapBytes: heap,
    indexBytes: heap === null ? null : heap - base,
    latency: latencyStats(times),
    answered,
    foundPlanted,
    jsonBytes,
    loadJsonMs: median(loadTimes),
  };
}

// ---------------------------------------------------------------------------------------
// Report

interface SizeResult {
  paragraphs: number;
  stories: number;
  sentences: number;
  characters: number;
  questions: number;
  inCorpusQuestions: number;
  generateMs: number;
  /** JS heap + ArrayBuffers with only the corpus and questions alive. */
  corpusHeapBytes: number | null;
  order: ('ours' | 'plain')[];
  ours: OursFigures;
  /** Our latency over the questions plain MiniSearch was asked (equal to `ours.latency` when it was asked all). */
  oursOnPlainQuestions: LatencyStats;
  plain: PlainFigures;
  ratios: Record<string, number | null>;
}

const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b;

function ratiosOf(ours: OursFigures, same: LatencyStats, plain: PlainFigures): Record<string, number | null> {
  const snapshot = ours.snapshot;
  return {
    buildOursOverPlain: ratio(ours.buildMs, plain.buildMs),
    heapOursOverPlain: ratio(ours.heapBytes, plain.heapBytes),
    indexHeapOursOverPlain: ratio(ours.indexBytes, plain.indexBytes),
    p50OursOverPlain: ratio(same.p50, plain.latency.p50),
    p95OursOverPlain: ratio(same.p95, plain.latency.p95),
    p99OursOverPlain: ratio(same.p99, plain.latency.p99),
    snapshotBytesOverPlainJson: ratio(snapshot?.bytes, plain.jsonBytes),
    plainRebuildOverSnapshotLoad: ratio(plain.buildMs, snapshot?.loadMs),
    plainRebuildOverSnapshotFileLoad: ratio(plain.buildMs, snapshot?.loadFromFileMs),
    plainLoadJsonOverSnapshotLoad: ratio(plain.loadJsonMs, snapshot?.loadMs),
    oursBuildOverSnapshotLoad: ratio(ours.buildMs, snapshot?.loadMs),
  };
}

function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

function mb(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : `${(value / MB).toFixed(1)} MB`;
}

function times(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}

const share = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${part}/${whole} (${((100 * part) / whole).toFixed(0)}%)`;

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join('   '),
    )
    .join('\n');
}

function sizeReport(result: SizeResult): string {
  const { ours, plain, ratios, oursOnPlainQuestions: same } = result;
  const snapshot = ours.snapshot;
  const subset = plain.questions < result.questions;
  const mark = subset ? '*' : '';
  const outside = result.questions - result.inCorpusQuestions;
  const rows: string[][] = [
    ['', 'ours', 'plain MiniSearch', 'ours/plain'],
    ['index build', ms(ours.buildMs), ms(plain.buildMs), times(ratios.buildOursOverPlain)],
    [
      'heap used after build (incl. corpus)',
      mb(ours.heapBytes),
      mb(plain.heapBytes),
      times(ratios.heapOursOverPlain),
    ],
    ['  of which index', mb(ours.indexBytes), mb(plain.indexBytes), times(ratios.indexHeapOursOverPlain)],
    ['ask p50', ms(ours.latency.p50), `${ms(plain.latency.p50)}${mark}`, times(ratios.p50OursOverPlain)],
    ['ask p95', ms(ours.latency.p95), `${ms(plain.latency.p95)}${mark}`, times(ratios.p95OursOverPlain)],
    ['ask p99', ms(ours.latency.p99), `${ms(plain.latency.p99)}${mark}`, times(ratios.p99OursOverPlain)],
    [
      'ask max / first',
      `${ms(ours.latency.max)} / ${ms(ours.latency.first)}`,
      `${ms(plain.latency.max)} / ${ms(plain.latency.first)}${mark}`,
      '',
    ],
    ...(subset
      ? [
          [
            `ask p50 / p95 / p99 on plain's ${plain.questions} questions`,
            `${ms(same.p50)} / ${ms(same.p95)} / ${ms(same.p99)}`,
            `${ms(plain.latency.p50)} / ${ms(plain.latency.p95)} / ${ms(plain.latency.p99)}`,
            '',
          ],
        ]
      : []),
    [
      'answered (any result)',
      share(ours.answered, result.questions),
      `${share(plain.answered, plain.questions)}${mark}`,
      '',
    ],
    [
      'planted paragraph cited (top 5)',
      share(ours.foundPlanted, result.inCorpusQuestions),
      `${share(plain.foundPlanted, plain.inCorpusQuestions)}${mark}`,
      '',
    ],
    ['out-of-corpus declined', share(ours.declinedOutside, outside), 'never declines', ''],
    [
      'snapshot size (plain: JSON)',
      snapshot ? mb(snapshot.bytes) : 'n/a',
      mb(plain.jsonBytes),
      times(ratios.snapshotBytesOverPlainJson),
    ],
    [
      'snapshot load, in memory (plain: loadJSON)',
      snapshot ? ms(snapshot.loadMs) : 'n/a',
      ms(plain.loadJsonMs),
      times(ratio(snapshot?.loadMs, plain.loadJsonMs)),
    ],
    ['snapshot load, file read + load', snapshot ? ms(snapshot.loadFromFileMs) : 'n/a', '', ''],
  ];
  const lines = [
    `== ${result.paragraphs.toLocaleString('en-US')} paragraphs: ${result.stories.toLocaleString('en-US')} stories, ` +
      `${result.sentences.toLocaleString('en-US')} sentences, ${(result.characters / 1e6).toFixed(1)} M chars; ` +
      `${result.questions} questions (${outside} out of corpus); corpus heap ${mb(result.corpusHeapBytes)}; ` +
      `generated in ${ms(result.generateMs)}; order ${result.order.join(' → ')} ==`,
    table(rows),
  ];
  if (subset) {
    lines.push(
      `* plain MiniSearch was asked the first ${plain.questions} of the ${result.questions} questions (--plain-questions); ours/plain latency ratios compare those same questions`,
    );
  }
  if (snapshot) {
    lines.push(
      `snapshot: plain rebuild / our load ${times(ratios.plainRebuildOverSnapshotLoad)} (file ${times(ratios.plainRebuildOverSnapshotFileLoad)}), ` +
        `plain loadJSON / our load ${times(ratios.plainLoadJsonOverSnapshotLoad)}, our build / our load ${times(ratios.oursBuildOverSnapshotLoad)}; ` +
        `serialize ${ms(snapshot.serializeMs)}; heap with loaded index ${mb(snapshot.heapBytes)} (index ${mb(snapshot.indexBytes)}); ` +
        `loaded ask p50/p95/p99 ${ms(snapshot.latency.p50)} / ${ms(snapshot.latency.p95)} / ${ms(snapshot.latency.p99)}`,
      `answers from the loaded index identical to the built one: ${share(snapshot.identicalAnswers, result.questions)}`,
    );
    if (snapshot.firstDifference) {
      lines.push(
        `  first difference: ${JSON.stringify(snapshot.firstDifference.q)}`,
        `    built:  ${snapshot.firstDifference.built.slice(0, 300)}`,
        `    loaded: ${snapshot.firstDifference.loaded.slice(0, 300)}`,
      );
    }
  } else {
    lines.push(`snapshot: n/a (${ours.snapshotError ?? 'unknown'})`);
  }
  return lines.join('\n');
}

function summary(results: readonly SizeResult[]): string {
  const rows: string[][] = [
    [
      'paragraphs',
      'build ours/plain',
      'heap ours/plain',
      'p50 ours/plain',
      'p95 ours/plain',
      'p95 ratio',
      'snapshot',
      'load',
      'rebuild/load',
    ],
  ];
  for (const r of results) {
    const snapshot = r.ours.snapshot;
    rows.push([
      r.paragraphs.toLocaleString('en-US'),
      `${ms(r.ours.buildMs)} / ${ms(r.plain.buildMs)}`,
      `${mb(r.ours.heapBytes)} / ${mb(r.plain.heapBytes)}`,
      `${ms(r.ours.latency.p50)} / ${ms(r.plain.latency.p50)}${r.plain.questions < r.questions ? '*' : ''}`,
      `${ms(r.ours.latency.p95)} / ${ms(r.plain.latency.p95)}${r.plain.questions < r.questions ? '*' : ''}`,
      times(r.ratios.p95OursOverPlain),
      snapshot ? mb(snapshot.bytes) : 'n/a',
      snapshot ? ms(snapshot.loadMs) : 'n/a',
      times(r.ratios.plainRebuildOverSnapshotLoad),
    ]);
  }
  return table(rows);
}

// ---------------------------------------------------------------------------------------
// Main

/** A small untimed round so the first measured size does not pay for JIT warm-up alone. */
function warmUp(snapshot: SnapshotModule | string): void {
  const corpus = generateCorpus({ paragraphs: 300, questions: 100, seed: 7 });
  runOurs(corpus, 0, snapshot);
  runPlain(corpus, 0, corpus.questions);
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/**
 * Load time (median of 3 fresh parses) and heap of the lexical resource, which every
 * question uses; it is then installed, so the engine below answers as the product does.
 */
function measureLexicon(): { loadMs: number; heapBytes: number | null; terms: number } {
  collect();
  const before = gc ? heapBytes() : 0;
  const took: number[] = [];
  let lexicon = EMPTY_LEXICON;
  for (let i = 0; i < 3; i++) {
    const [parsed, elapsed] = time(() => parseLexicon(readLexiconResource()));
    took.push(elapsed);
    lexicon = parsed;
  }
  for (const word of ['court', 'worker', 'train', 'price', 'storm']) lexicon.related(word);
  collect();
  const heap = gc ? heapBytes() - before : null;
  installLexicon(lexicon);
  return { loadMs: median(took), heapBytes: heap, terms: lexicon.size };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (!gc)
    progress('warning: run node with --expose-gc (npm run bench does) for heap figures; they are n/a now');
  const snapshot = await loadSnapshotModule();
  if (typeof snapshot === 'string') progress(`snapshot columns are n/a: ${snapshot}`);
  const lexicon = measureLexicon();
  process.stdout.write(
    `Lexical resource (src/resources/related-terms.bin, ${lexicon.terms.toLocaleString('en-US')} terms): loads in ${ms(lexicon.loadMs)}, adds ${mb(lexicon.heapBytes)} of heap\n\n`,
  );
  progress('warming up');
  warmUp(snapshot);
  const results: SizeResult[] = [];
  for (const [position, size] of options.sizes.entries()) {
    progress(`${size.toLocaleString('en-US')} paragraphs: generating`);
    collect();
    const [corpus, generateMs] = time(() =>
      generateCorpus({ paragraphs: size, questions: options.questions, seed: options.seed }),
    );
    collect();
    const base = gc ? heapBytes() : 0;
    const order: ('ours' | 'plain')[] = position % 2 === 0 ? ['ours', 'plain'] : ['plain', 'ours'];
    const plainCount =
      options.plainQuestions === 'all'
        ? corpus.questions.length
        : options.plainQuestions === 'auto'
          ? size <= AUTO_PLAIN_LIMIT
            ? corpus.questions.length
            : AUTO_PLAIN_QUESTIONS
          : options.plainQuestions;
    const plainQuestions = corpus.questions.slice(0, plainCount);
    let ours: { figures: OursFigures; times: number[] } | undefined;
    let plain: PlainFigures | undefined;
    for (const which of order) {
      progress(
        `${size.toLocaleString('en-US')} paragraphs: ${which}${which === 'plain' ? ` (${plainQuestions.length} questions)` : ''}`,
      );
      if (which === 'ours') ours = runOurs(corpus, base, snapshot);
      else plain = runPlain(corpus, base, plainQuestions);
      collect();
    }
    const same = latencyStats(ours!.times.slice(0, plainQuestions.length));
    const result: SizeResult = {
      paragraphs: corpus.paragraphs,
      stories: corpus.stories.length,
      sentences: corpus.sentences,
      characters: corpus.characters,
      questions: corpus.questions.length,
      inCorpusQuestions: corpus.questions.filter((q) => q.story !== null).length,
      generateMs,
      corpusHeapBytes: gc ? base : null,
      order,
      ours: ours!.figures,
      oursOnPlainQuestions: same,
      plain: plain!,
      ratios: ratiosOf(ours!.figures, same, plain!),
    };
    results.push(result);
    process.stdout.write(`${sizeReport(result)}\n\n`);
  }
  process.stdout.write(
    `Summary (ours / plain MiniSearch ${miniSearchVersion()}, node ${process.version}, ${os.cpus().length} cores)\n${summary(results)}\n`,
  );
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    totalMemoryBytes: os.totalmem(),
    gcExposed: gc !== undefined,
    miniSearch: miniSearchVersion(),
    lexicon,
    options: {
      sizes: options.sizes,
      questions: options.questions,
      plainQuestions: options.plainQuestions,
      seed: options.seed,
    },
    notes: [
      'Times in milliseconds, sizes in bytes. Heap = heapUsed + arrayBuffers after a full GC; indexBytes = heap minus the heap with only the corpus alive.',
      'Latency: performance.now() around answerQuestion (ours) or miniSearch.search (plain, default options) per question; nearest-rank percentiles over all questions, the first included.',
      'Snapshot and loadJSON load times are medians of 3; build times are single runs. "ours" and "plain" alternate order per size.',
      'plain MiniSearch is asked the first plain.questions questions (--plain-questions); ratios.p*OursOverPlain compare oursOnPlainQuestions with it.',
    ],
    results,
  };
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  progress(`wrote ${options.out}`);
}

function miniSearchVersion(): string {
  try {
    const path = join(projectRoot(), 'node_modules', 'minisearch', 'package.json');
    return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

await main();
