import { createHash, type Hash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { parseStory } from '../core/corpus/parseStory.js';
import { CorpusError, type Story } from '../core/corpus/types.js';
import { analyzeStory, type StoryTerms } from '../core/search/buildIndex.js';
import { storyKey, type StoryCache } from './storyCache.js';

/** Largest story file read; bigger files are skipped with a warning. */
export const MAX_STORY_BYTES = 4 * 1024 * 1024;
const STORY_EXTENSIONS = new Set(['.txt', '.md']);

/** A story folder that cannot be used at all (missing, unreadable, empty). */
export class StoryFolderError extends Error {
  override name = 'StoryFolderError';
}

export interface LoadedStories {
  stories: Story[];
  /** One line per skipped file, naming it and the reason. */
  warnings: string[];
  /** SHA-256 over the ids and bytes of the stories loaded: changes whenever any story does. */
  contentHash: string;
  /** Each story's cache key (see `storyKey`), in the order of `stories`. */
  keys: string[];
  /** Each story's file (absolute path), in the order of `stories`. */
  files: string[];
  /** Each story's index terms when the cache had them, else null. */
  cachedTerms: (StoryTerms | null)[];
}

export interface LoadOptions {
  /** Per-story cache: parsed stories and terms are read from it, and new ones written to it. */
  cache?: StoryCache | undefined;
  /** Called after each file, for progress. */
  onStory?: ((done: number, total: number) => void) | undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes story bytes, refusing binary data and invalid UTF-8 with a reason. */
export function decodeStoryText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new CorpusError('it looks like a binary file (it contains NUL bytes)');
  try {
    return utf8.decode(bytes);
  } catch {
    throw new CorpusError('it is not valid UTF-8 text');
  }
}

/**
 * Throws `StoryFolderError` when `dir` is missing, not a folder or holds no story files:
 * a quick check (one directory listing) before a build starts in the background.
 */
export function checkStoryFolder(dir: string): void {
  if (listStoryFiles(resolve(dir)).length === 0)
    throw new StoryFolderError(`Stories: folder ${dir} has no .txt or .md stories`);
}

function listStoryFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new StoryFolderError(`Stories: folder ${dir} does not exist (set SEEDS_DIR)`);
    if (code === 'ENOTDIR') throw new StoryFolderError(`Stories: ${dir} is not a folder (set SEEDS_DIR)`);
    throw new StoryFolderError(`Stories: cannot read folder ${dir} (${code ?? 'unknown error'})`);
  }
  return entries
    .filter((name) => STORY_EXTENSIONS.has(extname(name).toLowerCase()) && !name.startsWith('.'))
    .sort();
}

interface ReadStory {
  story: Story;
  key: string;
  terms: StoryTerms | null;
}

function readStoryFile(
  dir: string,
  realDir: string,
  name: string,
  hash: Hash,
  cache?: StoryCache,
): ReadStory {
  const path = join(dir, name);
  const link = lstatSync(path);
  if (link.isSymbolicLink()) {
    const target = realpathSync(path);
    if (!target.startsWith(realDir + sep))
      throw new CorpusError('it is a symbolic link to a file outside the folder');
  }
  const stat = statSync(path);
  if (!stat.isFile()) throw new CorpusError('it is not a regular file');
  if (stat.size > MAX_STORY_BYTES) {
    throw new CorpusError(`it is larger than ${MAX_STORY_BYTES / 1024 / 1024} MB`);
  }
  const id = name.slice(0, -extname(name).length);
  const bytes = readFileSync(path);
  const key = storyKey(id, bytes);
  const cached = cache?.readStory(key);
  const modified = stat.mtime.toISOString();
  hash.update(`${id}\0${bytes.length}\0`).update(bytes);
  if (cached) return { story: { ...cached.story, modified }, key, terms: cached.terms };
  const story: Story = { ...parseStory(id, decodeStoryText(bytes)), modified };
  return { story, key, terms: null };
}

/**
 * Reads every `.txt`/`.md` story directly in `dir` (subfolders are not read). A file that
 * cannot be used is skipped with a warning naming it; a missing or empty folder, or two
 * files with the same id, is an error, because answers from it would be wrong or ambiguous.
 */
export function loadStories(dir: string, options: LoadOptions = {}): LoadedStories {
  const folder = resolve(dir);
  const files = listStoryFiles(folder);
  const realDir = realpathSync(folder);
  const byId = new Map<string, string>();
  for (const name of files) {
    const id = name.slice(0, -extname(name).length);
    const other = byId.get(id);
    if (other)
      throw new StoryFolderError(`Stories: ${other} and ${name} in ${dir} have the same story id "${id}"`);
    byId.set(id, name);
  }
  const stories: Story[] = [];
  const keys: string[] = [];
  const paths: string[] = [];
  const cachedTerms: (StoryTerms | null)[] = [];
  const warnings: string[] = [];
  const hash = createHash('sha256');
  for (const [done, name] of files.entries()) {
    options.onStory?.(done, files.length);
    try {
      const read = readStoryFile(folder, realDir, name, hash, options.cache);
      stories.push(read.story);
      keys.push(read.key);
      paths.push(join(folder, name));
      cachedTerms.push(read.terms);
    } catch (error) {
      if (!(error instanceof CorpusError) && !(error as NodeJS.ErrnoException).code) throw error;
      const reason = error instanceof Error ? error.message.replace(/^Corpus: /, '') : String(error);
      warnings.push(`Stories: skipped ${join(dir, name)}: ${reason}`);
    }
  }
  if (stories.length === 0) {
    const why = files.length === 0 ? 'has no .txt or .md stories' : 'has no usable stories';
    throw new StoryFolderError(`Stories: folder ${dir} ${why}`);
  }
  return { stories, warnings, contentHash: hash.digest('hex'), keys, files: paths, cachedTerms };
}

/**
 * The index terms of every loaded story: from the cache where it had them, else by
 * tokenizing the story (and caching the result). `onStory` reports progress.
 */
export function termsOfStories(
  loaded: Pick<LoadedStories, 'stories' | 'keys' | 'cachedTerms'>,
  cache?: StoryCache,
  onStory?: (done: number, total: number) => void,
): StoryTerms[] {
  return loaded.stories.map((story, i) => {
    onStory?.(i, loaded.stories.length);
    const cached = loaded.cachedTerms[i];
    if (cached) return cached;
    const terms = analyzeStory(story);
    cache?.writeStory(loaded.keys[i]!, { story, terms });
    return terms;
  });
}
