import cliProgress from 'cli-progress';
import type { Logger } from './log.js';
import { describeIndexing, indexingPercent, type IndexingStatus } from './store/libraryHolder.js';

/** Without a terminal, a progress line at most this often. */
const LOG_EVERY_MS = 5_000;

export interface IndexingProgress {
  update(status: IndexingStatus): void;
  /** Ends the bar (or logs the last line). */
  stop(): void;
}

/**
 * Shows the first build's progress: a bar with stories done, rate and ETA on a terminal
 * (cli-progress), else a log line every few seconds. Fact extraction runs on afterwards in
 * the background and is reported by `/admin stats`, not here.
 */
export function indexingProgress(
  log: Logger,
  terminal: NodeJS.WriteStream | null = process.stderr.isTTY ? process.stderr : null,
): IndexingProgress {
  if (terminal) {
    const stream = terminal;
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          'Indexing stories |{bar}| {percentage}% · {phase} {value}/{total} · {rate} stories/s · ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    let startedAt = Date.now();
    let phase = '';
    return {
      update(status) {
        if (status.phase !== 'reading' && status.phase !== 'indexing') return;
        if (status.phase !== phase) {
          phase = status.phase;
          startedAt = Date.now();
          if (started) bar.stop();
          bar.start(Math.max(1, status.total), 0, { phase, rate: 0 });
          started = true;
        }
        const seconds = (Date.now() - startedAt) / 1000;
        bar.setTotal(Math.max(1, status.total));
        bar.update(status.done, { phase, rate: seconds > 0 ? Math.round(status.done / seconds) : 0 });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let last = 0;
  return {
    update(status) {
      if (status.phase !== 'reading' && status.phase !== 'indexing') return;
      if (Date.now() - last < LOG_EVERY_MS) return;
      last = Date.now();
      log.info(
        { phase: status.phase, done: status.done, total: status.total, percent: indexingPercent(status) },
        describeIndexing(status),
      );
    },
    stop() {},
  };
}
