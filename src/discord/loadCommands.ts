import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ApplicationCommandType, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from '../log.js';
import type { ButtonHandler, CommandModule, CommandSummary } from './types.js';

/**
 * `commands/` seen from this file: `src/discord/` under vitest, `dist/src/discord/` when
 * built, so both resolve to their own sibling `commands/`.
 */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));
/** Load modules of this file's own kind: `.ts` from source, `.js` from dist. */
const MODULE_EXTENSION = extname(fileURLToPath(import.meta.url));

export interface LoadedCommands {
  /** By `commandKey`: a chat command and a context menu may share a name. */
  commands: ReadonlyMap<string, CommandModule>;
  /** By custom_id prefix. */
  buttons: ReadonlyMap<string, ButtonHandler>;
  /** Chat commands for /help, in name order. */
  summaries: readonly CommandSummary[];
  /** What `deploy-commands` registers. */
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[];
}

/** Commands are told apart by type and name, as Discord does. */
export function commandKey(type: ApplicationCommandType, name: string): string {
  return `${type}:${name}`;
}

const isFunction = (value: unknown): value is (...args: never[]) => unknown => typeof value === 'function';

interface Checked {
  module: CommandModule;
  json: RESTPostAPIApplicationCommandsJSONBody;
}

/** Why a module cannot be used, or its definition. */
function check(candidate: Record<string, unknown>): Checked | string {
  const data = candidate.data as { toJSON?: unknown } | undefined;
  if (!data || !isFunction(data.toJSON)) return 'it does not export `data` (a command builder with toJSON)';
  if (!isFunction(candidate.execute)) return 'it does not export an `execute` function';
  if (candidate.autocomplete !== undefined && !isFunction(candidate.autocomplete))
    return '`autocomplete` is not a function';
  const buttons = candidate.buttons;
  if (
    buttons !== undefined &&
    (typeof buttons !== 'object' || buttons === null || !Object.values(buttons).every(isFunction))
  ) {
    return '`buttons` is not an object of functions';
  }
  let json: RESTPostAPIApplicationCommandsJSONBody;
  try {
    json = (data as CommandModule['data']).toJSON();
  } catch (error) {
    return `its builder is invalid (${(error as Error).message.split('\n')[0]})`;
  }
  if (typeof json?.name !== 'string' || !json.name) return '`data` has no command name';
  const options = 'options' in json ? (json.options ?? []) : [];
  if (options.some((option) => 'autocomplete' in option && option.autocomplete) && !candidate.autocomplete) {
    return 'an option uses autocomplete but the module exports no `autocomplete` function';
  }
  return { module: candidate as unknown as CommandModule, json };
}

/**
 * Imports every command module in `dir`, keeping those with the right shape. Broken
 * modules are refused with one log line each, so one bad file cannot take the bot down.
 */
export async function loadCommands(log: Logger, dir: string = COMMANDS_DIR): Promise<LoadedCommands> {
  const files = readdirSync(dir)
    .filter((name) => extname(name) === MODULE_EXTENSION && !name.endsWith('.d.ts') && !name.startsWith('.'))
    .sort();
  const commands = new Map<string, CommandModule>();
  const buttons = new Map<string, ButtonHandler>();
  const summaries: CommandSummary[] = [];
  const definitions: RESTPostAPIApplicationCommandsJSONBody[] = [];
  for (const file of files) {
    let candidate: Record<string, unknown>;
    try {
      candidate = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    } catch (error) {
      log.error({ file, err: error }, 'refused command module: it does not load');
      continue;
    }
    const checked = check(candidate);
    if (typeof checked === 'string') {
      log.error({ file }, `refused command module: ${checked}`);
      continue;
    }
    const { module, json } = checked;
    const type = json.type ?? ApplicationCommandType.ChatInput;
    const key = commandKey(type, json.name);
    if (commands.has(key)) {
      log.error(
        { file, command: json.name },
        'refused command module: another module already defines this command',
      );
      continue;
    }
    const prefixes = Object.keys(module.buttons ?? {});
    const taken = prefixes.find((prefix) => buttons.has(prefix));
    if (taken) {
      log.error(
        { file, prefix: taken },
        'refused command module: another module already handles this button prefix',
      );
      continue;
    }
    commands.set(key, module);
    for (const prefix of prefixes) buttons.set(prefix, module.buttons![prefix]!);
    definitions.push(json);
    if (type === ApplicationCommandType.ChatInput && 'description' in json) {
      summaries.push({ name: json.name, description: json.description ?? '' });
    }
  }
  summaries.sort((a, b) => a.name.localeCompare(b.name));
  log.debug({ commands: [...commands.keys()] }, 'commands loaded');
  return { commands, buttons, summaries, definitions };
}
