import { parentPort, workerData } from 'node:worker_threads';
import type { Story } from '../core/corpus/types.js';
import { mergeStoryTerms } from '../core/search/buildIndex.js';
import { folderSnapshotStore } from './indexSnapshot.js';
import { loadStories, termsOfStories } from './loadStories.js';
import { storyCacheIn } from './openLibrary.js';
import type { BuildMessage, BuildRequest } from './buildProtocol.js';

/**
 * Reads and indexes a story folder in a worker thread, so start, reload and add never block
 * answers: per-story cache, snapshot, progress every 100 ms, then the stories the main
 * thread does not have yet (in batches) and the index's arrays (transferred, not copied).
 */
const request = workerData as BuildRequest;
const port = parentPort!;
const send = (message: BuildMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let lastProgress = 0;
function progress(phase: 'reading' | 'indexing', done: number, total: number): void {
  const now = Date.now();
  if (now - lastProgress < 100 && done + 1 < total) return;
  lastProgress = now;
  send({ type: 'progress', phase, done, total });
}

/** Stories per message: small enough that the main thread reads each in a few milliseconds. */
const BATCH_PARAGRAPHS = 1500;
/** Longest wait for the main thread to read a batch (it may be busy answering). */
const BATCH_WAIT_MS = 10_000;

const batchesRead = new Int32Array(request.batchesRead);
let batchesSent = 0;

function sendBatch(stories: Story[]): void {
  send({ type: 'stories', stories });
  batchesSent++;
  const deadline = Date.now() + BATCH_WAIT_MS;
  while (Atomics.load(batchesRead, 0) < batchesSent - 1 && Date.now() < deadline) {
    Atomics.wait(batchesRead, 0, Atomics.load(batchesRead, 0), 100);
  }
}

try {
  const warnings: string[] = [];
  const cache = storyCacheIn(request.snapshotDir, (message) => warnings.push(message));
  const loaded = loadStories(request.seedsDir, {
    cache,
    onStory: (done, total) => progress('reading', done, total),
  });
  warnings.unshift(...loaded.warnings);
  const snapshots = request.snapshotDir
    ? folderSnapshotStore(request.snapshotDir, (message) => warnings.push(message))
    : null;
  const cached = snapshots?.load(loaded.stories, loaded.contentHash) ?? null;
  const index =
    cached ??
    mergeStoryTerms(
      loaded.stories,
      termsOfStories(loaded, cache, (done, total) => progress('indexing', done, total)),
    );
  if (!cached) snapshots?.save(index, loaded.contentHash);
  cache?.prune(new Set(loaded.keys));

  const known = new Set(request.knownKeys);
  let batch: Story[] = [];
  let paragraphs = 0;
  loaded.stories.forEach((story, i) => {
    if (known.has(loaded.keys[i]!)) return;
    batch.push(story);
    paragraphs += story.paragraphs.length;
    if (paragraphs < BATCH_PARAGRAPHS) return;
    sendBatch(batch);
    batch = [];
    paragraphs = 0;
  });
  if (batch.length) sendBatch(batch);

  const arrays = {
    sentenceTermStart: index.sentenceTermStart,
    sentenceTerms: index.sentenceTerms,
    sentenceTermCounts: index.sentenceTermCounts,
    sentenceLength: index.sentenceLength,
    nameTerms: index.nameTerms,
    postingStart: index.postingStart,
    postings: index.postings,
    postingCounts: index.postingCounts,
    sentenceStory: index.sentenceStory,
  };
  send(
    {
      type: 'done',
      ids: loaded.stories.map((story) => story.id),
      keys: loaded.keys,
      modified: loaded.stories.map((story) => story.modified ?? null),
      files: loaded.files,
      warnings,
      fromSnapshot: cached !== null,
      terms: index.terms.join('\n'),
      averageLength: index.averageLength,
      arrays,
    },
    Object.values(arrays).map((array) => array.buffer as ArrayBuffer),
  );
} catch (error) {
  send({ type: 'failed', name: (error as Error).name, message: (error as Error).message });
}
