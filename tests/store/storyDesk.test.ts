import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/core/answer/answerQuestion.js';
import { describeDiff, openStoryDesk } from '../../src/store/storyDesk.js';

const SEED_ID = '000_9f28cc2ec71faf02';
const temps: string[] = [];

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function setup() {
  const seeds = temp('newsdesk-desk-seeds-');
  const data = temp('newsdesk-desk-data-');
  copyFileSync(join('seeds', `${SEED_ID}.txt`), join(seeds, `${SEED_ID}.txt`));
  copyFileSync('tests/fixtures/stories/econ_rates.txt', join(seeds, 'econ_rates.txt'));
  const warnings: string[] = [];
  const open = () =>
    openStoryDesk({ seedsDir: seeds, dataDir: data, dataRetentionDays: 90 }, (w) => warnings.push(w));
  return { seeds, data, warnings, open };
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('StoryDesk', () => {
  describe('add', () => {
    it('writes a checked story and serves it at once', async () => {
      const { seeds, open } = setup();
      const { desk } = open();
      const outcome = await desk.add(
        'harbour fire!.md',
        Buffer.from(
          '---\ntitle: Fire\nvisibility: internal\n---\nForty firefighters fought the blaze at the harbour.',
        ),
      );
      expect(outcome).toMatchObject({ id: 'harbour_fire_', paragraphs: 1, internal: true, replaced: false });
      expect(outcome.diff.added).toEqual(['harbour_fire_']);
      expect(existsSync(join(seeds, 'harbour_fire_.md'))).toBe(true);
      const answer = answerQuestion(desk.library.index, 'How many firefighters fought the blaze?', {
        includeInternal: true,
      });
      expect(answer.results[0]?.story).toBe('harbour_fire_');
    });

    it('refuses a duplicate id unless it replaces, and leaves the folder unchanged', async () => {
      const { seeds, open } = setup();
      const { desk } = open();
      const before = readdirSync(seeds).sort();
      await expect(desk.add(`${SEED_ID}.txt`, Buffer.from('Other text.'))).rejects.toThrow(
        `Upload: a story with the id "${SEED_ID}" already exists (use replace to correct it)`,
      );
      await expect(desk.add('econ_rates.md', Buffer.from('Other text.'), true)).rejects.toThrow(
        'Upload: "econ_rates" exists as econ_rates.txt; upload it with the same extension',
      );
      expect(readdirSync(seeds).sort()).toEqual(before);
    });

    it('records the paragraphs a correction changed, across restarts, and forgets removed stories', async () => {
      const { open } = setup();
      const first = open().desk;
      const original = readFileSync(join('seeds', `${SEED_ID}.txt`), 'utf8');
      const corrected = original.replace('16-story', '17-story');
      const outcome = await first.add(`${SEED_ID}.txt`, Buffer.from(corrected), true);
      expect(outcome.replaced).toBe(true);
      expect(describeDiff(outcome.diff)).toEqual([`Changed: ${SEED_ID} ¶5`]);
      expect(first.correctedAt(SEED_ID, 5)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(first.correctedAt(SEED_ID, 4)).toBeNull();

      const second = open().desk;
      expect(second.correctedAt(SEED_ID, 5)).toBe(first.correctedAt(SEED_ID, 5));
      await second.remove(SEED_ID);
      expect(second.correctedAt(SEED_ID, 5)).toBeNull();
    });

    it('notices a file edited while the bot was stopped', async () => {
      const { seeds, open } = setup();
      open();
      writeFileSync(
        join(seeds, 'econ_rates.txt'),
        readFileSync(join(seeds, 'econ_rates.txt'), 'utf8').replace(/\.\s*$/, ' (corrected).'),
      );
      const { desk } = open();
      const last = desk.library.stories.find((s) => s.id === 'econ_rates')!.paragraphs.length;
      expect(desk.correctedAt('econ_rates', last)).not.toBeNull();
    });
  });

  describe('reload', () => {
    it('sees every file written before it was asked for, joining a reload that has not started yet', async () => {
      const { seeds, open } = setup();
      const { desk } = open();
      const first = desk.reload();
      writeFileSync(join(seeds, 'late.txt'), 'A late story about the tram depot.');
      const second = desk.reload();
      expect(second).toBe(first);
      expect((await second).diff.added).toEqual(['late']);
      const third = await desk.reload();
      expect(third.diff).toEqual({ added: [], removed: [], changed: [] });
    });

    it('keeps serving the old stories when the folder breaks', async () => {
      const { seeds, open } = setup();
      const { desk } = open();
      writeFileSync(join(seeds, 'econ_rates.md'), 'Same id, other extension.');
      await expect(desk.reload()).rejects.toThrow('have the same story id');
      expect(desk.library.stories).toHaveLength(2);
      rmSync(join(seeds, 'econ_rates.md'));
      await expect(desk.reload()).resolves.toMatchObject({ diff: { added: [], removed: [], changed: [] } });
    });
  });

  describe('remove', () => {
    it('deletes the file and stops serving the story; refuses unknown ids and the last story', async () => {
      const { seeds, open } = setup();
      const { desk } = open();
      await expect(desk.remove('nope')).rejects.toThrow('Stories: there is no story "nope" to remove');
      const { diff } = await desk.remove('econ_rates');
      expect(diff.removed).toEqual(['econ_rates']);
      expect(existsSync(join(seeds, 'econ_rates.txt'))).toBe(false);
      await expect(desk.remove(SEED_ID)).rejects.toThrow('is the only story');
      expect(existsSync(join(seeds, `${SEED_ID}.txt`))).toBe(true);
    });
  });

  describe('stats', () => {
    it('counts stories, questions and votes per server or for all', () => {
      const { open } = setup();
      const { desk, data } = open();
      data.recordQuestion('g1', 'What about trams?', false);
      data.recordQuestion('g1', 'How many injured?', true);
      data.recordQuestion('g2', 'Secret question', false);
      data.recordVote('g1', SEED_ID, 5, 'down');
      data.recordVote('g1', SEED_ID, 5, 'down');
      data.recordVote('g2', SEED_ID, 5, 'up');
      const one = desk.stats('g1');
      expect(one).toMatchObject({
        stories: 2,
        internal: 0,
        served: 1,
        declined: 1,
        votes: { up: 0, down: 2 },
      });
      expect(one.recentDeclined.map((q) => q.question)).toEqual(['What about trams?']);
      expect(one.mostDownVoted).toEqual([{ story: SEED_ID, paragraph: 5, up: 0, down: 2 }]);
      const all = desk.stats(null);
      expect(all).toMatchObject({ served: 1, declined: 2, votes: { up: 1, down: 2 } });
      expect(all.recentDeclined.map((q) => q.question)).toEqual(['Secret question', 'What about trams?']);
      expect(all.mostDownVoted).toEqual([{ story: SEED_ID, paragraph: 5, up: 1, down: 2 }]);
    });
  });

  it('sets aside a corrupt corrections file with a warning', () => {
    const { data, warnings, open } = setup();
    writeFileSync(join(data, 'corrections.json'), '{ not json');
    const { desk } = open();
    expect(desk.correctedAt(SEED_ID, 1)).toBeNull();
    expect(warnings).toEqual([
      expect.stringMatching(/corrections\.json was unreadable; set it aside as .*\.corrupt-/),
    ]);
  });
});

describe('describeDiff', () => {
  it('lists added, removed and changed stories with paragraph ranges', () => {
    expect(
      describeDiff({
        added: ['a', 'b'],
        removed: ['c'],
        changed: [
          { story: 'd', paragraphs: [1, 2, 3, 5, 7, 8], before: 8, after: 8 },
          { story: 'e', paragraphs: [4], before: 3, after: 4 },
        ],
      }),
    ).toEqual([
      'Added: a, b',
      'Removed: c',
      'Changed: d ¶1–¶3, ¶5, ¶7, ¶8',
      'Changed: e ¶4 (3 → 4 paragraphs)',
    ]);
    expect(describeDiff({ added: [], removed: [], changed: [] })).toEqual([
      'No change: the stories are the same as before.',
    ]);
  });
});
