import { join } from 'node:path';
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { runConsole } from './cli/console.js';
import { openLibrary } from './store/openLibrary.js';
import { StoryFolderError } from './store/loadStories.js';

dotenv.config({ quiet: true });

/**
 * `npm start`: the offline console without DISCORD_TOKEN, the Discord bot with it.
 * Configuration problems end the process with one line naming the setting.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({
    level: config.logLevel,
    secrets: config.discordToken ? [config.discordToken] : [],
    pretty: config.development,
  });
  if (config.discordToken) {
    const { startBot } = await import('./discord/startBot.js');
    await startBot(config, log);
    return;
  }
  const library = openLibrary(config.seedsDir, { snapshotDir: join(config.dataDir, 'index-cache') });
  for (const warning of library.warnings) log.warn(warning);
  await runConsole(library, { input: process.stdin, output: process.stdout });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StoryFolderError) {
    process.stderr.write(`newsdesk: ${error.message}\n`);
  } else {
    process.stderr.write(`newsdesk: could not start: ${(error as Error).message}\n`);
  }
  process.exit(1);
});
