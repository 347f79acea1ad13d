import {
  Events,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  type Client,
  type GatewayGuildDeleteDispatchData,
} from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { describeIndexing } from '../store/libraryHolder.js';
import type { Library } from '../store/openLibrary.js';
import { liveContext, openServices, schedulePruning, type BotServices } from './context.js';
import { createCooldowns } from './cooldowns.js';
import { createClient } from './createClient.js';
import { loadCommands } from './loadCommands.js';
import { createRouter } from './router.js';
import { drain, stopOnSignals } from './lifecycle.js';

/** Replies still running get this long after SIGTERM; orchestrators usually kill at 10 s. */
export { DRAIN_TIMEOUT_MS } from './lifecycle.js';

export interface RunningBot {
  client: Client;
  /** Stops taking interactions, waits (bounded) for replies in progress, logs out. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Stories to serve first; default: read `config.seedsDir` (reloads always read it). */
  library?: Library;
  /** Default: the project's `commands/`. */
  commandsDir?: string;
  /**
   * The bot is the process (npm start): SIGTERM/SIGINT stop it and exit 0, Discord refusing
   * it for good (see `gatewayRefusal`) stops it with exit 1, and stray promise rejections are
   * logged instead of ending it. Tests running it in-process say no.
   */
  ownsProcess?: boolean;
}

/**
 * Why Discord will not take the bot back, as one line: discord.js emits `shardDisconnect`
 * only for close codes it will not reconnect after (4004 bad token, 4014 intents…).
 */
export function gatewayRefusal(code: number): string {
  const name = (GatewayCloseCodes as Record<number, string | undefined>)[code] ?? 'unknown close code';
  const hint =
    code === GatewayCloseCodes.AuthenticationFailed ? ': Discord refused the token, check DISCORD_TOKEN' : '';
  return `the gateway was closed for good with ${code} (${name})${hint}`;
}

/** The IPC message a shard process sends its manager when Discord refused it for good. */
export const GATEWAY_REFUSED = 'newsdeskGatewayRefused';

/**
 * In a shard process: tells the shard manager that Discord refused the bot for good, so it
 * stops every shard rather than respawning this one into the same refusal, again and again.
 */
function tellShardManager(code: number): Promise<void> {
  if (typeof process.send !== 'function' || !process.connected) return Promise.resolve();
  return new Promise((resolve) =>
    process.send!({ [GATEWAY_REFUSED]: code }, undefined, undefined, () => resolve()),
  );
}

/**
 * Runs the gateway bot; resolves once it is logged in and ready. A gateway close Discord
 * will not take back (see `gatewayRefusal`) fails the start, or later stops the bot with one
 * fatal line (and exit 1 when it owns the process) rather than leaving it connected to nothing.
 */
export async function startBot(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningBot> {
  if (!config.discordToken) throw new Error('the Discord bot needs DISCORD_TOKEN');
  const services = await openServices(config, log, options.library);
  const loaded = await loadCommands(log, options.commandsDir);
  const ctx = liveContext({ config, log, commands: loaded.summaries }, services);
  const route = createRouter({ loaded, ctx, cooldowns: createCooldowns(config.cooldownSeconds) });
  const client = createClient(config);
  const stopHousekeeping = startHousekeeping(client, services, log);

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
  let isReady = false;
  let refused: number | undefined;
  client.on(Events.ShardDisconnect, ({ code }) => {
    refused = code;
    // Before READY, the failed login reports it (see below).
    if (!isReady) return;
    log.fatal({ code }, gatewayRefusal(code));
    void Promise.all([stop(), tellShardManager(code)]).finally(() => {
      if (options.ownsProcess ?? true) process.exit(1);
    });
  });
  client.on(Events.Warn, (message) => log.warn(message));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      accepting = false;
      await drain([...inFlight], log, inFlight.size);
      stopHousekeeping();
      await client.destroy();
      log.info('logged out of Discord');
    })());

  if (options.ownsProcess ?? true) stopOnSignals(stop, log);

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.discordToken);
    await ready;
  } catch (error) {
    stopHousekeeping();
    await client.destroy();
    if (refused === undefined) throw error;
    await tellShardManager(refused);
    throw new Error(gatewayRefusal(refused));
  }
  isReady = true;
  log.info(
    {
      user: client.user?.tag,
      indexing: describeIndexing(services.desk.indexing),
      commands: loaded.commands.size,
    },
    'Discord bot ready',
  );
  return { client, stop };
}

/**
 * Data folder upkeep for the gateway bot: prunes stored questions past their retention
 * (see `schedulePruning`), and deletes a server's data when the bot leaves it (a
 * GUILD_DELETE that is not an outage). Returns the function that stops it, which also
 * saves figures still waiting to be saved.
 */
export function startHousekeeping(client: Client, { data }: BotServices, log: Logger): () => void {
  const stopPruning = schedulePruning(data, log);
  // The raw event: discord.js only emits guildDelete for servers it had cached.
  const onGuildDelete = (guild: GatewayGuildDeleteDispatchData) => {
    if (guild.unavailable) return;
    try {
      data.forgetGuild(guild.id);
      log.info({ guild: guild.id }, 'left a server; deleted its settings, feedback and stats');
    } catch (error) {
      log.warn({ err: error, guild: guild.id }, 'could not delete the data of a server the bot left');
    }
  };
  client.ws.on(GatewayDispatchEvents.GuildDelete, onGuildDelete);
  return () => {
    stopPruning();
    client.ws.off(GatewayDispatchEvents.GuildDelete, onGuildDelete);
    try {
      data.flush();
    } catch (error) {
      log.warn({ err: error }, 'could not save the data folder');
    }
  };
}
