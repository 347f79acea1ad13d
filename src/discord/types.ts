import type {
  AutocompleteInteraction,
  ButtonInteraction,
  CommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Library } from '../store/openLibrary.js';

/** A command as /help lists it. */
export interface CommandSummary {
  name: string;
  description: string;
}

/** What every command, autocomplete and button handler gets besides its interaction. */
export interface CommandContext {
  library: Library;
  config: Config;
  log: Logger;
  /** The loaded chat commands, for /help. */
  commands: readonly CommandSummary[];
}

/** Handles one button prefix (see `BUTTONS`); `args` are the custom_id parts after it. */
export type ButtonHandler = (
  interaction: ButtonInteraction,
  args: string[],
  ctx: CommandContext,
) => Promise<void>;

/**
 * A module under `commands/`: `data` is a builder (SlashCommandBuilder or
 * ContextMenuCommandBuilder), `execute` answers it. `buttons` maps custom_id prefixes to the
 * handlers of buttons the command's replies carry.
 */
export interface CommandModule<I extends CommandInteraction = CommandInteraction> {
  data: { name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };
  execute(interaction: I, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
  buttons?: Readonly<Record<string, ButtonHandler>>;
}
