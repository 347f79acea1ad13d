/**
 * `npm run bench` (second part): what a newsroom with an archive waits for. For each size,
 * the generated stories are written to a folder and served the way the bot serves them
 * (`LibraryHolder`: index built in a worker, facts extracted by a pool into the per-story
 * cache), measuring:
 * - cold start (empty DATA_DIR) to the first answer, and a restart with the cache warm;
 * - one story added, then reloaded, to the first answer about it;
 * - the main thread's event-loop delay (max and p99) during start and reload;
 * - heap once the library is served;
 * next to plain MiniSearch reading the same folder, building its index and answering the
 * same first question, in the same run. Prints a table and writes bench/startup.json.
 *
 *   npm run bench -- [--sizes 1000,10000,100000] [--seed N]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import { ask } from '../src/core/queries.js';
import { LibraryHolder } from '../src/store/libraryHolder.js';
import { loadStories } from '../src/store/loadStories.js';
import { generateCorpus } from './generateCorpus.js';

const gc = (globalThis as { gc?: () => void }).gc;

function parseSizes(argv: readonly string[]): { sizes: number[]; seed: number } {
  let sizes = [1_000, 10_000, 100_000];
  let seed = 42;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') sizes = argv[++i]!.split(',').map(Number);
    else if (argv[i] === '--seed') seed = Number(argv[++i]);
  }
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0))
    throw new Error('--sizes takes positive whole numbers');
  return { sizes, seed };
}

function writeFolder(dir: string, size: number, seed: number): { question: string } {
  const corpus = generateCorpus({ paragraphs: size, questions: 1, outOfCorpusShare: 0, seed });
  mkdirSync(dir, { recursive: true });
  for (const story of corpus.stories) {
    const body = story.paragraphs.map((paragraph) => paragraph.text).join('\n\n');
    writeFileSync(join(dir, `${story.id}.txt`), `---\ntitle: ${story.title}\n---\n${body}\n`);
  }
  return { question: corpus.questions[0]!.q };
}

interface Delay {
  maxMs: number;
  p99Ms: number;
}

/** Runs `work` while sampling the event loop's delay every 10 ms. */
async function withDelay<T>(work: () => Promise<T>): Promise<[T, Delay]> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const result = await work();
  histogram.disable();
  return [result, { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 }];
}

function heapMb(): number | null {
  if (!gc) return null;
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Waits until the holder's fact workers are done (or `limitMs` passed). */
async function factsDone(holder: LibraryHolder, limitMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    const { facts, phase } = holder.status;
    if (phase !== 'facts' && facts.done >= facts.total) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

function plainFirstAnswer(dir: string, question: string): number {
  const started = performance.now();
  const { stories } = loadStories(dir);
  const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  let id = 0;
  for (const story of stories)
    for (const paragraph of story.paragraphs)
      for (const sentence of paragraph.sentences) search.add({ id: id++, text: sentence.text });
  search.search(question);
  return performance.now() - started;
}

const NEW_STORY =
  'Harbour pilots in Marlowe Bay halted all night crossings after a pilot boat struck a submerged container on Tuesday, the port authority said.\n\nThe authority said 41 vessels were waiting at anchor.\n';

async function runSize(size: number, seed: number) {
  const root = mkdtempSync(join(os.tmpdir(), 'newsdesk-startup-'));
  try {
    const seeds = join(root, 'stories');
    const snapshotDir = join(root, 'data', 'index-cache');
    const { question } = writeFolder(seeds, size, seed);
    const plainMs = plainFirstAnswer(seeds, question);

    const holder = new LibraryHolder(seeds, { snapshotDir }, 'later');
    const started = performance.now();
    const [coldMs, startDelay] = await withDelay(async () => {
      await holder.start();
      ask(holder.current.index, question, { withFacts: false });
      return performance.now() - started;
    });
    const heap = heapMb();
    const factsMs = await factsDone(holder, size <= 10_000 ? 600_000 : 0);

    const restart = new LibraryHolder(seeds, { snapshotDir, factWorkers: 0 }, 'later');
    const restartStarted = performance.now();
    await restart.start();
    ask(restart.current.index, question, { withFacts: false });
    const warmMs = performance.now() - restartStarted;

    writeFileSync(join(seeds, 'zz_new_story.txt'), NEW_STORY);
    const addStarted = performance.now();
    const [addMs, reloadDelay] = await withDelay(async () => {
      await holder.reload();
      const answer = ask(holder.current.index, 'How many vessels were waiting at anchor in Marlowe Bay?', {
        withFacts: false,
      });
      if (answer.results[0]?.story !== 'zz_new_story') throw new Error('the added story did not answer');
      return performance.now() - addStarted;
    });
    await holder.close();
    return {
      paragraphs: size,
      plainMs,
      coldMs,
      warmMs,
      addMs,
      startDelay,
      reloadDelay,
      heapMb: heap,
      factsMs,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const fmt = (value: number | null, digits = 0) => (value === null ? 'n/a' : value.toFixed(digits));

async function main(): Promise<void> {
  const { sizes, seed } = parseSizes(process.argv.slice(2));
  const results = [];
  for (const size of sizes) {
    process.stderr.write(`bench startup: ${size.toLocaleString('en-US')} paragraphs\n`);
    results.push(await runSize(size, seed));
  }
  const lines = [
    '| paragraphs | cold start → first answer (plain MiniSearch) | restart, cache warm | add one story → answer | event loop max / p99 start | max / p99 reload | heap | all facts extracted |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.paragraphs.toLocaleString('en-US')} | ${fmt(r.coldMs)} ms (${fmt(r.plainMs)} ms, ${fmt(r.coldMs / r.plainMs, 2)}×) | ${fmt(r.warmMs)} ms | ${fmt(r.addMs)} ms | ${fmt(r.startDelay.maxMs)} / ${fmt(r.startDelay.p99Ms)} ms | ${fmt(r.reloadDelay.maxMs)} / ${fmt(r.reloadDelay.p99Ms)} ms | ${fmt(r.heapMb)} MB | ${r.factsMs === null ? 'not waited for' : `${fmt(r.factsMs / 1000, 1)} s after ready`} |`,
    ),
  ];
  process.stdout.write(
    `\nStart-up (node ${process.version}, ${os.cpus().length} cores)\n${lines.join('\n')}\n`,
  );
  // npm runs scripts from the project root.
  const out = join(process.cwd(), 'bench', 'startup.json');
  writeFileSync(
    out,
    `${JSON.stringify({ generated: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
  );
}

await main();
