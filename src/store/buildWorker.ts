import { parentPort, workerData } from 'node:worker_threads';
import { buildIndex } from '../core/search/buildIndex.js';
import { serializeIndex } from './indexSnapshot.js';
import { loadStories } from './loadStories.js';

/** Reads and indexes a story folder in a worker thread, so a reload never blocks answers. */
const { seedsDir } = workerData as { seedsDir: string };
try {
  const { stories, warnings, contentHash } = loadStories(seedsDir);
  // A copy of its own, so the transfer never detaches Node's shared buffer pool.
  const snapshot = new Uint8Array(serializeIndex(buildIndex(stories)));
  parentPort!.postMessage({ ok: true, stories, warnings, contentHash, snapshot }, [snapshot.buffer]);
} catch (error) {
  parentPort!.postMessage({ ok: false, name: (error as Error).name, message: (error as Error).message });
}
