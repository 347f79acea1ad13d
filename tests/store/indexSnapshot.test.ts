import { mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/core/answer/answerQuestion.js';
import { buildIndex } from '../../src/core/search/buildIndex.js';
import { deserializeIndex, serializeIndex, SnapshotError } from '../../src/store/indexSnapshot.js';
import { loadStories } from '../../src/store/loadStories.js';
import { openLibrary } from '../../src/store/openLibrary.js';
import { factTableOf } from '../../src/core/facts/buildFactTable.js';

const questions = readFileSync('tests/eval/dev-questions.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { q: string }).q);

function storyFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-snap-'));
  copyFileSync('seeds/000_9f28cc2ec71faf02.txt', join(dir, '000_9f28cc2ec71faf02.txt'));
  copyFileSync('tests/fixtures/stories/econ_rates.txt', join(dir, 'econ_rates.txt'));
  return dir;
}

describe('indexSnapshot', () => {
  describe('serializeIndex / deserializeIndex', () => {
    it('gives the same answers as the index it was made from', () => {
      const { stories } = loadStories(storyFolder());
      const built = buildIndex(stories);
      const loaded = deserializeIndex(serializeIndex(built), stories);
      for (const question of questions) {
        expect(answerQuestion(loaded, question)).toEqual(answerQuestion(built, question));
      }
      expect(loaded.terms).toEqual(built.terms);
      expect(loaded.postings).toEqual(built.postings);
    });

    it('refuses a corrupt or truncated snapshot', () => {
      const { stories } = loadStories(storyFolder());
      const bytes = serializeIndex(buildIndex(stories));
      const flipped = Buffer.from(bytes);
      flipped[flipped.length - 3] = flipped[flipped.length - 3]! ^ 0xff;
      expect(() => deserializeIndex(flipped, stories)).toThrow(SnapshotError);
      expect(() => deserializeIndex(bytes.subarray(0, 20), stories)).toThrow(SnapshotError);
      expect(() => deserializeIndex(Buffer.from('not a snapshot at all'), stories)).toThrow(SnapshotError);
    });

    it('refuses a snapshot made from other stories', () => {
      const { stories } = loadStories(storyFolder());
      const bytes = serializeIndex(buildIndex(stories.slice(0, 1)));
      expect(() => deserializeIndex(bytes, stories)).toThrow('other stories');
    });
  });

  describe('openLibrary', () => {
    it('builds and saves a snapshot, then loads it on the next start', () => {
      const seeds = storyFolder();
      const cache = mkdtempSync(join(tmpdir(), 'newsdesk-cache-'));
      expect(openLibrary(seeds, { snapshotDir: cache }).fromSnapshot).toBe(false);
      expect(readdirSync(cache).filter((name) => name.endsWith('.snap'))).toHaveLength(1);
      const second = openLibrary(seeds, { snapshotDir: cache });
      expect(second.fromSnapshot).toBe(true);
      expect(answerQuestion(second.index, 'How many civilians were injured?').results[0]?.citation).toBe(
        '000_9f28cc2ec71faf02 ¶5',
      );
    });

    it("keeps each story's facts in a cache file of its own and serves them from it on the next start", () => {
      const seeds = storyFolder();
      const cache = mkdtempSync(join(tmpdir(), 'newsdesk-cache-'));
      const factFiles = () =>
        readdirSync(join(cache, 'stories'), { recursive: true })
          .map(String)
          .filter((name) => name.endsWith('.facts.json'));
      const first = openLibrary(seeds, { snapshotDir: cache });
      expect(factFiles()).toEqual([]);
      const extracted = factTableOf(first.index).facts;
      expect(factFiles()).toHaveLength(first.stories.length);
      const second = openLibrary(seeds, { snapshotDir: cache });
      expect(factTableOf(second.index).facts).toEqual(extracted);
      for (const file of factFiles()) writeFileSync(join(cache, 'stories', file), '{"broken"');
      const third = openLibrary(seeds, { snapshotDir: cache });
      expect(factTableOf(third.index).facts).toEqual(extracted);
    });

    it('rebuilds when any story changes', () => {
      const seeds = storyFolder();
      const cache = mkdtempSync(join(tmpdir(), 'newsdesk-cache-'));
      openLibrary(seeds, { snapshotDir: cache });
      appendFileSync(join(seeds, 'econ_rates.txt'), '\nA new paragraph about bond auctions was added.\n');
      const changed = openLibrary(seeds, { snapshotDir: cache });
      expect(changed.fromSnapshot).toBe(false);
      expect(answerQuestion(changed.index, 'What was added about bond auctions?').results[0]?.paragraph).toBe(
        10,
      );
    });

    it('ignores a corrupt snapshot with a warning and rebuilds', () => {
      const seeds = storyFolder();
      const cache = mkdtempSync(join(tmpdir(), 'newsdesk-cache-'));
      openLibrary(seeds, { snapshotDir: cache });
      const [file] = readdirSync(cache);
      writeFileSync(join(cache, file!), 'garbage');
      const library = openLibrary(seeds, { snapshotDir: cache });
      expect(library.fromSnapshot).toBe(false);
      expect(library.warnings.join('\n')).toMatch(
        /ignored the snapshot .*not a newsdesk index snapshot|truncated/,
      );
      expect(answerQuestion(library.index, 'How many civilians were injured?').answered).toBe(true);
    });
  });
});
