import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { Config } from '../config.js';

/** The REST options for a config: Discord's API, or `DISCORD_API_BASE` (a proxy, a fake Discord). */
export function restOptions(config: Pick<Config, 'apiBase'>): NonNullable<ClientOptions['rest']> {
  // @discordjs/ws asks this REST client for GET /gateway/bot, so the gateway URL follows
  // the same base without a separate setting.
  return config.apiBase ? { api: config.apiBase } : {};
}

function shardOptions(config: Pick<Config, 'botShards'>): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (config.botShards === 'auto') return { shards: 'auto' };
  if (typeof config.botShards === 'number') {
    return { shards: Array.from({ length: config.botShards }, (_, i) => i), shardCount: config.botShards };
  }
  return {};
}

/**
 * The gateway client. Slash commands, autocomplete and buttons all arrive as interactions,
 * which need no privileged intents; `Guilds` is the one discord.js needs to track servers.
 */
export function createClient(config: Pick<Config, 'apiBase' | 'botShards'>): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: restOptions(config),
    // The default for anything sent without its own rule; replies also set it explicitly.
    allowedMentions: { parse: [] },
    ...shardOptions(config),
  });
  if (config.apiBase) tolerateLeanPayloads(client);
  return client;
}

/** Gateway information as Discord sends it; REST proxies and test doubles may send less. */
const GATEWAY_DEFAULTS = {
  shards: 1,
  session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
};

interface PatchableClient {
  rest: { get: (route: string, ...rest: unknown[]) => Promise<unknown> };
  ws: { handlePacket: (packet?: { t?: string; d?: Record<string, unknown> }, shard?: unknown) => unknown };
}

/**
 * Behind DISCORD_API_BASE (a proxy, a stand-in for Discord) payloads may lack fields
 * Discord always sends and discord.js relies on: `session_start_limit` of GET /gateway/bot,
 * `entitlements` of an interaction. They get Discord's neutral values instead of failing
 * the login or dropping the interaction.
 */
function tolerateLeanPayloads(client: Client): void {
  const patchable = client as unknown as PatchableClient;
  const get = patchable.rest.get.bind(patchable.rest);
  patchable.rest.get = async (route, ...rest) => {
    const result = await get(route, ...rest);
    if (route !== '/gateway/bot' || typeof result !== 'object' || result === null) return result;
    return { ...GATEWAY_DEFAULTS, ...result };
  };
  const handlePacket = patchable.ws.handlePacket.bind(patchable.ws);
  patchable.ws.handlePacket = (packet, shard) => {
    if (packet?.t === 'INTERACTION_CREATE' && packet.d && !Array.isArray(packet.d.entitlements)) {
      packet.d.entitlements = [];
    }
    return handlePacket(packet, shard);
  };
}
