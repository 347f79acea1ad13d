import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/store/openLibrary.js';
import { serializeIndex } from '../../src/store/indexSnapshot.js';

// The worker threads run compiled JavaScript: these tests use the build `npm test` makes first.
const ROOT = join(import.meta.dirname, '..', '..');
const { LibraryHolder } = (await import(
  join(ROOT, 'dist', 'src', 'store', 'libraryHolder.js')
)) as typeof import('../../src/store/libraryHolder.js');
const { ask } = (await import(
  join(ROOT, 'dist', 'src', 'core', 'queries.js')
)) as typeof import('../../src/core/queries.js');

function storyFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-stories-'));
  cpSync(join(ROOT, 'tests', 'fixtures', 'stories'), dir, { recursive: true });
  cpSync(join(ROOT, 'seeds'), dir, { recursive: true });
  return dir;
}

describe('LibraryHolder with worker threads', () => {
  it('builds the same index in a worker as in this thread, reporting progress until ready', async () => {
    const seeds = storyFolder();
    const snapshotDir = mkdtempSync(join(tmpdir(), 'newsdesk-cache-'));
    const states: string[] = [];
    const holder = new LibraryHolder(
      seeds,
      { snapshotDir, onStatus: (status) => states.push(status.state) },
      'later',
    );
    expect(holder.ready).toBe(false);
    expect(() => holder.current).toThrow(/still being indexed/);
    await holder.start();
    expect(holder.ready).toBe(true);
    expect(states[0]).toBe('starting');
    expect(states).toContain('ready');
    const here = openLibrary(seeds);
    expect(serializeIndex(holder.current.index).equals(serializeIndex(here.index))).toBe(true);
    const question = 'How many civilians were injured in the Kyiv drone strike?';
    expect(ask(holder.current.index, question)).toEqual(
      JSON.parse(JSON.stringify(ask(here.index, question))),
    );
  });

  it("extracts every story's facts in the background, and a reload after an added story serves it", async () => {
    const seeds = storyFolder();
    const snapshotDir = mkdtempSync(join(tmpdir(), 'newsdesk-cache-'));
    const holder = new LibraryHolder(seeds, { snapshotDir, factWorkers: 2 }, 'later');
    await holder.start();
    for (let waited = 0; holder.status.phase === 'facts' && waited < 60_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(holder.status.facts.done).toBe(holder.current.stories.length);
    writeFileSync(
      join(seeds, 'harbour.txt'),
      'Harbour pilots halted night crossings after a pilot boat struck a container, the port said.\n',
    );
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const { diff } = await holder.reload();
    histogram.disable();
    expect(diff.added).toEqual(['harbour']);
    expect(ask(holder.current.index, 'Why did harbour pilots halt night crossings?').results[0]?.story).toBe(
      'harbour',
    );
    // Generous on a loaded test machine; the bench measures the real figure.
    expect(histogram.max / 1e6).toBeLessThan(500);
  });
});
