import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { DataStore } from '../store/dataStore.js';
import type { Library } from '../store/openLibrary.js';
import { setTimeout as delay } from 'node:timers/promises';
import { indexingProgress } from '../indexingProgress.js';
import { checkStoryFolder } from '../store/loadStories.js';
import { openStoryDesk, type OpenedDesk } from '../store/storyDesk.js';
import type { CommandContext, CommandSummary } from './types.js';

/** The story folder, its index and the data folder, opened once per process. */
export type BotServices = OpenedDesk;

/** How long start-up waits for the first build before going online and answering "still indexing". */
const START_WAIT_MS = 3_000;

/**
 * Opens the data folder (`DATA_DIR`) and builds the stories' index off the main thread (or
 * serves `library` at once); see `openStoryDesk`. Resolves when the index is ready or after
 * a few seconds, whichever comes first: until the first build is done the desk is not
 * `ready` and the router answers "still indexing". A folder that cannot be served at all
 * (missing, not a folder, no story files) fails the start. Build progress is logged.
 */
export async function openServices(config: Config, log: Logger, library?: Library): Promise<BotServices> {
  if (!library) checkStoryFolder(config.seedsDir);
  const progress = indexingProgress(log, null);
  const services = openStoryDesk(config, (message) => log.warn(message), library ?? 'later', {
    onStatus: progress.update,
  });
  if (library) return services;
  const started = Date.now();
  const built = services.desk.start();
  built.then(
    (built) => {
      for (const warning of built.warnings) log.warn(warning);
      log.info(
        { stories: built.stories.length, ms: Date.now() - started, fromSnapshot: built.fromSnapshot },
        'stories indexed',
      );
    },
    (error: unknown) =>
      log.error({ err: error }, 'could not index the stories: answering nothing until a reload succeeds'),
  );
  await Promise.race([built.catch(() => undefined), delay(START_WAIT_MS, undefined, { ref: false })]);
  return services;
}

/**
 * A context whose `library` is whatever the desk serves now, so every interaction after a
 * reload sees the new index. The router copies it (`{ ...ctx }`) to fix the library for
 * one interaction.
 */
export function liveContext(
  base: { config: Config; log: Logger; commands: readonly CommandSummary[] },
  services: BotServices,
): CommandContext {
  return {
    ...base,
    desk: services.desk,
    data: services.data,
    get library() {
      return services.desk.library;
    },
  };
}

/** How often stored questions past `DATA_RETENTION_DAYS` are dropped. */
export const PRUNE_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Drops stored questions past their retention now and then daily; returns the function that stops it. */
export function schedulePruning(data: DataStore, log: Logger): () => void {
  const prune = () => {
    try {
      const dropped = data.prune();
      if (dropped > 0) log.info({ dropped }, 'dropped stored questions past their retention');
    } catch (error) {
      log.warn({ err: error }, 'could not prune the data folder');
    }
  };
  prune();
  const timer = setInterval(prune, PRUNE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
