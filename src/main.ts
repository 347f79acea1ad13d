import dotenv from 'dotenv';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { runConsole } from './cli/console.js';
import { indexingProgress } from './indexingProgress.js';
import { openStoryDesk } from './store/storyDesk.js';
import { StoryFolderError } from './store/loadStories.js';

dotenv.config({ quiet: true });

/**
 * The Discord faces: the HTTP interactions endpoint (INTERACTIONS_PORT + DISCORD_PUBLIC_KEY),
 * a shard manager (BOT_SHARDS), or one gateway bot — which is also what each shard runs.
 */
async function startDiscord(config: Config, log: Logger): Promise<void> {
  const { countQuestions, followManager, startSharding } = await import('./discord/sharding.js');
  if (config.interactionsPort !== null && config.discordPublicKey !== null) {
    if (config.botShards !== null)
      log.warn('BOT_SHARDS is ignored: the HTTP interactions endpoint needs no gateway');
    const { startInteractionsServer } = await import('./http/startInteractionsServer.js');
    const server = await startInteractionsServer(config, log);
    countQuestions(server.client);
    return;
  }
  if (config.botShards !== null) {
    await startSharding(config, log);
    return;
  }
  const { startBot } = await import('./discord/startBot.js');
  const bot = await startBot(config, log);
  countQuestions(bot.client);
  followManager(bot.client, bot.stop, log);
}

/**
 * `npm start`: the offline console without DISCORD_TOKEN, a Discord face with it.
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
    await startDiscord(config, log);
    return;
  }
  // The console is the newsroom's own machine: /admin works there without a permission check.
  const progress = indexingProgress(log);
  const { desk } = openStoryDesk(config, (message) => log.warn(message), 'later', {
    onStatus: progress.update,
  });
  try {
    await desk.start();
  } finally {
    progress.stop();
  }
  for (const warning of desk.library.warnings) log.warn(warning);
  await runConsole(desk.library, { input: process.stdin, output: process.stdout }, { desk, log });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StoryFolderError) {
    process.stderr.write(`newsdesk: ${error.message}\n`);
  } else {
    process.stderr.write(`newsdesk: could not start: ${(error as Error).message}\n`);
  }
  process.exit(1);
});
