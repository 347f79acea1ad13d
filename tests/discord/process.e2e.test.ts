import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/discord/registerCommands.js';
import { FakeDiscord } from '../fakeDiscord/FakeDiscord.js';
import { chatInput, fakeUser } from '../fakeDiscord/interactions.js';
import {
  captureLogs,
  FAKE_TOKEN,
  KYIV_QUESTION,
  makeStoryDir,
  messageBody,
  ROOT,
  testConfig,
  type LogLine,
} from './harness.js';

/**
 * The compiled bot as `npm start` runs it, in its own process, against a local fake
 * Discord: login, an answer, SIGTERM handling, log hygiene, and the deploy script.
 */

const GUILD_ID = '1170000000000000001';

interface Running {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

let storyDir: string;
let workDir: string;
const children: ChildProcess[] = [];
const fakes: FakeDiscord[] = [];

beforeAll(async () => {
  // Same as `npm run build`; a no-op when dist/ is up to date.
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'launch.mjs'), '--build'], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
  storyDir = makeStoryDir();
  // An empty working directory: no .env from the developer's checkout leaks in.
  workDir = mkdtempSync(join(tmpdir(), 'newsdesk-cwd-'));
}, 180_000);

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(fakes.map((fake) => fake.stop()));
  rmSync(storyDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

/** Each test gets its own fake Discord, so the slow process tests can run side by side. */
async function startFake(): Promise<FakeDiscord> {
  const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
  fakes.push(fake);
  return fake;
}

function env(fake: FakeDiscord, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    SEEDS_DIR: storyDir,
    DATA_DIR: join(workDir, `data-${fake.port}`),
    LOG_LEVEL: 'debug',
    COOLDOWN_SECONDS: '0',
    ...extra,
  };
}

function run(fake: FakeDiscord, entry: string, extra?: Record<string, string>): Running {
  const child = spawn(process.execPath, [join(ROOT, 'dist', ...entry.split('/'))], {
    cwd: workDir,
    env: env(fake, extra),
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, stderr: () => stderr, exited };
}

function ask(fake: FakeDiscord, question = KYIV_QUESTION) {
  return chatInput('ask', { question }, { user: fakeUser(), applicationId: fake.applicationId });
}

async function webhookEdit(fake: FakeDiscord, token: string) {
  return fake.waitForRequest(
    (r) => r.path.includes(`/webhooks/${fake.applicationId}/${token}/messages/@original`),
    5000,
  );
}

// Generous timeouts: each test starts Node and discord.js, which is slow on a busy machine.
describe.concurrent(
  'npm start with DISCORD_TOKEN (compiled, in its own process)',
  { timeout: 60_000 },
  () => {
    it('logs in through DISCORD_API_BASE, answers /ask with the cited excerpt, and exits 0 within 5 s of SIGTERM', async () => {
      const fake = await startFake();
      const bot = run(fake, 'src/main.js');
      await fake.waitForReady(30_000);
      const payload = ask(fake);
      const sentAt = fake.sendInteraction(payload);
      const ack = await fake.waitForRequest((r) => r.path.endsWith(`${payload.token}/callback`));
      expect(ack.at - sentAt).toBeLessThan(3000);
      const edit = await webhookEdit(fake, payload.token);
      const body = messageBody(edit);
      expect(JSON.stringify(body)).toContain('at least 14 civilians');
      expect(JSON.stringify(body)).toContain('000_9f28cc2ec71faf02 ¶5');
      expect(body.allowed_mentions).toEqual({ parse: [] });

      const signalledAt = Date.now();
      bot.child.kill('SIGTERM');
      const { code, at } = await bot.exited;
      expect(code).toBe(0);
      expect(at - signalledAt).toBeLessThan(5000);
      await fake.waitForGatewayClose();
    });

    it('finishes a reply in progress before exiting on SIGTERM', async () => {
      const fake = await startFake();
      const bot = run(fake, 'src/main.js');
      await fake.waitForReady(30_000);
      const payload = ask(fake);
      // Discord takes 1.5 s to accept the deferral, so SIGTERM arrives mid-reply.
      fake.callbackDelays.set(payload.id, 1500);
      fake.sendInteraction(payload);
      await fake.waitForRequest((r) => r.path.endsWith(`${payload.token}/callback`));
      const signalledAt = Date.now();
      bot.child.kill('SIGTERM');
      const edit = await webhookEdit(fake, payload.token);
      expect(JSON.stringify(messageBody(edit))).toContain('at least 14 civilians');
      const { code, at } = await bot.exited;
      expect(code).toBe(0);
      expect(at - signalledAt).toBeLessThan(5000);
      expect(edit.at).toBeLessThan(at);
    });

    it('stops with exit 0 on SIGINT too, having logged JSON to stderr without the bot token or interaction tokens', async () => {
      const fake = await startFake();
      const bot = run(fake, 'src/main.js');
      await fake.waitForReady(30_000);
      const payload = ask(fake);
      fake.callbackFailures.set(payload.id, 400);
      fake.sendInteraction(payload);
      await fake.waitForRequest((r) => r.path.endsWith(`${payload.token}/callback`) && r.body?.type === 4);
      bot.child.kill('SIGINT');
      expect((await bot.exited).code).toBe(0);
      const lines = bot
        .stderr()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as LogLine);
      expect(lines.some((line) => line.msg === 'command failed' && line.command === 'ask')).toBe(true);
      expect(bot.stderr()).not.toContain(FAKE_TOKEN);
      expect(bot.stderr()).not.toContain(payload.token);
    });

    it('exits 1 with one line when Discord refuses the token', async () => {
      const fake = await startFake();
      fake.gatewayStatus = 401;
      const bot = run(fake, 'src/main.js', { LOG_LEVEL: 'silent' });
      const { code } = await bot.exited;
      expect(code).toBe(1);
      expect(bot.stderr()).toMatch(/^newsdesk: could not start: .*token.*\n$/i);
    });

    it('exits 1 naming DISCORD_TOKEN, before any connection, when the token is malformed', async () => {
      const fake = await startFake();
      const bot = run(fake, 'src/main.js', { DISCORD_TOKEN: 'not-a-token' });
      const { code } = await bot.exited;
      expect(code).toBe(1);
      expect(bot.stderr()).toBe(
        'newsdesk: DISCORD_TOKEN is malformed (expected the bot token from the Developer Portal)\n',
      );
      expect(fake.requests).toEqual([]);
    });
  },
);

