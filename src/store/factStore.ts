import type { Story } from '../core/corpus/types.js';
import { extractStoryFacts } from '../core/facts/extractFacts.js';
import type { FactSource } from '../core/facts/buildFactTable.js';
import type { Fact } from '../core/facts/types.js';
import type { StoryCache } from './storyCache.js';

/** Stories whose facts stay in memory at once; the rest are read back from the cache when asked for. */
const KEPT_STORIES = 512;

/**
 * The facts of a library's stories, one story at a time: from memory (the most recently
 * used stories), else the per-story cache a worker filled, else extracted now and cached.
 * Nothing ever holds the facts of a whole archive in memory.
 */
export class StoryFactStore implements FactSource {
  readonly #recent = new Map<string, readonly Fact[]>();

  constructor(
    /** Story id → cache key. */
    private readonly keys: ReadonlyMap<string, string>,
    private readonly cache?: StoryCache,
  ) {}

  factsOf(story: Story): readonly Fact[] {
    const key = this.keys.get(story.id) ?? story.id;
    const kept = this.#recent.get(key);
    if (kept) {
      // Most recently used last: re-insert.
      this.#recent.delete(key);
      this.#recent.set(key, kept);
      return kept;
    }
    let facts: readonly Fact[] | null = this.cache?.readFacts(key) ?? null;
    if (!facts) {
      facts = extractStoryFacts(story);
      this.cache?.writeFacts(key, facts);
    }
    Object.freeze(facts);
    this.#recent.set(key, facts);
    if (this.#recent.size > KEPT_STORIES) this.#recent.delete(this.#recent.keys().next().value!);
    return facts;
  }
}
