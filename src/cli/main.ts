import { join } from 'node:path';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { loadCoreConfig } from '../config.js';
import { openLibrary, type Library } from '../store/openLibrary.js';
import { runCommand, UsageError, CLI_USAGE } from './runCommand.js';

dotenv.config({ quiet: true });

function fail(message: string, code: number): never {
  process.stderr.write(`${message.split('\n')[0]}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        type: { type: 'string' },
        story: { type: 'string' },
        entity: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail(`newsdesk: ${(error as Error).message} (see --help)`, 2);
  }
  if (parsed.values.help || parsed.positionals[0] === 'help') {
    process.stdout.write(CLI_USAGE);
    return;
  }
  const config = loadCoreConfig();
  let library: Library | undefined;
  const getLibrary = () => {
    library ??= openLibrary(config.seedsDir, { snapshotDir: join(config.dataDir, 'index-cache') });
    return library;
  };
  const exitCode = await runCommand(parsed.positionals, parsed.values, getLibrary, {
    stdin: process.stdin,
    write: (text) => process.stdout.write(text),
  });
  process.exitCode = exitCode;
  if (library && library.warnings.length > 0) {
    // The logger loads only when there is something to log: it would cost every quick CLI call.
    const { createLogger } = await import('../log.js');
    const log = createLogger({ level: config.logLevel });
    for (const warning of library.warnings) log.warn(warning);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) fail(error.message, 2);
  const name = (error as Error).name;
  if (name === 'ConfigError' || name === 'StoryFolderError') fail(`newsdesk: ${(error as Error).message}`, 1);
  if (name === 'UserError') fail(`newsdesk: ${(error as Error).message}`, 2);
  fail(`newsdesk: unexpected error: ${(error as Error).message}`, 1);
});
