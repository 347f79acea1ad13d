import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { ConfigError, type Config } from '../config.js';
import type { Logger } from '../log.js';
import { restOptions } from './createClient.js';
import { loadCommands } from './loadCommands.js';

export interface Registration {
  scope: 'guild' | 'global';
  names: string[];
}

/**
 * Registers every command module with Discord in one bulk overwrite: in one server when
 * `DISCORD_GUILD_ID` is set (instant, for development), else globally. Commands removed
 * from `commands/` disappear from Discord too.
 */
export async function registerCommands(
  config: Config,
  log: Logger,
  commandsDir?: string,
): Promise<Registration> {
  if (!config.discordToken) throw new ConfigError('DISCORD_TOKEN is required to register commands');
  if (!config.applicationId) throw new ConfigError('DISCORD_APPLICATION_ID is required to register commands');
  const { definitions } = await loadCommands(log, commandsDir);
  const rest = new REST(restOptions(config)).setToken(config.discordToken);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const registered = (await rest.put(route, { body: definitions })) as RESTPutAPIApplicationCommandsResult;
  const names = registered.map((command) => command.name);
  const scope = config.guildId ? 'guild' : 'global';
  log.debug({ scope, guild: config.guildId, commands: names }, 'commands registered');
  return { scope, names };
}
