import type { Story } from '../core/corpus/types.js';
import { buildIndex, type NewsIndex } from '../core/search/buildIndex.js';
import { loadStories } from './loadStories.js';

/** The stories of a folder with their index: what every face answers from. */
export interface Library {
  stories: readonly Story[];
  index: NewsIndex;
  /** Files that were skipped, one line each. */
  warnings: string[];
}

/** Reads the story folder and indexes it. Throws `StoryFolderError` when the folder cannot be used. */
export function openLibrary(seedsDir: string): Library {
  const { stories, warnings } = loadStories(seedsDir);
  return { stories, index: buildIndex(stories), warnings };
}
