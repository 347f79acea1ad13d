import { readFileSync } from 'node:fs';
import type { RecordedRequest } from '../fakeDiscord/FakeDiscord.js';
import { type Harness, type LogLine } from '../discord/harness.js';

/** Shared helpers for the reliability suite (faults, abuse, secrets, files, load, shutdown, config). */

/* eslint-disable @typescript-eslint/no-explicit-any */

/** pino's numeric levels. */
export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/** Who an interaction comes from: a new user each time, so cooldowns never link tests. */
export function from(h: Harness) {
  return { user: h.user(), applicationId: h.fake.applicationId };
}

/** Log lines at `level` or above that were written after `since` (an index into `h.logs`). */
export function linesSince(h: Harness, since: number, level: number = LEVEL.warn): LogLine[] {
  return h.logs.slice(since).filter((line) => line.level >= level);
}

/** Requests for one interaction that match, in order. */
export function requestsOf(
  h: Harness,
  token: string,
  match: (r: RecordedRequest) => boolean,
): RecordedRequest[] {
  return h.fake.requestsFor(token).filter(match);
}

/** The n-th percentile (nearest rank) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? NaN;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Every string inside a value, however deeply nested (message bodies, log lines). */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, out);
  return out;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` holds (bounded). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export type { LogLine };
export type Body = any;

/** The development questions (answerable from the seed story) and negatives (not answerable). */
export function devQuestions(): { answerable: string[]; unanswerable: string[] } {
  const read = (name: string) =>
    readFileSync(new URL(`../eval/${name}`, import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { q: string }).q);
  return { answerable: read('dev-questions.jsonl'), unanswerable: read('dev-negatives.jsonl') };
}

/** Heap in use after full garbage collections (vitest runs workers with --expose-gc). */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run node with --expose-gc (vitest.config.ts sets it for test workers)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
