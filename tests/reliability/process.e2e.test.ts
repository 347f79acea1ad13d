import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStories } from '../../src/store/loadStories.js';
import { FakeDiscord } from '../fakeDiscord/FakeDiscord.js';
import { chatInput, fakeUser, MANAGER_PERMISSIONS } from '../fakeDiscord/interactions.js';
import { FAKE_TOKEN, KYIV_QUESTION, makeStoryDir, messageBody, SEED_ID } from '../discord/harness.js';
import { buildOnce, isAlive, runEntry, waitForLog, type Running } from '../discord/runEntry.js';
import { sleep } from './support.js';

/**
 * The compiled bot in its own process, as `npm start` runs it: the gateway refusing the
 * token (4004) at login and mid-session, SIGTERM with replies in flight, kill -9 during
 * `/admin add`, and a writer killed mid-write. Each test has its own fake Discord and folders.
 */

const work: string[] = [];
const fakes: FakeDiscord[] = [];
const runs: Running[] = [];

beforeAll(() => buildOnce(), 180_000);

afterAll(async () => {
  for (const run of runs)
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  await Promise.all(fakes.map((fake) => fake.stop()));
  for (const dir of work) rmSync(dir, { recursive: true, force: true });
});

function folder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `newsdesk-${prefix}-`));
  work.push(dir);
  return dir;
}

async function startFake(): Promise<FakeDiscord> {
  const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
  fakes.push(fake);
  return fake;
}

/** Story folders of the bots started, by process. */
const storyDirs = new Map<Running, string>();

function start(fake: FakeDiscord, env: Record<string, string> = {}): Running {
  const storyDir = makeStoryDir();
  work.push(storyDir);
  const run = runEntry(fake, {
    cwd: folder('cwd'),
    storyDir,
    dataDir: folder('data'),
    env: { LOG_LEVEL: 'info', ...env },
  });
  runs.push(run);
  storyDirs.set(run, storyDir);
  return run;
}

/** stderr lines that are not JSON log lines (the one-line errors main writes). */
const plainLines = (run: Running) =>
  run
    .stderr()
    .split('\n')
    .filter((line) => line && !line.startsWith('{'));

