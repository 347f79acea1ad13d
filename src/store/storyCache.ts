import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Story } from '../core/corpus/types.js';
import type { Fact } from '../core/facts/types.js';
import type { StoryTerms } from '../core/search/buildIndex.js';
import { engineFingerprint } from './indexSnapshot.js';
import { writeFileAtomic } from './writeFileAtomic.js';

/** A story as parsed, with its index terms: what a rebuild needs instead of the file. */
export interface CachedStory {
  story: Story;
  terms: StoryTerms;
}

/**
 * The key of one story's cache entries: its id and bytes with the engine's fingerprint, so
 * an edited story or a new engine never reads an old entry.
 */
export function storyKey(id: string, bytes: Uint8Array): string {
  return createHash('sha256')
    .update(engineFingerprint())
    .update('\0')
    .update(id)
    .update('\0')
    .update(bytes)
    .digest('hex')
    .slice(0, 32);
}

/** Entries unused for this long are removed when the cache is pruned. */
const STALE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Per-story cache files in a folder (`DATA_DIR/index-cache/stories`): `<key>.story.json`
 * (the parsed story and its terms) and `<key>.facts.json` (its facts), in subfolders by
 * the key's first two characters. Adding or correcting one story costs one new entry; every
 * other story is read back instead of parsed, tokenized and extracted again. Reads never
 * throw (a damaged entry is a miss); writes are atomic and only warn when they fail.
 */
export class StoryCache {
  constructor(
    readonly folder: string,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  #file(key: string, kind: 'story' | 'facts'): string {
    return join(this.folder, key.slice(0, 2), `${key}.${kind}.json`);
  }

  #read<T>(key: string, kind: 'story' | 'facts'): T | null {
    try {
      return JSON.parse(readFileSync(this.#file(key, kind), 'utf8')) as T;
    } catch {
      return null;
    }
  }

  #write(key: string, kind: 'story' | 'facts', value: unknown): void {
    const file = this.#file(key, kind);
    try {
      mkdirSync(join(this.folder, key.slice(0, 2)), { recursive: true });
      writeFileAtomic(file, JSON.stringify(value), { durable: false });
    } catch (error) {
      this.warn(`Cache: could not save ${file}: ${(error as Error).message}`);
    }
  }

  readStory(key: string): CachedStory | null {
    const entry = this.#read<CachedStory>(key, 'story');
    return entry && typeof entry === 'object' && entry.story && entry.terms ? entry : null;
  }

  writeStory(key: string, entry: CachedStory): void {
    // The file's time is not part of its content: it is read from the file each time.
    this.#write(key, 'story', { story: { ...entry.story, modified: undefined }, terms: entry.terms });
  }

  readFacts(key: string): Fact[] | null {
    const facts = this.#read<Fact[]>(key, 'facts');
    return Array.isArray(facts) ? facts : null;
  }

  hasFacts(key: string): boolean {
    return statSync(this.#file(key, 'facts'), { throwIfNoEntry: false }) !== undefined;
  }

  writeFacts(key: string, facts: readonly Fact[]): void {
    this.#write(key, 'facts', facts);
  }

  /** Removes entries of other keys that have not been written for a week. */
  prune(live: ReadonlySet<string>, now = Date.now()): void {
    let folders: string[];
    try {
      folders = readdirSync(this.folder);
    } catch {
      return;
    }
    for (const sub of folders) {
      const dir = join(this.folder, sub);
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        if (live.has(name.slice(0, 32))) continue;
        const path = join(dir, name);
        const age = now - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? now);
        if (age > STALE_MS) rmSync(path, { force: true });
      }
    }
  }
}
