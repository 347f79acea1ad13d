import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataStore, SAVE_INTERVAL_MS } from '../../src/store/dataStore.js';

const folder = () => mkdtempSync(join(tmpdir(), 'newsdesk-data-'));

describe('DataStore', () => {
  it('keeps settings, feedback and stats across restarts', () => {
    const dir = folder();
    const first = new DataStore(dir, 90, () => {});
    first.setAllowedChannels('111111111111111111', ['222222222222222222']);
    first.recordVote('111111111111111111', 'story', 5, 'up');
    first.recordQuestion('111111111111111111', 'What about Lviv?', false);
    first.recordQuestion('111111111111111111', 'How many injured?', true);
    first.flush(); // as the bot does when it stops: question counts are saved at most once a second
    const second = new DataStore(dir, 90, () => {});
    expect(second.allowedChannels('111111111111111111')).toEqual(['222222222222222222']);
    expect(second.feedback.value.votes['111111111111111111|story|5']).toEqual({ up: 1, down: 0 });
    expect(second.stats.value.guilds['111111111111111111']).toEqual({ served: 1, declined: 1 });
    expect(second.stats.value.declinedQuestions[0]?.question).toBe('What about Lviv?');
  });

  it('sets a corrupt file aside with a warning and starts empty', () => {
    const dir = folder();
    writeFileSync(join(dir, 'settings.json'), '{"guilds": [oops');
    const warnings: string[] = [];
    const store = new DataStore(dir, 90, (message) => warnings.push(message));
    expect(store.allowedChannels('1')).toEqual([]);
    expect(warnings[0]).toMatch(/settings\.json was unreadable; set it aside as .*corrupt-/);
    expect(readdirSync(dir).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  it('drops stored questions older than the retention period', () => {
    const store = new DataStore(folder(), 90, () => {});
    store.recordQuestion('g', 'old question', false, new Date('2026-01-01T00:00:00Z'));
    store.recordQuestion('g', 'new question', false, new Date('2026-05-01T00:00:00Z'));
    expect(store.prune(new Date('2026-05-02T00:00:00Z'))).toBe(1);
    expect(store.stats.value.declinedQuestions.map((q) => q.question)).toEqual(['new question']);
  });

  it('forgets everything about a server that removed the bot', () => {
    const store = new DataStore(folder(), 90, () => {});
    store.setAllowedChannels('gone', ['1']);
    store.recordVote('gone', 's', 1, 'down');
    store.recordVote('kept', 's', 1, 'up');
    store.recordQuestion('gone', 'q', false);
    store.forgetGuild('gone');
    expect(store.settings.value.guilds).toEqual({});
    expect(Object.keys(store.feedback.value.votes)).toEqual(['kept|s|1']);
    expect(store.stats.value).toEqual({ guilds: {}, declinedQuestions: [] });
  });
});

describe('JsonDocument.updateSoon', () => {
  it('saves at once when idle, then at most once a second under a stream of changes', async () => {
    const dir = folder();
    const store = new DataStore(dir, 90, () => {});
    const saved = () => JSON.parse(readFileSync(join(dir, 'stats.json'), 'utf8')).guilds.g?.served ?? 0;
    store.recordQuestion('g', 'q', true);
    expect(saved()).toBe(1);
    for (let i = 0; i < 100; i++) store.recordQuestion('g', 'q', true);
    expect(saved()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, SAVE_INTERVAL_MS + 100));
    expect(saved()).toBe(101);
  });
});
