import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { diffStories, type StoriesDiff } from '../core/corpus/diffStories.js';
import type { Story } from '../core/corpus/types.js';
import { deserializeIndex, folderSnapshotStore } from './indexSnapshot.js';
import { StoryFolderError } from './loadStories.js';
import { openLibrary, type Library, type LibraryOptions } from './openLibrary.js';

interface WorkerResult {
  ok: boolean;
  stories?: Story[];
  warnings?: string[];
  contentHash?: string;
  snapshot?: Uint8Array;
  name?: string;
  message?: string;
}

export interface ReloadResult {
  library: Library;
  diff: StoriesDiff;
}

const workerFile = new URL('./buildWorker.js', import.meta.url);

function buildInWorker(seedsDir: string): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: { seedsDir } });
    worker.once('message', (result: WorkerResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/**
 * The library currently served, replaced whole on reload: the new index is built off the
 * main thread (a worker, when running compiled code) and swapped in one assignment, so a
 * question is always answered from one consistent index, old or new.
 */
export class LibraryHolder {
  #current: Library;
  #pending: Promise<ReloadResult> | null = null;

  constructor(
    private readonly seedsDir: string,
    private readonly options: LibraryOptions = {},
    initial?: Library,
  ) {
    this.#current = initial ?? openLibrary(seedsDir, options);
  }

  get current(): Library {
    return this.#current;
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
    const next = existsSync(fileURLToPath(workerFile)) ? await this.#buildOffThread() : openLibrary(this.seedsDir, this.options);
    this.#current = next;
    return { library: next, diff: diffStories(before.stories, next.stories) };
  }

  async #buildOffThread(): Promise<Library> {
    const result = await buildInWorker(this.seedsDir);
    if (!result.ok) {
      const error = result.name === 'StoryFolderError' ? new StoryFolderError(result.message ?? '') : new Error(result.message);
      throw error;
    }
    const stories = result.stories!;
    const snapshot = Buffer.from(result.snapshot!.buffer, result.snapshot!.byteOffset, result.snapshot!.byteLength);
    const index = deserializeIndex(snapshot, stories);
    if (this.options.snapshotDir) {
      const snapshots = folderSnapshotStore(this.options.snapshotDir, (message) => result.warnings!.push(message));
      snapshots.save(index, result.contentHash!);
      snapshots.cacheFacts(index, result.contentHash!);
    }
    return { stories, index, warnings: result.warnings ?? [], fromSnapshot: false };
  }
}
