import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/discord/startBot.js';
import { createLogger, type Logger } from '../../src/log.js';
import { FakeDiscord, type RecordedRequest } from '../fakeDiscord/FakeDiscord.js';
import { fakeUser, type FakeUser } from '../fakeDiscord/interactions.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Well-formed (three base64url parts, the first the application id) but fake. */
export const FAKE_TOKEN = `${Buffer.from('1100000000000000001').toString('base64url')}.GfAkEt.${'FaKeToKeN_'.repeat(4)}`;
export const SEED_ID = '000_9f28cc2ec71faf02';
export const KYIV_QUESTION = 'How many civilians were injured in the Kyiv drone strike?';

/** A story whose text and title are full of markdown, mentions and invisible characters. */
export const HOSTILE_STORY = [
  '---',
  'title: Council approves **new** budget for <@123456789012345678> parks',
  'url: https://news.example.com/budget_(final)?a=1',
  'published: 2024-05-02',
  '---',
  '# The city council approved a budget of 12 million dollars for parks on Tuesday.',
  '@everyone The mayor said the parks budget would fund [free concerts](https://evil.example) and new benches, and @here residents cheered.',
  '- Council members voted 7 to 2 in favour of the parks budget.',
  '1. The first phase of the park works starts in June, officials said.',
  'The treasurer warned that ```the reserve fund``` would shrink, adding that ||spoilers|| and ~~strikes~~ were not in the plan and the z\u200Bero-width w\u2060ords stayed.',
].join('\n');

export const INTERNAL_STORY = [
  '---',
  'title: Embargo memo',
  'visibility: internal',
  '---',
  'The embargo on the harbour report lifts at noon on Friday, the editor wrote in the memo.',
].join('\n');

/** One paragraph far longer than an embed description may be. */
export const LONG_STORY = [
  Array.from(
    { length: 90 },
    (_, i) =>
      `Sentence ${i + 1} of the marina expansion plan describes yet another pier and its mooring rules.`,
  ).join(' '),
  'The second paragraph of the marina report is short.',
].join('\n');

/** A story folder: the seed story plus the fixtures above. Remove it with `rmSync`. */
export function makeStoryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-stories-'));
  copyFileSync(join(ROOT, 'seeds', `${SEED_ID}.txt`), join(dir, `${SEED_ID}.txt`));
  writeFileSync(join(dir, 'council_budget.md'), HOSTILE_STORY);
  writeFileSync(join(dir, 'newsroom_memo.txt'), INTERNAL_STORY);
  writeFileSync(join(dir, 'marina_long.txt'), LONG_STORY);
  return dir;
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** Everything concerning one interaction, once the bot has answered it. */
export interface Exchange {
  payload: { id: string; token: string };
  sentAt: number;
  /** The request that completed the answer. */
  final: RecordedRequest;
  /** All requests for this interaction so far, in order. */
  requests: RecordedRequest[];
}

/** Callback types that carry message data (reply, deferred reply, update). */
const MESSAGE_CALLBACKS = new Set([4, 5, 7]);

export function isWebhook(request: RecordedRequest): boolean {
  return request.path.includes('/webhooks/');
}

export function isCallback(request: RecordedRequest): boolean {
  return request.path.endsWith('/callback');
}

/** The message data of a request, if it sends or edits a message. */
export function messageBody(request: RecordedRequest): any | undefined {
  if (isCallback(request)) return MESSAGE_CALLBACKS.has(request.body?.type) ? request.body.data : undefined;
  if (isWebhook(request) && (request.method === 'POST' || request.method === 'PATCH')) return request.body;
  return undefined;
}

/** A request after which the user sees the bot's final answer. */
function completes(request: RecordedRequest): boolean {
  if (request.status >= 400) return false;
  if (isCallback(request)) return [4, 7, 8].includes(request.body?.type);
  return isWebhook(request);
}

/** The project's logger (with its redaction), writing parsed lines into `lines`. */
export function captureLogs(lines: LogLine[], secrets: string[] = []): Logger {
  return createLogger({
    level: 'debug',
    secrets,
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  });
}

export interface Harness {
  fake: FakeDiscord;
  bot: RunningBot;
  config: Config;
  logs: LogLine[];
  storyDir: string;
  /** A new user, so per-user cooldowns never link unrelated tests. */
  user(name?: string): FakeUser;
  /** Sends an interaction and resolves once the bot has answered it. */
  run(payload: { id: string; token: string }, timeoutMs?: number): Promise<Exchange>;
  /** Restarts the bot (new process state, same Discord and stories). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function testConfig(
  fake: FakeDiscord,
  storyDir: string,
  dataDir: string,
  extra: Record<string, string> = {},
): Config {
  return loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    SEEDS_DIR: storyDir,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    COOLDOWN_SECONDS: '3',
    ...extra,
  });
}

/** Starts a fake Discord and the real bot (in this process) against it. */
export async function startHarness(
  options: {
    /** Extra environment; a function gets the fake first (e.g. for `ATTACHMENT_HOSTS=127.0.0.1:PORT`). */
    env?: Record<string, string> | ((fake: FakeDiscord) => Record<string, string>);
    commandsDir?: string;
  } = {},
): Promise<Harness> {
  const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
  const storyDir = makeStoryDir();
  const dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-data-'));
  mkdirSync(dataDir, { recursive: true });
  const env = typeof options.env === 'function' ? options.env(fake) : options.env;
  const config = testConfig(fake, storyDir, dataDir, env);
  const logs: LogLine[] = [];
  const log = captureLogs(logs, [fake.token]);
  const start = () => startBot(config, log, { ownsProcess: false, commandsDir: options.commandsDir });
  let bot = await start();
  const harness: Harness = {
    fake,
    get bot() {
      return bot;
    },
    config,
    logs,
    storyDir,
    user: (name) => fakeUser(name),
    async run(payload, timeoutMs = 5000) {
      const sentAt = fake.sendInteraction(payload);
      const final = await fake.waitForRequest(
        (request) => request.path.includes(`/${payload.token}`) && completes(request),
        timeoutMs,
      );
      return { payload, sentAt, final, requests: fake.requestsFor(payload.token) };
    },
    async restart() {
      await bot.stop();
      bot = await start();
    },
    async close() {
      await bot.stop();
      await fake.stop();
      rmSync(storyDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
