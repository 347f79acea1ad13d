import {
  RESTJSONErrorCodes,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type RepliableInteraction,
  type UserContextMenuCommandInteraction,
} from 'discord.js';
import { UserError } from '../core/errors.js';
import { indexingPercent } from '../store/libraryHolder.js';
import type { Cooldowns } from './cooldowns.js';
import { BUTTONS, decodeCustomId } from './customIds.js';
import { commandKey, type LoadedCommands } from './loadCommands.js';
import { GENERIC_ERROR, renderCooldown, renderNotice } from './render.js';
import { renderChannelRefusal } from './renderModeration.js';
import { deferReply, deleteButtonMessage, isDiscordError, sendPrivately } from './respond.js';
import { channelAllowed } from './scope.js';
import type { ButtonHandler, CommandContext } from './types.js';

export interface RouterOptions {
  loaded: LoadedCommands;
  /**
   * What handlers get. Its `library` may be live (a getter, see `liveContext`): the router
   * reads it once per interaction, so each handler sees one consistent index.
   */
  ctx: CommandContext;
  cooldowns: Cooldowns;
}

/** Commands whose replies only the user sees (their renderers say so): deferred privately too. */
const PRIVATE_REPLIES: ReadonlySet<string> = new Set(['search', 'facts', 'admin']);

/** Routes one interaction; never rejects (errors end in the boundary). */
export type Router = (interaction: Interaction) => Promise<void>;

/**
 * Discord refusing to take any answer for an interaction: it expired (10062, not acknowledged
 * within 3 s) or something else already acknowledged it (40060). Another attempt to tell the
 * user would be refused the same way, so these end with one warning.
 */
const UNANSWERABLE: readonly [RESTJSONErrorCodes, string][] = [
  [
    RESTJSONErrorCodes.UnknownInteraction,
    'interaction expired before it could be answered (Discord: Unknown interaction)',
  ],
  [
    RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
    'interaction was already acknowledged elsewhere; not answering it twice',
  ],
];

function unanswerable(error: unknown): [RESTJSONErrorCodes, string] | undefined {
  return UNANSWERABLE.find(([code]) => isDiscordError(error, code));
}

/** The delete button on public answers: only the asker, named in the custom_id, may use it. */
const deleteAnswer: ButtonHandler = async (interaction, [owner]) => {
  if (interaction.user.id !== owner) {
    await sendPrivately(interaction, renderNotice('Only the person who asked can delete this answer.'));
    return;
  }
  await deleteButtonMessage(interaction);
};

/**
 * One router for chat commands, context-menu commands, autocomplete and buttons, with the
 * one error boundary: a `UserError` shows its message to the user alone; anything else is
 * logged once with the command name and answered with a short generic message.
 */
