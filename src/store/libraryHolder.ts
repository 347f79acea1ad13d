import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { diffStories, type StoriesDiff } from '../core/corpus/diffStories.js';
import type { Story } from '../core/corpus/types.js';
import type { NewsIndex, SentenceRef } from '../core/search/buildIndex.js';
import type { BuildMessage, BuildRequest, FactMessage, FactRequest } from './buildProtocol.js';
import { loadLexicon } from './lexicon.js';
import { StoryFolderError } from './loadStories.js';
import {
  attachStoryFacts,
  openLibrary,
  storyCacheIn,
  type Library,
  type LibraryOptions,
} from './openLibrary.js';

export interface ReloadResult {
  library: Library;
  diff: StoriesDiff;
}

/** What the holder is doing, for progress bars, `/admin stats` and `/healthz`. */
export interface IndexingStatus {
  /** `starting`: no library yet; `indexing`: a rebuild runs while the last library is served. */
  state: 'starting' | 'indexing' | 'ready' | 'failed';
  phase: 'reading' | 'indexing' | 'facts' | 'idle';
  /** Stories done and to do in this phase. */
  done: number;
  total: number;
  /** Stories whose facts are extracted and cached, of all stories served. */
  facts: { done: number; total: number };
  /** Why the first build failed (state `failed`). */
  error?: string;
}

export interface HolderOptions extends LibraryOptions {
  /** Called whenever the status changes (at most every 100 ms while building). */
  onStatus?: ((status: IndexingStatus) => void) | undefined;
  /** Fact workers to run after a build; 0 leaves facts to be extracted on first use. */
  factWorkers?: number | undefined;
}

const buildWorkerFile = new URL('./buildWorker.js', import.meta.url);
const factWorkerFile = new URL('./factWorker.js', import.meta.url);

/** Workers only run from compiled JavaScript; under a TypeScript test runner everything runs here. */
const canUseWorkers = (): boolean => existsSync(fileURLToPath(buildWorkerFile));

/** Work done between two turns of the event loop while assembling an index on the main thread. */
const CHUNK = 20_000;

/** Fact workers by default: every core but one, at least one. */
export function defaultFactWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * The library currently served, replaced whole on reload: the new index is built off the
 * main thread (a worker) and swapped in one assignment, so a question is always answered
 * from one consistent index, old or new. The main thread only assembles what the worker
 * sends, in chunks that keep the event loop free; facts are then extracted by a small pool
 * of workers into the per-story cache, while answers read them story by story.
 */
export class LibraryHolder {
  #current: Library | null;
  #pending: Promise<ReloadResult> | null = null;
  #status: IndexingStatus;
  #factRun = 0;
  readonly #factWorkers = new Set<Worker>();

