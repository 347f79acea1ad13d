import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakeDiscord/FakeDiscord.js';
import { chatInput, fakeUser, GUILD_ID } from '../fakeDiscord/interactions.js';
import { FAKE_TOKEN, KYIV_QUESTION, makeStoryDir, messageBody, type LogLine } from './harness.js';
import { buildOnce, isAlive, runEntry, waitForLog, waitUntil, type Running } from './runEntry.js';

/**
 * `npm start` with BOT_SHARDS: discord.js' ShardingManager forking one compiled bot process
 * per shard, against a fake Discord that routes each guild's interactions to its shard.
 */

let storyDir: string;
let workDir: string;
const running: Running[] = [];
const fakes: FakeDiscord[] = [];

beforeAll(() => {
  buildOnce();
  storyDir = makeStoryDir();
  workDir = mkdtempSync(join(tmpdir(), 'newsdesk-cwd-'));
}, 180_000);

afterAll(async () => {
  for (const run of running) {
    for (const pid of shardPids(run)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  }
  await Promise.all(fakes.map((fake) => fake.stop()));
  rmSync(storyDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

/** The process ids of the shards the manager forked: every other process that logged on its stderr. */
function shardPids(run: Running): number[] {
  const pids = new Set(run.logs().map((line) => line.pid as number));
  pids.delete(run.child.pid!);
  return [...pids];
}

/** A fake Discord that, like Discord for a larger bot, lets two shards identify at once. */
async function startFake(): Promise<FakeDiscord> {
  const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
  fake.maxConcurrency = 2;
  fakes.push(fake);
  return fake;
}

async function startShards(fake: FakeDiscord, shards: string): Promise<Running> {
  const run = runEntry(fake, {
    cwd: workDir,
    storyDir,
    dataDir: join(workDir, `data-${fake.port}`),
    env: { BOT_SHARDS: shards },
  });
  running.push(run);
  await waitForLog(run, 'all shards ready', 40_000);
  return run;
}

async function ask(fake: FakeDiscord, dm: boolean) {
  const payload = chatInput(
    'ask',
    { question: KYIV_QUESTION },
    { user: fakeUser(), dm, applicationId: fake.applicationId },
  );
  fake.sendInteraction(payload);
  const edit = await fake.waitForRequest((r) => r.path.endsWith(`${payload.token}/messages/@original`));
  return messageBody(edit);
}

describe('npm start with BOT_SHARDS', { timeout: 60_000 }, () => {
  it('runs two shard processes that identify as [0, 2] and [1, 2], each answering its own interactions, and sums their stats', async () => {
    const fake = await startFake();
    const manager = await startShards(fake, '2');
    expect(fake.identifiedShards().sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.connections).toBe(2);
    const pids = shardPids(manager);
    expect(pids).toHaveLength(2);

    // The server's guild belongs to shard 1, direct messages to shard 0: both shards answer once.
    expect(FakeDiscord.shardFor(GUILD_ID, 2)).toBe(1);
    const inGuild = await ask(fake, false);
    const inDm = await ask(fake, true);
    for (const body of [inGuild, inDm]) {
      expect(JSON.stringify(body)).toContain('at least 14 civilians');
      expect(JSON.stringify(body)).toContain('000_9f28cc2ec71faf02 ¶5');
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }

    manager.child.kill('SIGTERM');
    const { code } = await manager.exited;
    expect(code).toBe(0);
    const stats = manager.logs().find((line: LogLine) => line.msg === 'stats across shards');
    expect(stats?.stats).toEqual({ shards: 2, guilds: 0, questions: 2 });
    await fake.waitForGatewayClose();
    await waitUntil(() => pids.every((pid) => !isAlive(pid)), 'the shards to exit', 5000);
    expect(manager.stderr()).not.toContain(FAKE_TOKEN);
  });

  it('asks Discord how many shards to run when BOT_SHARDS is auto, and leaves none running when the manager is killed outright', async () => {
    const fake = await startFake();
    fake.recommendedShards = 2;
    const manager = await startShards(fake, 'auto');
    expect(fake.identifiedShards().sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const pids = shardPids(manager);
    expect(pids).toHaveLength(2);
    manager.child.kill('SIGKILL');
    await waitUntil(() => pids.every((pid) => !isAlive(pid)), 'the orphaned shards to stop', 10_000);
    await fake.waitForGatewayClose();
  });
});
