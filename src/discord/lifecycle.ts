import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../log.js';

/** How long a stop waits for replies in progress before it gives up on them. */
export const DRAIN_TIMEOUT_MS = 4000;

/** Waits for the work in progress to settle, at most `DRAIN_TIMEOUT_MS`. */
export async function drain(work: readonly Promise<unknown>[], log: Logger, inFlight: number): Promise<void> {
  if (inFlight > 0) log.info({ inFlight }, 'finishing replies in progress');
  const timeout = new AbortController();
  await Promise.race([
    Promise.allSettled(work),
    delay(DRAIN_TIMEOUT_MS, undefined, { signal: timeout.signal }).catch(() => undefined),
  ]);
  timeout.abort();
}

/** SIGTERM/SIGINT run `stop` once and exit 0 (1 if it failed); unhandled rejections are logged. */
export function stopOnSignals(stop: () => Promise<void>, log: Logger): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping');
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'could not stop cleanly');
          process.exit(1);
        },
      );
    });
  }
  process.on('unhandledRejection', (error) => log.error({ err: error }, 'unhandled promise rejection'));
}
