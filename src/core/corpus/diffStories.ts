import type { Story } from './types.js';

/** What changed between two versions of the story folder. */
export interface StoriesDiff {
  added: string[];
  removed: string[];
  /** Stories present in both whose paragraphs differ: which numbers changed, and the counts. */
  changed: { story: string; paragraphs: number[]; before: number; after: number }[];
}

/** Compares two sets of stories paragraph by paragraph (same number, different text = changed). */
export function diffStories(before: readonly Story[], after: readonly Story[]): StoriesDiff {
  const old = new Map(before.map((story) => [story.id, story]));
  const now = new Map(after.map((story) => [story.id, story]));
  const changed: StoriesDiff['changed'] = [];
  for (const story of after) {
    const previous = old.get(story.id);
    if (!previous) continue;
    const count = Math.max(previous.paragraphs.length, story.paragraphs.length);
    const paragraphs: number[] = [];
    for (let n = 1; n <= count; n++) {
      if (previous.paragraphs[n - 1]?.text !== story.paragraphs[n - 1]?.text) paragraphs.push(n);
    }
    if (paragraphs.length > 0) {
      changed.push({
        story: story.id,
        paragraphs,
        before: previous.paragraphs.length,
        after: story.paragraphs.length,
      });
    }
  }
  return {
    added: after.filter((story) => !old.has(story.id)).map((story) => story.id),
    removed: before.filter((story) => !now.has(story.id)).map((story) => story.id),
    changed,
  };
}

/** True when the diff holds no change at all. */
export function isEmptyDiff(diff: StoriesDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}
