import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/core/answer/answerQuestion.js';
import { LibraryHolder } from '../../src/store/libraryHolder.js';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-reload-'));
  copyFileSync('seeds/000_9f28cc2ec71faf02.txt', join(dir, '000_9f28cc2ec71faf02.txt'));
  copyFileSync('tests/fixtures/stories/econ_rates.txt', join(dir, 'econ_rates.txt'));
  return dir;
}

describe('LibraryHolder', () => {
  it('swaps in the new stories on reload and reports what changed', async () => {
    const dir = folder();
    const holder = new LibraryHolder(dir);
    copyFileSync('tests/fixtures/stories/city_flood.txt', join(dir, 'city_flood.txt'));
    rmSync(join(dir, 'econ_rates.txt'));
    writeFileSync(join(dir, '000_9f28cc2ec71faf02.txt'), 'A corrected first paragraph.\nSecond paragraph.\n');
    const { diff } = await holder.reload();
    expect(diff).toEqual({
      added: ['city_flood'],
      removed: ['econ_rates'],
      changed: [
        { story: '000_9f28cc2ec71faf02', paragraphs: [1, 2, 3, 4, 5, 6, 7, 8, 9], before: 9, after: 2 },
      ],
    });
    expect(answerQuestion(holder.current.index, 'Which river burst its banks?').results[0]?.story).toBe(
      'city_flood',
    );
  });

  it('keeps serving the old index when the reload fails', async () => {
    const dir = folder();
    const holder = new LibraryHolder(dir);
    rmSync(dir, { recursive: true });
    await expect(holder.reload()).rejects.toThrow('does not exist');
    expect(answerQuestion(holder.current.index, 'How many civilians were injured?').answered).toBe(true);
  });

  it('answers every question asked while a reload runs', async () => {
    const dir = folder();
    const holder = new LibraryHolder(dir);
    const reload = holder.reload();
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i % 5));
        return answerQuestion(holder.current.index, 'How many civilians were injured?');
      }),
    );
    await reload;
    expect(answers.every((answer) => answer.results[0]?.citation === '000_9f28cc2ec71faf02 ¶5')).toBe(true);
  });
});
