import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInput } from '../fakeDiscord/interactions.js';
import { KYIV_QUESTION, messageBody, startHarness, type Harness } from '../discord/harness.js';
import { from, LEVEL } from './support.js';

/**
 * A data folder damaged while the bot was down (a full disk, a bad edit): the bot starts,
 * sets each unreadable file aside with one warning at start, and serves from defaults.
 */

let dataDir: string;
let h: Harness;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-corrupt-'));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'settings.json'), '{"guilds": {"1160000000000000001": {"channels": [');
  writeFileSync(join(dataDir, 'feedback.json'), Buffer.from([0x00, 0xff, 0x13, 0x37]));
  writeFileSync(join(dataDir, 'stats.json'), '{"guilds": [], "declinedQuestions": "not a list"}');
  h = await startHarness({ env: { DATA_DIR: dataDir, COOLDOWN_SECONDS: '0' } });
});

afterAll(async () => {
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a corrupt data folder at start', () => {
  it('sets each unreadable file aside with one warning before the bot reports ready', () => {
    const ready = h.logs.findIndex((line) => line.msg === 'Discord bot ready');
    expect(ready).toBeGreaterThan(-1);
    const before = h.logs
      .slice(0, ready)
      .filter((line) => line.level === LEVEL.warn)
      .map((line) => line.msg);
    for (const name of ['settings.json', 'feedback.json', 'stats.json']) {
      const warnings = before.filter((msg) => msg.includes(join(dataDir, name)));
      expect(warnings, name).toHaveLength(1);
      expect(warnings[0]).toMatch(
        new RegExp(
          `${name.replace('.', '\\.')} was unreadable; set it aside as .*${name.replace('.', '\\.')}\\.corrupt-`,
        ),
      );
    }
    const files = readdirSync(dataDir);
    for (const name of ['settings.json', 'feedback.json', 'stats.json']) {
      expect(
        files.filter((file) => file.startsWith(`${name}.corrupt-`)),
        name,
      ).toHaveLength(1);
    }
    // The damaged bytes are kept for a person to look at.
    const aside = files.find((file) => file.startsWith('settings.json.corrupt-'))!;
    expect(readFileSync(join(dataDir, aside), 'utf8')).toContain('"channels": [');
  });

  it('answers from defaults (no channel restriction) and writes fresh, valid files', async () => {
    const exchange = await h.run(chatInput('ask', { question: KYIV_QUESTION }, from(h)));
    expect(JSON.stringify(messageBody(exchange.final))).toContain('at least 14 civilians');
    await h.bot.stop();
    expect(JSON.parse(readFileSync(join(dataDir, 'stats.json'), 'utf8')).guilds).toMatchObject({
      '1160000000000000001': { served: 1, declined: 0 },
    });
    expect(h.logs.filter((line) => line.level >= LEVEL.error)).toEqual([]);
  });
});