  constructor(
    private readonly seedsDir: string,
    private readonly options: HolderOptions = {},
    initial?: Library | 'later',
  ) {
    loadLexicon();
    this.#current = initial === 'later' ? null : (initial ?? openLibrary(seedsDir, options));
    const total = this.#current?.stories.length ?? 0;
    this.#status = {
      state: this.#current ? 'ready' : 'starting',
      phase: 'idle',
      done: total,
      total,
      facts: { done: 0, total },
    };
  }

  /** Resolves once a library is served; rejects if the first build fails. */
  whenReady(): Promise<void> {
    if (this.#current) return Promise.resolve();
    return (this.#pending ?? this.reload()).then(() => undefined);
  }

  /** Whether a library is being served (false only before the first build finishes). */
  get ready(): boolean {
    return this.#current !== null;
  }

  /** The library served now; throws before the first build has finished (see `ready`). */
  get current(): Library {
    if (!this.#current) throw new Error('the stories are still being indexed');
    return this.#current;
  }

  get status(): IndexingStatus {
    return { ...this.#status, facts: { ...this.#status.facts } };
  }

  #setStatus(change: Partial<IndexingStatus>): void {
    this.#status = { ...this.#status, ...change };
    this.options.onStatus?.(this.status);
  }

  /** Stops fact extraction (what is cached stays cached); the library stays served. */
  async close(): Promise<void> {
    this.#factRun++;
    await Promise.all([...this.#factWorkers].map((worker) => worker.terminate()));
    this.#factWorkers.clear();
  }

  /** Builds the first library (when constructed with `'later'`); the same as a reload. */
  start(): Promise<ReloadResult> {
    return this.reload();
  }

  /** Re-reads the folder and swaps the index in; concurrent calls share one reload. */
  reload(): Promise<ReloadResult> {
    this.#pending ??= this.#reload().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  async #reload(): Promise<ReloadResult> {
    const before = this.#current;
    this.#setStatus({ state: before ? 'indexing' : 'starting', phase: 'reading', done: 0, total: 0 });
    let next: Library;
    try {
      next = canUseWorkers() ? await this.#buildOffThread(before) : openLibrary(this.seedsDir, this.options);
    } catch (error) {
      this.#setStatus(
        before
          ? { state: 'ready', phase: 'idle' }
          : { state: 'failed', phase: 'idle', error: (error as Error).message },
      );
      throw error;
    }
    this.#current = next;
    const total = next.stories.length;
    this.#setStatus({ state: 'ready', phase: 'idle', done: total, total, facts: { done: 0, total } });
    this.#extractFacts(next);
    return { library: next, diff: diffStories(before?.stories ?? [], next.stories) };
  }

  async #buildOffThread(before: Library | null): Promise<Library> {
    const knownStories = new Map<string, Story>();
    if (before) for (const story of before.stories) knownStories.set(before.keys.get(story.id)!, story);
    const request: BuildRequest = {
      seedsDir: this.seedsDir,
      snapshotDir: this.options.snapshotDir,
      knownKeys: [...knownStories.keys()],
      batchesRead: new SharedArrayBuffer(4),
    };
    const batchesRead = new Int32Array(request.batchesRead);
    const received = new Map<string, Story>();
    const done = await new Promise<Extract<BuildMessage, { type: 'done' }>>((resolve, reject) => {
      const worker = new Worker(buildWorkerFile, { workerData: request });
      worker.on('message', (message: BuildMessage) => {
        switch (message.type) {
          case 'progress':
            this.#setStatus({ phase: message.phase, done: message.done, total: message.total });
            return;
          case 'stories':
            for (const story of message.stories) received.set(story.id, shareSentenceText(story));
            // After this turn, so that other work runs between two batches.
            setImmediate(() => {
              Atomics.add(batchesRead, 0, 1);
              Atomics.notify(batchesRead, 0);
            });
            return;
          case 'done':
            resolve(message);
            void worker.terminate();
            return;
          case 'failed':
            reject(
              message.name === 'StoryFolderError'
                ? new StoryFolderError(message.message)
                : new Error(message.message),
            );
            void worker.terminate();
        }
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the index worker stopped (exit code ${code})`)));
    });
    const stories = done.ids.map((id, i) => {
      const story = received.get(id) ?? knownStories.get(done.keys[i]!)!;
      const modified = done.modified[i] ?? undefined;
      return story.modified === modified ? story : { ...story, modified };
    });
    const index = await assembleIndex(stories, done);
    const keys = new Map(done.ids.map((id, i) => [id, done.keys[i]!]));
    const files = new Map(done.ids.map((id, i) => [id, done.files[i]!]));
    filesOf.set(index, files);
    attachStoryFacts(
      index,
      keys,
      storyCacheIn(this.options.snapshotDir, (message) => done.warnings.push(message)),
    );
    return { stories, index, warnings: done.warnings, fromSnapshot: done.fromSnapshot, keys };
  }

  /** Starts the fact workers for a library just swapped in; a later swap abandons them. */
  #extractFacts(library: Library): void {
    const run = ++this.#factRun;
    const workers = this.options.factWorkers ?? defaultFactWorkers();
    const files = filesOf.get(library.index);
    if (!this.options.snapshotDir || workers <= 0 || !files || !canUseWorkers()) return;
    const tasks = library.stories.map((story) => ({
      id: story.id,
      key: library.keys.get(story.id)!,
      file: files.get(story.id)!,
    }));
    const shares = Array.from({ length: Math.min(workers, tasks.length) }, (_, w) =>
      tasks.filter((_, i) => i % workers === w),
    );
    const progress = shares.map(() => 0);
    this.#setStatus({ phase: 'facts', facts: { done: 0, total: tasks.length } });
    let running = shares.length;
    shares.forEach((share, w) => {
      const request: FactRequest = { snapshotDir: this.options.snapshotDir!, stories: share };
      const worker = new Worker(factWorkerFile, { workerData: request });
      worker.unref();
      this.#factWorkers.add(worker);
      const report = (done: number) => {
        if (run !== this.#factRun) return void worker.terminate();
        progress[w] = done;
        this.#setStatus({ facts: { done: progress.reduce((a, b) => a + b, 0), total: tasks.length } });
      };
      worker.on('message', (message: FactMessage) => {
        report(message.done);
        if (message.type === 'done') void worker.terminate();
      });
      worker.once('exit', () => {
        this.#factWorkers.delete(worker);
        if (--running === 0 && run === this.#factRun) this.#setStatus({ phase: 'idle' });
      });
      worker.once('error', () => undefined);
    });
  }
}

/** Story files of indexes built off the main thread, for the fact workers. */
const filesOf = new WeakMap<NewsIndex, ReadonlyMap<string, string>>();

/**
 * A received story's sentence texts as slices of their paragraph's text: the same strings,
 * but V8 then keeps the characters once instead of twice.
 */
function shareSentenceText(story: Story): Story {
  for (const paragraph of story.paragraphs) {
    for (const sentence of paragraph.sentences) {
      const slice = paragraph.text.slice(sentence.start, sentence.end);
      if (slice === sentence.text) sentence.text = slice;
    }
  }
  return story;
}

/** The index from a worker's arrays, built in chunks between turns of the event loop. */
async function assembleIndex(
  stories: readonly Story[],
  done: Extract<BuildMessage, { type: 'done' }>,
): Promise<NewsIndex> {
  const sentences: SentenceRef[] = [];
  const paragraphStart: number[][] = [];
  let work = 0;
  for (let position = 0; position < stories.length; position++) {
    const starts: number[] = [];
    for (const paragraph of stories[position]!.paragraphs) {
      starts.push(sentences.length);
      for (const sentence of paragraph.sentences) {
        sentences.push({ story: position, paragraph: paragraph.number, sentence: sentence.index });
      }
      work += paragraph.sentences.length;
    }
    paragraphStart.push(starts);
    if (work >= CHUNK) {
      work = 0;
      await nextTurn();
    }
  }
  const terms = done.terms === '' ? [] : done.terms.split('\n');
  const termIds = new Map<string, number>();
  for (let id = 0; id < terms.length; id++) {
    termIds.set(terms[id]!, id);
    if (id % CHUNK === CHUNK - 1) await nextTurn();
  }
  return {
    stories,
    storyPositions: new Map(stories.map((story, i) => [story.id, i])),
    sentences,
    paragraphStart,
    termIds,
    terms,
    averageLength: done.averageLength,
    ...done.arrays,
  };
}

/** How far a phase has come, 0–100. */
export function indexingPercent(status: IndexingStatus): number {
  if (status.state === 'ready' && status.phase !== 'reading' && status.phase !== 'indexing') return 100;
  // Reading is quick next to tokenizing: a fifth of the bar.
  const share = status.total === 0 ? 0 : status.done / status.total;
  return Math.min(99, Math.floor(status.phase === 'reading' ? share * 20 : 20 + share * 80));
}

/** One line saying what indexing is doing, for `/admin stats`, the console and logs. */
export function describeIndexing(status: IndexingStatus): string {
  const facts =
    status.facts.total > 0 && status.facts.done < status.facts.total
      ? `; facts for ${status.facts.done}/${status.facts.total} stories`
      : '';
  switch (status.state) {
    case 'failed':
      return `not serving: ${status.error ?? 'the first build failed'}`;
    case 'starting':
      return `still indexing, ${indexingPercent(status)}% (${status.phase} ${status.done}/${status.total} stories)`;
    case 'indexing':
      return `serving the previous stories while re-indexing, ${indexingPercent(status)}%`;
    case 'ready':
      return `ready${facts}`;
  }
}
