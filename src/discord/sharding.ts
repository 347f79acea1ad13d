import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import {
  Events,
  REST,
  Routes,
  ShardingManager,
  type APIGatewayBotInfo,
  type Client,
  type Shard,
} from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { restOptions } from './createClient.js';
import { DRAIN_TIMEOUT_MS, GATEWAY_REFUSED, gatewayRefusal } from './startBot.js';

/**
 * Gateway sharding with discord.js' ShardingManager: one manager process forks one plain bot
 * process per shard (the compiled entry point, with `BOT_SHARDS` removed; discord.js passes
 * SHARDS/SHARD_COUNT itself). Also the per-process question counter and its sum over shards.
 */

/** The compiled entry each shard runs: dist/src/main.js next to dist/src/discord/sharding.js. */
export const SHARD_ENTRY = fileURLToPath(new URL('../main.js', import.meta.url));

/** Discord lets each identify bucket connect once per 5 s; the manager waits this long between shards. */
const IDENTIFY_SPACING_MS = 5500;

/** Where a process keeps its count: on globalThis, so `broadcastEval` (which runs source text) reaches it. */
const QUESTIONS_KEY = Symbol.for('newsdesk.questions');
type Counters = Record<symbol, number | undefined>;

/** Counts the /ask questions this process receives (gateway shard or HTTP replica). */
export function countQuestions(client: Client): void {
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand() && interaction.commandName === 'ask') {
      const counters = globalThis as unknown as Counters;
      counters[QUESTIONS_KEY] = (counters[QUESTIONS_KEY] ?? 0) + 1;
    }
  });
}

/** Figures for /admin stats, summed over every shard. */
export interface BotStats {
  shards: number;
  guilds: number;
  /** /ask questions received since each process started. */
  questions: number;
}

/** Runs inside each shard via broadcastEval: it is sent as source text, so it may use nothing from this module. */
function shardFigures(client: Client): { guilds: number; questions: number } {
  const counters = globalThis as unknown as Record<symbol, number | undefined>;
  return { guilds: client.guilds.cache.size, questions: counters[Symbol.for('newsdesk.questions')] ?? 0 };
}

/** Anything that can run a function on every shard: `client.shard` inside a shard, or the manager. */
export interface ShardBroadcaster {
  broadcastEval<Result>(fn: (client: Client) => Result): Promise<unknown[]>;
}

/** Sums the figures of every shard (or of this process alone when it is not sharded). */
export async function collectStats(source: Client | ShardBroadcaster): Promise<BotStats> {
  const isClient = 'guilds' in source;
  const broadcaster: ShardBroadcaster | null = isClient ? source.shard : source;
  if (!broadcaster) {
    return { shards: 1, ...shardFigures(source as Client) };
  }
  const figures = (await broadcaster.broadcastEval(shardFigures)) as ReturnType<typeof shardFigures>[];
  return figures.reduce<BotStats>(
    (sum, shard) => ({
      shards: sum.shards + 1,
      guilds: sum.guilds + shard.guilds,
      questions: sum.questions + shard.questions,
    }),
    { shards: 0, guilds: 0, questions: 0 },
  );
}

/** How many shards to run, and how long to wait between them, per Discord's own figures. */
async function plan(config: Config, token: string): Promise<{ shards: number; spacingMs: number }> {
  let info: APIGatewayBotInfo;
  try {
    info = (await new REST(restOptions(config))
      .setToken(token)
      .get(Routes.gatewayBot())) as APIGatewayBotInfo;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 401) throw new Error('Discord refused the token (401 Unauthorized)');
    throw error;
  }
  const shards = config.botShards === 'auto' ? info.shards : (config.botShards ?? 1);
  // Up to max_concurrency shards may identify at once; more must be spaced out.
  const spacingMs = shards <= info.session_start_limit.max_concurrency ? 0 : IDENTIFY_SPACING_MS;
  return { shards, spacingMs };
}

export interface RunningShards {
  manager: ShardingManager;
  /** Logs the summed stats, stops every shard (each finishes its replies), resolves when all have exited. */
  stop(): Promise<void>;
}

/** Runs `BOT_SHARDS` (a number, or `auto` for Discord's recommendation) gateway shards; resolves once all are ready. */
export async function startSharding(
  config: Config,
  log: Logger,
  options: { ownsProcess?: boolean } = {},
): Promise<RunningShards> {
  if (!config.discordToken) throw new Error('sharding needs DISCORD_TOKEN');
  const { shards, spacingMs } = await plan(config, config.discordToken);
  const manager = new ShardingManager(SHARD_ENTRY, {
    totalShards: shards,
    token: config.discordToken,
    mode: 'process',
  });
  let stopping = false;
  let refused = false;
  let spawned = false;
  manager.on('shardCreate', (shard: Shard) => {
    // Otherwise each child would see BOT_SHARDS and start a manager of its own.
    delete (shard.env as Record<string, unknown>).BOT_SHARDS;
    shard.on('ready', () => log.info({ shard: shard.id, shards }, 'shard ready'));
    shard.on('death', () => {
      if (!stopping) log.warn({ shard: shard.id }, 'shard process exited; restarting it');
    });
    // Discord refused a shard for good (a revoked token): respawning it would only loop.
    shard.on('message', (message: unknown) => {
      const code = (message as Record<string, unknown> | null)?.[GATEWAY_REFUSED];
      if (typeof code !== 'number' || refused) return;
      refused = true;
      manager.respawn = false;
      log.warn({ shard: shard.id, code }, `stopping every shard: ${gatewayRefusal(code)}`);
      if (!spawned) return; // the start fails instead (below)
      void stop().finally(() => {
        if (options.ownsProcess ?? true) process.exit(1);
      });
    });
  });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      stopping = true;
      manager.respawn = false;
      const timeout = new AbortController();
      const stats = await Promise.race([
        collectStats(manager),
        delay(2000, null, { signal: timeout.signal }),
      ]).catch(() => null);
      timeout.abort();
      if (stats) log.info({ stats }, 'stats across shards');
      await Promise.all(
        manager.shards.map(async (shard) => {
          const child = shard.process;
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          const timeout = new AbortController();
          const late = delay(DRAIN_TIMEOUT_MS + 2000, 'late', { signal: timeout.signal }).catch(
            () => undefined,
          );
          if ((await Promise.race([exited, late])) === 'late') child.kill('SIGKILL');
          timeout.abort();
        }),
      );
      log.info('all shards stopped');
    })());

  if (options.ownsProcess ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        log.info({ signal }, 'stopping shards');
        stop().then(
          () => process.exit(0),
          (error: unknown) => {
            log.error({ err: error }, 'could not stop shards cleanly');
            process.exit(1);
          },
        );
      });
    }
    process.on('unhandledRejection', (error) => log.error({ err: error }, 'unhandled promise rejection'));
  }

  log.info({ shards, spacingMs }, 'starting shards');
  try {
    await manager.spawn({ amount: shards, delay: spacingMs });
  } catch (error) {
    await stop();
    throw error;
  }
  spawned = true;
  log.info({ shards }, 'all shards ready');
  return { manager, stop };
}

/**
 * In a shard process: when the manager goes away (its IPC channel closes), stop too, so a
 * killed manager never leaves orphaned shards connected to Discord.
 */
export function followManager(client: Client, stop: () => Promise<void>, log: Logger): void {
  if (!client.shard || typeof process.send !== 'function') return;
  process.once('disconnect', () => {
    log.info('the shard manager is gone; stopping');
    stop().finally(() => process.exit(0));
  });
}
