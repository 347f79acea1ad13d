import { appendFileSync, cpSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factTableOf } from '../../src/core/facts/buildFactTable.js';
import { buildIndex } from '../../src/core/search/buildIndex.js';
import { serializeIndex } from '../../src/store/indexSnapshot.js';
import { loadStories } from '../../src/store/loadStories.js';
import { openLibrary } from '../../src/store/openLibrary.js';

const ROOT = join(import.meta.dirname, '..', '..');

function storyFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-stories-'));
  cpSync(join(ROOT, 'tests', 'fixtures', 'stories'), dir, { recursive: true });
  cpSync(join(ROOT, 'seeds'), dir, { recursive: true });
  return dir;
}

function cacheFiles(cache: string, suffix: string): Map<string, number> {
  const folder = join(cache, 'stories');
  return new Map(
    readdirSync(folder, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith(suffix))
      .map((name) => [name, statSync(join(folder, name)).mtimeMs]),
  );
}

describe('the per-story cache', () => {
  it('builds the same index from cached stories as from the files', () => {
    const seeds = storyFolder();
    const cache = mkdtempSync(join(tmpdir(), 'newsdesk-cache-'));
    openLibrary(seeds, { snapshotDir: cache });
    appendFileSync(join(seeds, 'city_flood.txt'), '\nThe river fell by a metre overnight.\n');
    // The snapshot no longer matches: the index is joined from cached terms plus one new story.
    const joined = openLibrary(seeds, { snapshotDir: cache });
    expect(joined.fromSnapshot).toBe(false);
    expect(serializeIndex(joined.index).equals(serializeIndex(buildIndex(loadStories(seeds).stories)))).toBe(
      true,
    );
  });

  it('extracts the facts of a changed story only', () => {
    const seeds = storyFolder();
    const cache = mkdtempSync(join(tmpdir(), 'newsdesk-cache-'));
    factTableOf(openLibrary(seeds, { snapshotDir: cache }).index);
    const before = cacheFiles(cache, '.facts.json');
    appendFileSync(join(seeds, 'tech_recall.txt'), '\nVoltra said refunds would take 30 days.\n');
    const after = openLibrary(seeds, { snapshotDir: cache });
    const facts = factTableOf(after.index);
    const now = cacheFiles(cache, '.facts.json');
    const added = [...now.keys()].filter((name) => !before.has(name));
    expect(added).toHaveLength(1);
    for (const [name, time] of before) expect(now.get(name)).toBe(time);
    expect(facts.byStory.get('tech_recall')!.some((fact) => fact.evidence.includes('30 days'))).toBe(true);
  });

  it('answers and extracts the same facts with and without a cache', () => {
    const seeds = storyFolder();
    const cache = mkdtempSync(join(tmpdir(), 'newsdesk-cache-'));
    const plain = factTableOf(openLibrary(seeds).index).facts;
    openLibrary(seeds, { snapshotDir: cache });
    const warm = factTableOf(openLibrary(seeds, { snapshotDir: cache }).index).facts;
    expect(warm).toEqual(plain);
  });
});
