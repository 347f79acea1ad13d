import dotenv from 'dotenv';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { registerCommands } from './registerCommands.js';

dotenv.config({ quiet: true });

/**
 * `npm run deploy-commands`: registers the slash commands once, when they change — never
 * at every start, which would hit Discord's rate limits and reset command permissions.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({
    level: config.logLevel,
    secrets: config.discordToken ? [config.discordToken] : [],
    pretty: config.development,
  });
  const { scope, names } = await registerCommands(config, log);
  const where =
    scope === 'guild' ? `server ${config.guildId}` : 'all servers (global; may take up to an hour to appear)';
  // Slash command names are lower case without spaces; context-menu names ("Verify against stories") are quoted.
  const shown = names.map((name) => (/^[-_\p{Ll}\p{N}]+$/u.test(name) ? `/${name}` : `"${name}"`));
  process.stderr.write(`newsdesk: registered ${names.length} commands in ${where}: ${shown.join(', ')}\n`);
}

main().catch((error: unknown) => {
  const prefix = error instanceof ConfigError ? '' : 'could not register commands: ';
  process.stderr.write(`newsdesk: ${prefix}${(error as Error).message}\n`);
  process.exit(1);
});
