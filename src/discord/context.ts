import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { DataStore } from '../store/dataStore.js';
import type { Library } from '../store/openLibrary.js';
import { openStoryDesk, type OpenedDesk } from '../store/storyDesk.js';
import type { CommandContext, CommandSummary } from './types.js';

/** The story folder, its index and the data folder, opened once per process. */
export type BotServices = OpenedDesk;

/** Opens the stories (or serves `library` first) and the data folder (`DATA_DIR`); see `openStoryDesk`. */
export function openServices(config: Config, log: Logger, library?: Library): BotServices {
  return openStoryDesk(config, (message) => log.warn(message), library);
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
