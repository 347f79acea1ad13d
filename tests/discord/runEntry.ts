import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { FakeDiscord } from '../fakeDiscord/FakeDiscord.js';
import { FAKE_TOKEN, ROOT, type LogLine } from './harness.js';

/** A compiled entry point (as `npm start` runs it) in its own process, against a fake Discord. */
export interface Running {
  child: ChildProcess;
  stderr(): string;
  /** The JSON log lines so far (from this process and any it forked onto the same stderr). */
  logs(): LogLine[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Same as `npm run build`; a no-op when dist/ is up to date. */
export function buildOnce(): void {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'launch.mjs'), '--build'], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function runEntry(
  fake: FakeDiscord,
  options: { cwd: string; storyDir: string; dataDir: string; env?: Record<string, string> },
): Running {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_BASE: fake.apiBase,
      SEEDS_DIR: options.storyDir,
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'debug',
      COOLDOWN_SECONDS: '0',
      ...options.env,
    },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const logs = () =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      });
  return { child, stderr: () => stderr, logs, exited };
}

/** Polls `check` until it holds. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Whether a process with this id is still running. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the process has logged `msg`; fails at once, with its stderr, if it exits first. */
export async function waitForLog(run: Running, msg: string, timeoutMs = 30_000): Promise<void> {
  let exited = false;
  void run.exited.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (!run.logs().some((line) => line.msg === msg)) {
    if (exited || Date.now() > deadline) {
      throw new Error(
        `${exited ? 'the process exited' : 'timed out'} before logging "${msg}"; stderr:\n${run.stderr().slice(-2000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
