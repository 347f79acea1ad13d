import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, makeStoryDir, ROOT } from '../discord/harness.js';
import { buildOnce } from '../discord/runEntry.js';

/**
 * Every setting missing or malformed in turn, against the compiled entry (`npm start` after
 * `npm run build`): one clear line on stderr naming it, nothing on stdout, exit 1, and
 * never the token itself.
 */

let work: string;
let stories: string;
let emptyFolder: string;
let aFile: string;

beforeAll(() => {
  buildOnce();
  work = mkdtempSync(join(tmpdir(), 'newsdesk-config-'));
  stories = makeStoryDir();
  emptyFolder = join(work, 'empty');
  mkdirSync(emptyFolder);
  aFile = join(work, 'a-file.txt');
  writeFileSync(aFile, 'not a folder');
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(stories, { recursive: true, force: true });
});

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an entry with exactly `env` (plus PATH) in an empty folder, so no .env leaks in. */
function run(entry: string, env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', ...entry.split('/'))], {
      cwd: work,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not exit within 15 s; stderr:\n${stderr}`));
    }, 15_000);
    // 'close', not 'exit': 'exit' can come before the last of stderr has been read.
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A valid bot configuration; each case breaks one setting. Nothing listens on the API port. */
const valid = () => ({
  DISCORD_TOKEN: FAKE_TOKEN,
  DISCORD_APPLICATION_ID: '1100000000000000001',
  DISCORD_API_BASE: 'http://127.0.0.1:9/api',
  SEEDS_DIR: stories,
  DATA_DIR: join(work, 'data'),
  LOG_LEVEL: 'error',
});

const CASES: [string, () => Record<string, string>, RegExp][] = [
  ['DISCORD_TOKEN malformed', () => ({ DISCORD_TOKEN: 'not-a-token' }), /DISCORD_TOKEN is malformed/],
  [
    'DISCORD_APPLICATION_ID not an id',
    () => ({ DISCORD_APPLICATION_ID: 'my-app' }),
    /DISCORD_APPLICATION_ID must be a Discord id/,
  ],
  [
    'DISCORD_GUILD_ID too short',
    () => ({ DISCORD_GUILD_ID: '12345' }),
    /DISCORD_GUILD_ID must be a Discord id/,
  ],
  [
    'DISCORD_API_BASE not a URL',
    () => ({ DISCORD_API_BASE: 'discord api' }),
    /DISCORD_API_BASE must be a URL/,
  ],
  [
    'DISCORD_API_BASE not http(s)',
    () => ({ DISCORD_API_BASE: 'ftp://example.com/api' }),
    /DISCORD_API_BASE must be an http/,
  ],
  [
    'SEEDS_DIR missing folder',
    () => ({ SEEDS_DIR: join(work, 'nowhere') }),
    /does not exist \(set SEEDS_DIR\)/,
  ],
  ['SEEDS_DIR a file', () => ({ SEEDS_DIR: aFile }), /is not a folder \(set SEEDS_DIR\)/],
  [
    'SEEDS_DIR without stories',
    () => ({ SEEDS_DIR: emptyFolder }),
    /Stories: folder .*empty has no \.txt or \.md stories/,
  ],
  ['DATA_DIR a file', () => ({ DATA_DIR: aFile }), /DATA_DIR/],
  [
    'DATA_RETENTION_DAYS zero',
    () => ({ DATA_RETENTION_DAYS: '0' }),
    /DATA_RETENTION_DAYS must be a whole number from 1 to 3650/,
  ],
  [
    'DATA_RETENTION_DAYS words',
    () => ({ DATA_RETENTION_DAYS: 'ninety' }),
    /DATA_RETENTION_DAYS must be a whole number/,
  ],
  [
    'ATTACHMENT_HOSTS a URL',
    () => ({ ATTACHMENT_HOSTS: 'https://cdn.example.com/files' }),
    /ATTACHMENT_HOSTS must list host names/,
  ],
  [
    'ADMIN_USER_IDS with a name',
    () => ({ ADMIN_USER_IDS: '123456789012345678,alice' }),
    /ADMIN_USER_IDS must be a comma-separated list of Discord ids, "alice"/,
  ],
  [
    'ADMIN_ROLE_IDS with a mention',
    () => ({ ADMIN_ROLE_IDS: '<@&123456789012345678>' }),
    /ADMIN_ROLE_IDS must be a comma-separated list/,
  ],
  [
    'NEWSROOM_CHANNEL_IDS with a name',
    () => ({ NEWSROOM_CHANNEL_IDS: '#newsroom' }),
    /NEWSROOM_CHANNEL_IDS must be a comma-separated list/,
  ],
  [
    'NEWSROOM_ROLE_IDS with a name',
    () => ({ NEWSROOM_ROLE_IDS: 'Editors' }),
    /NEWSROOM_ROLE_IDS must be a comma-separated list/,
  ],
  [
    'AUDIT_CHANNEL_ID a name',
    () => ({ AUDIT_CHANNEL_ID: 'audit-log' }),
    /AUDIT_CHANNEL_ID must be a Discord id/,
  ],
  [
    'COOLDOWN_SECONDS negative',
    () => ({ COOLDOWN_SECONDS: '-1' }),
    /COOLDOWN_SECONDS must be a whole number from 0 to 3600/,
  ],
  [
    'COOLDOWN_SECONDS with a unit',
    () => ({ COOLDOWN_SECONDS: '3s' }),
    /COOLDOWN_SECONDS must be a whole number/,
  ],
  [
    'INTERACTIONS_PORT out of range',
    () => ({ INTERACTIONS_PORT: '70000', DISCORD_PUBLIC_KEY: 'a'.repeat(64) }),
    /INTERACTIONS_PORT must be a whole number from 1 to 65535/,
  ],
  [
    'DISCORD_PUBLIC_KEY missing with INTERACTIONS_PORT',
    () => ({ INTERACTIONS_PORT: '8080' }),
    /DISCORD_PUBLIC_KEY is required when INTERACTIONS_PORT is set/,
  ],
  [
    'DISCORD_PUBLIC_KEY malformed',
    () => ({ INTERACTIONS_PORT: '8080', DISCORD_PUBLIC_KEY: 'xyz' }),
    /DISCORD_PUBLIC_KEY must be 64 hexadecimal characters/,
  ],
  ['BOT_SHARDS zero', () => ({ BOT_SHARDS: '0' }), /BOT_SHARDS must be a whole number from 1 to 1000/],
  ['BOT_SHARDS words', () => ({ BOT_SHARDS: 'many' }), /BOT_SHARDS must be a whole number/],
  [
    'LOG_LEVEL unknown',
    () => ({ LOG_LEVEL: 'loud' }),
    /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/,
  ],
];

function expectOneClearLine(outcome: Outcome, pattern: RegExp): void {
  expect(outcome.code).toBe(1);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr).toMatch(/^newsdesk: [^\n]+\n$/);
  expect(outcome.stderr).toMatch(pattern);
  expect(outcome.stderr).not.toContain(FAKE_TOKEN);
}

describe.concurrent('npm start with a bad setting (compiled entry)', { timeout: 30_000 }, () => {
  it.each(CASES)('%s → one line naming it, exit 1', async (_name, broken, pattern) => {
    expectOneClearLine(await run('src/main.js', { ...valid(), ...broken() }), pattern);
  });

  it('treats an empty value as unset, and a malformed one as an error even without the token', async () => {
    const outcome = await run('src/main.js', { ...valid(), DISCORD_TOKEN: '', LOG_LEVEL: 'verbose' });
    expectOneClearLine(outcome, /LOG_LEVEL must be one of/);
  });

  it('npm run deploy-commands without DISCORD_APPLICATION_ID → one line naming it, exit 1', async () => {
    const env: Record<string, string> = { ...valid() };
    delete env.DISCORD_APPLICATION_ID;
    expectOneClearLine(await run('src/discord/deployCommands.js', env), /DISCORD_APPLICATION_ID is required/);
  });

  it('npm run deploy-commands without DISCORD_TOKEN → one line naming it, exit 1', async () => {
    const env: Record<string, string> = { ...valid() };
    delete env.DISCORD_TOKEN;
    expectOneClearLine(await run('src/discord/deployCommands.js', env), /DISCORD_TOKEN/);
  });
});
