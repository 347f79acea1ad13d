import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Events, Options, type APIInteraction } from 'discord.js';
import type { Config } from '../config.js';
import { describeIndexing } from '../store/libraryHolder.js';
import type { Logger } from '../log.js';
import { liveContext, openServices } from '../discord/context.js';
import { createCooldowns } from '../discord/cooldowns.js';
import { restOptions } from '../discord/createClient.js';
import { loadCommands } from '../discord/loadCommands.js';
import { createRouter } from '../discord/router.js';
import { drain, stopOnSignals } from '../discord/lifecycle.js';
import { startHousekeeping, type StartOptions } from '../discord/startBot.js';
import { createInteractionsHandler } from './interactionsHandler.js';
import { publicKeyFromHex } from './signature.js';

export interface ServerOptions extends StartOptions {
  /** Default: `config.interactionsPort` (0 picks a free port, for tests). */
  port?: number;
  /** Default: every interface. */
  host?: string;
}

export interface RunningServer {
  server: Server;
  /** The port actually listened on. */
  port: number;
  client: Client;
  /** Stops taking requests, waits (bounded) for replies in progress, closes. */
  stop(): Promise<void>;
}

/** The part of discord.js' client that turns a raw payload into an Interaction, as the gateway does. */
interface InteractionActions {
  actions: { InteractionCreate: { handle(data: APIInteraction): void } };
}

/**
 * A discord.js client that never connects to the gateway: it only builds Interaction objects
 * and sends replies over REST (callbacks and interaction webhooks need no login). Its caches
 * stay empty except users, which are bounded so a long-running replica cannot grow.
 */
function createRestOnlyClient(config: Config, token: string): Client {
  const client = new Client({
    intents: [],
    rest: restOptions(config),
    allowedMentions: { parse: [] },
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, UserManager: 1000 }),
  });
  // What login() would set, without opening a gateway connection: other REST calls stay authorised.
  client.token = token;
  client.rest.setToken(token);
  return client;
}

/**
 * Runs the HTTP interactions endpoint (`POST /interactions`): Discord posts each interaction,
 * signed; the same router and renderers as the gateway bot answer it through Discord's REST
 * callback endpoint. No state lives between requests beyond caches, so any number of
 * replicas can run behind a load balancer. Resolves once listening.
 */
export async function startInteractionsServer(
  config: Config,
  log: Logger,
  options: ServerOptions = {},
): Promise<RunningServer> {
  if (!config.discordToken) throw new Error('the interactions endpoint needs DISCORD_TOKEN');
  if (!config.discordPublicKey) throw new Error('the interactions endpoint needs DISCORD_PUBLIC_KEY');
  const port = options.port ?? config.interactionsPort;
  if (port === null || port === undefined)
    throw new Error('the interactions endpoint needs INTERACTIONS_PORT');
  const publicKey = publicKeyFromHex(config.discordPublicKey);

  // The same services, context and router as the gateway bot (startBot).
  const services = await openServices(config, log, options.library);
  const loaded = await loadCommands(log, options.commandsDir);
  const ctx = liveContext({ config, log, commands: loaded.summaries }, services);
  const route = createRouter({ loaded, ctx, cooldowns: createCooldowns(config.cooldownSeconds) });
  const client = createRestOnlyClient(config, config.discordToken);
  // Retention pruning; the bot-left-a-server cleanup needs the gateway and never fires here.
  const stopHousekeeping = startHousekeeping(client, services, log);
  const { actions } = client as unknown as InteractionActions;

  const inFlight = new Set<Promise<void>>();
  let accepting = true;
  // handle() emits InteractionCreate synchronously, exactly as the gateway's dispatch does.
  client.on(Events.InteractionCreate, (interaction) => {
    const work: Promise<void> = route(interaction)
      .catch((error: unknown) => log.error({ err: error }, 'interaction handling failed'))
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  });

  const handler = createInteractionsHandler({
    publicKey,
    log,
    accepting: () => accepting,
    indexing: () => services.desk.indexing,
    dispatch: (interaction) => actions.InteractionCreate.handle(interaction),
  });
  const server = createServer(handler);
  // Discord waits at most 3 s for an answer; a client that dawdles longer is not Discord.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      accepting = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await drain([...inFlight, closed], log, inFlight.size);
      server.closeAllConnections();
      stopHousekeeping();
      await client.destroy();
      log.info('interactions endpoint stopped');
    })());

  if (options.ownsProcess ?? true) stopOnSignals(stop, log);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: options.host }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    stopHousekeeping();
    await client.destroy();
    throw error;
  }
  const actualPort = (server.address() as AddressInfo).port;
  log.info(
    { port: actualPort, indexing: describeIndexing(services.desk.indexing), commands: loaded.commands.size },
    'interactions endpoint listening',
  );
  return { server, port: actualPort, client, stop };
}
