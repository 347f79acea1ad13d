import type { Config } from '../config.js';
import type { Logger } from '../log.js';

/** Runs the gateway bot. */
export async function startBot(_config: Config, log: Logger): Promise<void> {
  log.error('the Discord bot is not available yet; unset DISCORD_TOKEN to use the offline console');
  process.exitCode = 1;
}
