import type { Story } from '../core/corpus/types.js';
import { buildIndex, type NewsIndex } from '../core/search/buildIndex.js';
import { folderSnapshotStore } from './indexSnapshot.js';
import { loadStories } from './loadStories.js';

/** The stories of a folder with their index: what every face answers from. */
export interface Library {
  stories: readonly Story[];
  index: NewsIndex;
  /** Files that were skipped and snapshot problems, one line each. */
  warnings: string[];
  /** Whether the index came from a snapshot rather than a fresh build. */
  fromSnapshot: boolean;
}

export interface LibraryOptions {
  /** Folder for index snapshots; none means always build. */
  snapshotDir?: string | undefined;
}

/**
 * Reads the story folder and indexes it, from a snapshot when one matches the stories and
 * the engine, else by building (and then saving a snapshot). Throws `StoryFolderError`
 * when the folder cannot be used.
 */
export function openLibrary(seedsDir: string, options: LibraryOptions = {}): Library {
  const { stories, warnings, contentHash } = loadStories(seedsDir);
  if (!options.snapshotDir) return { stories, index: buildIndex(stories), warnings, fromSnapshot: false };
  const snapshots = folderSnapshotStore(options.snapshotDir, (message) => warnings.push(message));
  const cached = snapshots.load(stories, contentHash);
  const index = cached ?? buildIndex(stories);
  if (!cached) snapshots.save(index, contentHash);
  snapshots.cacheFacts(index, contentHash);
  return { stories, index, warnings, fromSnapshot: cached !== null };
}
