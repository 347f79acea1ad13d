import type {
  AutocompleteInteraction,
  ButtonInteraction,
  CommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { DataStore } from '../store/dataStore.js';
import type { Library } from '../store/openLibrary.js';
import type { StoryDesk } from '../store/storyDesk.js';

/** A command as /help lists it. */
export interface CommandSummary {
  name: string;
  description: string;
}

/** What every command, autocomplete and button handler gets besides its interaction. */
export interface CommandContext {
  /**
   * The stories being served. A reload swaps them, so the bot's context reads them live
   * (see `liveContext`); the router hands each interaction a copy with them fixed, so one
   * interaction always works on one consistent index.
   */
  readonly library: Library;
  config: Config;
  log: Logger;
  /** The loaded chat commands, for /help. */
  commands: readonly CommandSummary[];
  /** Story folder operations (reload, add, remove) and corrections; absent: /admin is unavailable. */
  desk?: StoryDesk | undefined;
  /** Per-server settings, feedback and usage figures; absent: nothing is recorded or restricted. */
  data?: DataStore | undefined;
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
  /**
   * Runs (with its buttons) even in channels a server closed to the bot: `/admin`, so
   * moderators can always change the setting.
   */
  everywhere?: boolean;
}
