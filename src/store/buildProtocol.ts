import type { Story } from '../core/corpus/types.js';

/** What the main thread asks a build worker for. */
export interface BuildRequest {
  seedsDir: string;
  snapshotDir?: string | undefined;
  /** Cache keys of the stories the main thread already holds: those are not sent back. */
  knownKeys: string[];
  /**
   * One Int32 the main thread increments after reading each batch of stories. A port hands
   * all waiting messages over in one go, so the worker waits for each batch to be read
   * before sending the next: the main thread then reads one small batch per turn.
   */
  batchesRead: SharedArrayBuffer;
}

/** The index's typed arrays, as a build worker transfers them. */
export interface IndexArrays {
  sentenceTermStart: Uint32Array;
  sentenceTerms: Uint32Array;
  sentenceTermCounts: Uint8Array;
  sentenceLength: Uint16Array;
  nameTerms: Uint8Array;
  postingStart: Uint32Array;
  postings: Uint32Array;
  postingCounts: Uint8Array;
  sentenceStory: Uint32Array;
}

/** What a build worker posts: progress, batches of stories, then the index or the failure. */
export type BuildMessage =
  | { type: 'progress'; phase: 'reading' | 'indexing'; done: number; total: number }
  | { type: 'stories'; stories: Story[] }
  | {
      type: 'done';
      ids: string[];
      keys: string[];
      modified: (string | null)[];
      /** The story files, in the order of `ids`, for the fact workers. */
      files: string[];
      warnings: string[];
      fromSnapshot: boolean;
      /** Index terms joined by newlines (one string copies far faster than a large array). */
      terms: string;
      averageLength: number;
      arrays: IndexArrays;
    }
  | { type: 'failed'; name: string; message: string };

/** A fact worker's task: extract the facts of these stories into the per-story cache. */
export interface FactRequest {
  snapshotDir: string;
  stories: { id: string; key: string; file: string }[];
}

/** What a fact worker posts: how many of its stories have facts cached, and when it is done. */
export type FactMessage =
  { type: 'progress'; done: number; total: number } | { type: 'done'; done: number; failed: number };
