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
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: restOptions(config),
    // The default for anything sent without its own rule; replies also set it explicitly.
    allowedMentions: { parse: [] },
    ...shardOptions(config),
  });
}
