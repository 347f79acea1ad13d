import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Events, type Client } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openLibrary, type Library } from '../store/openLibrary.js';
import { createCooldowns } from './cooldowns.js';
import { createClient } from './createClient.js';
import { loadCommands } from './loadCommands.js';
import { createRouter } from './router.js';
import type { CommandContext } from './types.js';

/** Replies still running get this long after SIGTERM; orchestrators usually kill at 10 s. */
export const DRAIN_TIMEOUT_MS = 4000;

export interface RunningBot {
  client: Client;
  /** Stops taking interactions, waits (bounded) for replies in progress, logs out. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Stories to serve; default: read `config.seedsDir`. */
  library?: Library;
  /** Default: the project's `commands/`. */
  commandsDir?: string;
  /**
   * The bot is the process (npm start): SIGTERM/SIGINT stop it and exit 0, and stray
   * promise rejections are logged instead of ending it. Tests running it in-process say no.
   */
  ownsProcess?: boolean;
}

/** Runs the gateway bot; resolves once it is logged in and ready. */
export async function startBot(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningBot> {
  if (!config.discordToken) throw new Error('the Discord bot needs DISCORD_TOKEN');
  const library =
    options.library ?? openLibrary(config.seedsDir, { snapshotDir: join(config.dataDir, 'index-cache') });
  for (const warning of library.warnings) log.warn(warning);
  const loaded = await loadCommands(log, options.commandsDir);
  const ctx: CommandContext = { library, config, log, commands: loaded.summaries };
  const route = createRouter({ loaded, ctx, cooldowns: createCooldowns(config.cooldownSeconds) });
  const client = createClient(config);

  const inFlight = new Set<Promise<void>>();
  let accepting = true;
  client.on(Events.InteractionCreate, (interaction) => {
    if (!accepting) return;
    const work: Promise<void> = route(interaction)
      .catch((error: unknown) => log.error({ err: error }, 'interaction handling failed'))
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'Discord client error'));
  client.on(Events.Warn, (message) => log.warn(message));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      accepting = false;
      if (inFlight.size > 0) log.info({ inFlight: inFlight.size }, 'finishing replies in progress');
      const timeout = new AbortController();
      await Promise.race([
        Promise.allSettled([...inFlight]),
        delay(DRAIN_TIMEOUT_MS, undefined, { signal: timeout.signal }).catch(() => undefined),
      ]);
      timeout.abort();
      await client.destroy();
      log.info('logged out of Discord');
    })());

  if (options.ownsProcess ?? true) {
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

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.discordToken);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  log.info(
    { user: client.user?.tag, stories: library.stories.length, commands: loaded.commands.size },
    'Discord bot ready',
  );
  return { client, stop };
}