export function createRouter({ loaded, ctx: live, cooldowns }: RouterOptions): Router {
  const { log } = live;
  const buttons = new Map<string, ButtonHandler>([...loaded.buttons, [BUTTONS.delete, deleteAnswer]]);
  /** Buttons that work in channels closed to the bot: deleting one's own answer, and /admin's. */
  const anywhereButtons = new Set<string>([BUTTONS.delete]);
  for (const command of loaded.commands.values()) {
    if (command.everywhere)
      for (const prefix of Object.keys(command.buttons ?? {})) anywhereButtons.add(prefix);
  }

  /** Before the first build finishes there is no library: everything but /help waits for it. */
  const stillIndexing = (name: string): boolean =>
    live.desk !== undefined && !live.desk.ready && name !== 'help';
  const indexingNotice = (): string => {
    const status = live.desk!.indexing;
    return status.state === 'failed'
      ? 'The stories could not be loaded; the newsroom has been told. Try again later.'
      : `Still indexing the stories, ${indexingPercent(status)}% — try again in a moment.`;
  };

  /**
   * A command that arrives before the first build is done is acknowledged at once (Discord
   * allows 3 s) and run when the stories are ready; the answer then replaces the "thinking"
   * message. False when the build failed (the user has been told).
   */
  async function answerWhenIndexed(
    interaction:
      ChatInputCommandInteraction | MessageContextMenuCommandInteraction | UserContextMenuCommandInteraction,
  ): Promise<boolean> {
    const hidden = interaction.isChatInputCommand()
      ? (interaction.options.getBoolean('hide') ?? PRIVATE_REPLIES.has(interaction.commandName))
      : true;
    await deferReply(interaction, hidden);
    try {
      await live.desk!.whenReady();
      return true;
    } catch {
      await sendPrivately(interaction, renderNotice(indexingNotice()));
      return false;
    }
  }

  /** The context for one interaction: the library read once, here. */
  const contextNow = (): CommandContext => ({ ...live, library: live.library });

  /** The channels this server limited the bot to, when this interaction is outside them. */
  function closedHere(interaction: Interaction): readonly string[] | null {
    if (!live.data || !interaction.guildId) return null;
    const allowed = live.data.allowedChannels(interaction.guildId);
    return channelAllowed(interaction, allowed) ? null : allowed;
  }

  async function guard(
    interaction: RepliableInteraction,
    name: string,
    work: () => Promise<void>,
  ): Promise<void> {
    const started = Date.now();
    try {
      await work();
      log.debug(
        { command: name, user: interaction.user.id, guild: interaction.guildId, ms: Date.now() - started },
        'handled',
      );
    } catch (error) {
      const refused = unanswerable(error);
      if (refused) {
        log.warn({ command: name, interaction: interaction.id, code: refused[0] }, refused[1]);
        return;
      }
      const expected = error instanceof UserError;
      if (!expected) log.error({ err: error, command: name, interaction: interaction.id }, 'command failed');
      try {
        await sendPrivately(interaction, renderNotice(expected ? error.message : GENERIC_ERROR));
      } catch (reportError) {
        log.warn({ err: reportError, command: name }, 'could not tell the user about an error');
      }
    }
  }

  async function runCommand(
    interaction:
      ChatInputCommandInteraction | MessageContextMenuCommandInteraction | UserContextMenuCommandInteraction,
  ): Promise<void> {
    const name = interaction.commandName;
    await guard(interaction, name, async () => {
      const command = loaded.commands.get(commandKey(interaction.commandType, name));
      if (!command) throw new UserError(`/${name} is not available right now.`);
      const closed = command.everywhere ? null : closedHere(interaction);
      if (closed) {
        await sendPrivately(interaction, renderChannelRefusal(closed));
        return;
      }
      const wait = cooldowns.take(interaction.user.id);
      if (wait > 0) {
        await sendPrivately(interaction, renderCooldown(wait));
        return;
      }
      if (stillIndexing(name) && !(await answerWhenIndexed(interaction))) return;
      await command.execute(interaction, contextNow());
    });
  }

  async function runAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const name = interaction.commandName;
    try {
      const command = loaded.commands.get(commandKey(interaction.commandType, name));
      const closed = !command?.everywhere && closedHere(interaction) !== null;
      if (command?.autocomplete && !closed && !stillIndexing(name))
        await command.autocomplete(interaction, contextNow());
      else await interaction.respond([]);
    } catch (error) {
      // Suggestions for text the user has already changed expire all the time: not worth an error.
      if (unanswerable(error)) return;
      if (!(error instanceof UserError)) log.error({ err: error, command: name }, 'autocomplete failed');
      // Suggestions cannot carry an error message; an empty list is the honest answer.
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  async function runButton(interaction: ButtonInteraction): Promise<void> {
    const { prefix, args } = decodeCustomId(interaction.customId);
    await guard(interaction, `button:${prefix}`, async () => {
      const handler = buttons.get(prefix);
      if (!handler) throw new UserError('This button no longer works. Run the command again.');
      const closed = anywhereButtons.has(prefix) ? null : closedHere(interaction);
      if (closed) {
        await sendPrivately(interaction, renderChannelRefusal(closed));
        return;
      }
      if (stillIndexing(prefix)) {
        await sendPrivately(interaction, renderNotice(indexingNotice()));
        return;
      }
      await handler(interaction, args, contextNow());
    });
  }

  return async (interaction) => {
    if (interaction.isAutocomplete()) await runAutocomplete(interaction);
    else if (
      interaction.isChatInputCommand() ||
      interaction.isMessageContextMenuCommand() ||
      interaction.isUserContextMenuCommand()
    ) {
      await runCommand(interaction);
    } else if (interaction.isButton()) await runButton(interaction);
    else log.debug({ type: interaction.type }, 'ignored an interaction the bot does not use');
  };
}