describe.concurrent('npm run deploy-commands', { timeout: 60_000 }, () => {
  it('registers every command in the server named by DISCORD_GUILD_ID', async () => {
    const fake = await startFake();
    const deploy = run(fake, 'src/discord/deployCommands.js', {
      DISCORD_GUILD_ID: GUILD_ID,
      LOG_LEVEL: 'silent',
    });
    expect((await deploy.exited).code).toBe(0);
    expect(deploy.stderr()).toBe(
      `newsdesk: registered 9 commands in server ${GUILD_ID}: /admin, /ask, /facts, /help, /search, /source, /stories, /verify, "Verify against stories"\n`,
    );
    const put = fake.requests.find((r) => r.method === 'PUT');
    expect(put!.path).toBe(`/api/v10/applications/${fake.applicationId}/guilds/${GUILD_ID}/commands`);
    expect(put!.headers.authorization).toBe(`Bot ${FAKE_TOKEN}`);
    expect(fake.registeredCommands(GUILD_ID)).toHaveLength(9);
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    const fake = await startFake();
    const lines: LogLine[] = [];
    const dataDir = join(workDir, 'data');
    const result = await registerCommands(testConfig(fake, storyDir, dataDir), captureLogs(lines));
    expect(result).toEqual({
      scope: 'global',
      names: [
        'admin',
        'ask',
        'facts',
        'help',
        'search',
        'source',
        'stories',
        'verify',
        'Verify against stories',
      ],
    });
    const ask = (fake.registeredCommands('global') as { name: string; options: { name: string }[] }[]).find(
      (command) => command.name === 'ask',
    )!;
    expect(ask.options.map((o) => o.name)).toEqual(['question', 'story', 'hide', 'mention']);
  });

  it('refuses to run without DISCORD_APPLICATION_ID, naming it', async () => {
    const fake = await startFake();
    const config = { ...testConfig(fake, storyDir, join(workDir, 'data')), applicationId: null };
    await expect(registerCommands(config, captureLogs([]))).rejects.toThrow(
      'DISCORD_APPLICATION_ID is required to register commands',
    );
    expect(fake.requests).toEqual([]);
  });
});
