import {
  DiscordAPIError,
  InteractionResponseType,
  MessageFlags,
  RESTJSONErrorCodes,
  Routes,
  type ButtonInteraction,
  type CommandInteraction,
  type MessageComponentInteraction,
  type RepliableInteraction,
} from 'discord.js';
import type { Reply } from './limits.js';

/**
 * The only way replies leave the bot. Each takes a `Reply` (made by `finishReply`), so
 * limits and `allowedMentions` are settled before anything is sent.
 */

function message(reply: Reply) {
  return {
    ...(reply.content !== undefined && { content: reply.content }),
    embeds: reply.embeds,
    components: reply.components,
    allowedMentions: reply.allowedMentions,
  };
}

function flags(reply: Reply) {
  return reply.ephemeral ? MessageFlags.Ephemeral : undefined;
}

/**
 * Acknowledges a command before slow work (Discord allows 3 s); the ephemeral choice is
 * made here and holds for the answer (unless the router deferred it first, see `createRouter`). Written against the REST route rather than
 * `deferReply()` so the deferred message, like every other, states that it pings nobody.
 */
export async function deferReply(interaction: CommandInteraction, ephemeral: boolean): Promise<void> {
  // The router may have acknowledged it already (a question asked while the stories were indexed).
  if (interaction.deferred || interaction.replied) return;
  try {
    await interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: {
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: { flags: ephemeral ? MessageFlags.Ephemeral : 0, allowed_mentions: { parse: [] } },
      },
      auth: false,
    });
  } catch (error) {
    // Discord already holds an acknowledgement (an earlier attempt whose answer was lost, then
    // retried): the interaction is deferred all the same, so the answer can still be sent.
    if (!isDiscordError(error, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)) throw error;
  }
  // The same bookkeeping deferReply() does, so editReply/followUp know the state.
  interaction.deferred = true;
  interaction.ephemeral = ephemeral;
}

/** Whether `error` is Discord refusing a request with this JSON error code. */
export function isDiscordError(error: unknown, code: RESTJSONErrorCodes): boolean {
  return error instanceof DiscordAPIError && error.code === code;
}

/** Answers: edits the deferred reply, follows up after a reply, else replies. */
export async function sendReply(interaction: RepliableInteraction, reply: Reply): Promise<void> {
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply(message(reply));
  } else if (interaction.replied || interaction.deferred) {
    await interaction.followUp({ ...message(reply), flags: flags(reply) });
  } else {
    await interaction.reply({ ...message(reply), flags: flags(reply) });
  }
}

/** Replaces the message a button sits on (turning a page). */
export async function updateMessage(interaction: MessageComponentInteraction, reply: Reply): Promise<void> {
  await interaction.update({ content: reply.content ?? '', ...message(reply) });
}

/**
 * Acknowledges a button whose work may be slow; `sendReply` then replaces the message the
 * button sits on. (The acknowledgement carries no message, so no mention rule is needed.)
 */
export async function deferUpdate(interaction: MessageComponentInteraction): Promise<void> {
  await interaction.deferUpdate();
}

/** Deletes the message a button sits on, through the interaction (no channel permission needed). */
export async function deleteButtonMessage(interaction: ButtonInteraction): Promise<void> {
  await interaction.deferUpdate();
  await interaction.deleteReply();
}

/**
 * A message for the user alone, whatever state the interaction is in: a follow-up once
 * it has been acknowledged, else the reply.
 */
export async function sendPrivately(interaction: RepliableInteraction, reply: Reply): Promise<void> {
  const options = { ...message(reply), flags: MessageFlags.Ephemeral as const };
  if (interaction.deferred || interaction.replied) await interaction.followUp(options);
  else await interaction.reply(options);
}
