import { join } from 'node:path';
import type { Story } from '../core/corpus/types.js';
import { attachFactSource } from '../core/facts/buildFactTable.js';
import { mergeStoryTerms, type NewsIndex } from '../core/search/buildIndex.js';
import { StoryFactStore } from './factStore.js';
import { folderSnapshotStore } from './indexSnapshot.js';
import { loadLexicon } from './lexicon.js';
import { loadStories, termsOfStories } from './loadStories.js';
import { StoryCache } from './storyCache.js';

/** The stories of a folder with their index: what every face answers from. */
export interface Library {
  stories: readonly Story[];
  index: NewsIndex;
  /** Files that were skipped and snapshot problems, one line each. */
  warnings: string[];
  /** Whether the index came from a snapshot rather than a fresh build. */
  fromSnapshot: boolean;
  /** Story id → its cache key (changes whenever the story's text or the engine does). */
  keys: ReadonlyMap<string, string>;
}

export interface LibraryOptions {
  /** Folder for index snapshots and per-story caches; none means always build. */
  snapshotDir?: string | undefined;
}

/** The per-story cache inside a snapshot folder. */
export function storyCacheIn(
  snapshotDir: string | undefined,
  warn: (message: string) => void,
): StoryCache | undefined {
  return snapshotDir ? new StoryCache(join(snapshotDir, 'stories'), warn) : undefined;
}

/** Makes an index's facts come one story at a time from the per-story cache (see `StoryFactStore`). */
export function attachStoryFacts(
  index: NewsIndex,
  keys: ReadonlyMap<string, string>,
  cache?: StoryCache,
): void {
  attachFactSource(index, new StoryFactStore(keys, cache));
}

/**
 * Reads the story folder and indexes it, in this thread: from a snapshot when one matches
 * the stories and the engine, else by joining per-story terms (cached per story, so only
 * new or changed stories are tokenized) and saving a snapshot. Facts are extracted per
 * story when first asked for. Throws `StoryFolderError` when the folder cannot be used.
 * The bot builds off the main thread instead (see `LibraryHolder`).
 */
export function openLibrary(seedsDir: string, options: LibraryOptions = {}): Library {
  loadLexicon();
  const warnings: string[] = [];
  const cache = storyCacheIn(options.snapshotDir, (message) => warnings.push(message));
  const loaded = loadStories(seedsDir, { cache });
  warnings.unshift(...loaded.warnings);
  const { stories, contentHash } = loaded;
  const keys = new Map(stories.map((story, i) => [story.id, loaded.keys[i]!]));
  const snapshots = options.snapshotDir
    ? folderSnapshotStore(options.snapshotDir, (message) => warnings.push(message))
    : null;
  const cached = snapshots?.load(stories, contentHash) ?? null;
  const index = cached ?? mergeStoryTerms(stories, termsOfStories(loaded, cache));
  if (!cached) snapshots?.save(index, contentHash);
  attachStoryFacts(index, keys, cache);
  return { stories, index, warnings, fromSnapshot: cached !== null, keys };
}