describe.concurrent('the compiled bot in its own process', { timeout: 60_000 }, () => {
  it('exits 1 with one clear line, after one IDENTIFY, when the gateway refuses the token at login (4004)', async () => {
    const fake = await startFake();
    fake.identifyCloseCode = 4004;
    const bot = start(fake);
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(plainLines(bot)).toEqual([
      'newsdesk: could not start: the gateway was closed for good with 4004 (AuthenticationFailed): Discord refused the token, check DISCORD_TOKEN',
    ]);
    expect(bot.logs().filter((line) => line.level >= 50)).toEqual([]);
    expect(fake.framesWithOp(2)).toBe(1);
    expect(bot.stderr()).not.toContain(FAKE_TOKEN);
  });

  it('stops with one fatal line and exit 1, without reconnecting, when the token is revoked mid-session (4004)', async () => {
    const fake = await startFake();
    const bot = start(fake);
    await waitForLog(bot, 'Discord bot ready');
    fake.identifyCloseCode = 4004;
    const closedAt = Date.now();
    fake.closeGateway(4004, 'Authentication failed.');
    const { code, at } = await bot.exited;
    expect(code).toBe(1);
    expect(at - closedAt).toBeLessThan(5000);
    const problems = bot.logs().filter((line) => line.level >= 50);
    expect(problems).toEqual([
      expect.objectContaining({
        level: 60,
        code: 4004,
        msg: 'the gateway was closed for good with 4004 (AuthenticationFailed): Discord refused the token, check DISCORD_TOKEN',
      }),
    ]);
    await sleep(500);
    expect(fake.framesWithOp(2)).toBe(1); // no new IDENTIFY
    expect(fake.framesWithOp(6)).toBe(0); // no RESUME
    expect(fake.connections).toBe(0);
  });

  it('with BOT_SHARDS=2, stops every shard with exit 1 instead of respawning them when the token is revoked (4004)', async () => {
    const fake = await startFake();
    fake.maxConcurrency = 2;
    const manager = start(fake, { BOT_SHARDS: '2' });
    await waitForLog(manager, 'all shards ready', 40_000);
    // A shard's first log line may still be on its way when the manager reports ready.
    const shardPidsNow = () =>
      [...new Set(manager.logs().map((line) => line.pid as number))].filter(
        (pid) => pid !== manager.child.pid,
      );
    for (let waited = 0; shardPidsNow().length < 2 && waited < 10_000; waited += 100) await sleep(100);
    const shardPids = shardPidsNow();
    expect(shardPids).toHaveLength(2);
    fake.identifyCloseCode = 4004;
    fake.closeGateway(4004, 'Authentication failed.');
    const { code } = await manager.exited;
    expect(code).toBe(1);
    await sleep(1000);
    expect(fake.framesWithOp(2)).toBe(2); // the two first IDENTIFYs, no respawned shard's
    for (const pid of shardPids) expect(isAlive(pid)).toBe(false);
    expect(manager.logs().filter((line) => line.msg === 'shard process exited; restarting it')).toEqual([]);
  });

  it('kill -9 during /admin add leaves the old or the new story, never a part, and the folder loads', async () => {
    /** One bot correcting marina_long through /admin add; killed `killAfterMs` after the download, or not. */
    async function correct(killAfterMs: number | null) {
      const fake = await startFake();
      const bot = start(fake, { ATTACHMENT_HOSTS: `127.0.0.1:${fake.port}` });
      await waitForLog(bot, 'Discord bot ready');
      const dir = storyDirs.get(bot)!;
      const versions = [readFileSync(join(dir, 'marina_long.txt')), CORRECTED].map(hash);
      const attachment = fake.serveAttachment('marina_long.txt', CORRECTED);
      const payload = chatInput(
        'admin',
        { file: { attachment }, replace: true },
        { user: fakeUser(), applicationId: fake.applicationId, permissions: MANAGER_PERMISSIONS },
        { subcommand: 'add' },
      );
      fake.sendInteraction(payload);
      const download = await fake.waitForRequest(
        (r) => r.path.startsWith(`/attachments/${attachment.id}/`),
        10_000,
      );
      let tookMs = 0;
      if (killAfterMs === null) {
        const reply = await fake.waitForRequest(
          (r) => r.method === 'PATCH' && r.path.includes(payload.token),
          20_000,
        );
        tookMs = reply.at - download.at;
        bot.child.kill('SIGTERM');
      } else {
        await sleep(killAfterMs);
        bot.child.kill('SIGKILL');
      }
      await bot.exited;
      const now = hash(readFileSync(join(dir, 'marina_long.txt')));
      expect(versions).toContain(now);
      expect(loadStories(dir).stories.map((s) => s.id)).toContain('marina_long');
      return { tookMs, version: now === versions[0] ? 'old' : 'new' };
    }
    // Once to the end, to learn how long the whole add takes; then killed at random within that.
    const whole = await correct(null);
    expect(whole.version).toBe('new');
    const killed = await Promise.all(
      [0, 1].map((i) => correct(Math.floor(((i + Math.random()) / 2) * whole.tookMs))),
    );
    console.info(
      `[kill -9 during /admin add] the add takes ${whole.tookMs} ms after the download; killed within it: ${killed.map((k) => k.version).join(', ')} story`,
    );
  });

  it('a writer killed at random moments leaves the old or the new file whole, 24 times over', async () => {
    const dir = folder('atomic');
    const versions = ['old', 'new'].map((name) => {
      const text = Array.from(
        { length: 40_000 },
        (_, i) => `The ${name} version, sentence ${i}: the council met again.`,
      ).join('\n');
      writeFileSync(join(dir, `.${name}.src`), text);
      return hash(Buffer.from(text));
    });
    const seen = new Set<string>();
    /** Eight writers in turn on one file, each killed at a random moment. */
    async function stream(target: string): Promise<void> {
      writeFileSync(target, readFileSync(join(dir, '.old.src')));
      for (let round = 0; round < 8; round++) {
        const child = spawn(
          process.execPath,
          [fileURLToPath(new URL('./fixtures/atomicWriter.mjs', import.meta.url))],
          {
            env: {
              PATH: process.env.PATH,
              TARGET: target,
              OLD_FILE: join(dir, '.old.src'),
              NEW_FILE: join(dir, '.new.src'),
            },
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
        await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
        await sleep(Math.floor(Math.random() * 80));
        child.kill('SIGKILL');
        await exited;
        expect(isAlive(child.pid!)).toBe(false);
        const now = hash(readFileSync(target));
        expect(versions).toContain(now);
        seen.add(now);
      }
    }
    const targets = ['big_a.txt', 'big_b.txt', 'big_c.txt'].map((name) => join(dir, name));
    await Promise.all(targets.map(stream));
    // Temp files left by killed writers are dot-files: never read as stories.
    expect(loadStories(dir).stories.map((s) => s.id)).toEqual(['big_a', 'big_b', 'big_c']);
    expect(readdirSync(dir).filter((name) => !name.startsWith('.'))).toEqual([
      'big_a.txt',
      'big_b.txt',
      'big_c.txt',
    ]);
    console.info(
      `[kill -9 writer] 24 kills: ${seen.size === 2 ? 'both versions seen' : 'one version seen'}, never a part; ` +
        `${readdirSync(dir).filter((name) => name.endsWith('.tmp')).length} temp files left behind`,
    );
  });
});
// Alone, so the 5 s it is allowed measures the bot rather than the other processes above.
describe('the compiled bot stopping', { timeout: 60_000 }, () => {
  it('sends every reply in flight on SIGTERM, then exits 0 within 5 s, logging no token', async () => {
    const fake = await startFake();
    const bot = start(fake, { LOG_LEVEL: 'trace' });
    await waitForLog(bot, 'Discord bot ready');
    const payloads = [
      ...Array.from({ length: 15 }, () =>
        chatInput(
          'ask',
          { question: KYIV_QUESTION },
          { user: fakeUser(), applicationId: fake.applicationId },
        ),
      ),
      ...Array.from({ length: 5 }, () =>
        chatInput(
          'source',
          { story: SEED_ID, paragraph: 5 },
          { user: fakeUser(), applicationId: fake.applicationId },
        ),
      ),
    ];
    // Discord takes 1.5 s to accept each first response, so all 20 are mid-reply at SIGTERM.
    for (const payload of payloads) fake.callbackDelays.set(payload.id, 1500);
    for (const payload of payloads) fake.sendInteraction(payload);
    await Promise.all(
      payloads.map((p) => fake.waitForRequest((r) => r.path.endsWith(`${p.token}/callback`), 10_000)),
    );
    const signalledAt = Date.now();
    bot.child.kill('SIGTERM');
    const { code, at } = await bot.exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(5000);
    for (const payload of payloads) {
      const answered = fake
        .requestsFor(payload.token)
        .find((r) => r.status < 300 && (r.method === 'PATCH' || r.body?.type === 4));
      expect(answered, payload.data.name).toBeDefined();
      expect(JSON.stringify(messageBody(answered!))).toContain('at least 14 civilians');
    }
    expect(bot.stderr()).not.toContain(FAKE_TOKEN);
    for (const payload of payloads) expect(bot.stderr()).not.toContain(payload.token);
  });
});

/** A correction big enough (about 600 KB) that writing and indexing it take a while. */
const CORRECTED = Buffer.from(
  Array.from(
    { length: 9000 },
    (_, i) => `Corrected sentence ${i} of the marina plan names pier ${i % 40}.`,
  ).join('\n'),
);

function hash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
