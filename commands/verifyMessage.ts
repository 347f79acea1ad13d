import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  messageLink,
  type Message,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { UserError } from '../src/core/errors.js';
import { MAX_QUESTION_LENGTH, verify } from '../src/core/queries.js';
import { renderVerdict } from '../src/discord/renderFacts.js';
import { deferReply, sendReply } from '../src/discord/respond.js';
import { scopeFor } from '../src/discord/scope.js';
import type { CommandContext } from '../src/discord/types.js';
import { checkClaim } from './verify.js';

/** Right-click a message → Apps → "Verify against stories": the verdict on its text, for the user alone. */
export const data = new ContextMenuCommandBuilder()
  .setName('Verify against stories')
  .setType(ApplicationCommandType.Message);

/**
 * The words of a message as a claim: mentions, channel and role tags, custom emoji and
 * timestamps are Discord markup, not part of what is claimed.
 */
function claimOf(message: Pick<Message, 'content'>): string {
  return message.content
    .replace(/<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|<t:-?\d+(?::[tTdDfFR])?>|<\/[\w -]+:\d+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function execute(
  interaction: MessageContextMenuCommandInteraction,
  ctx: CommandContext,
): Promise<void> {
  const message = interaction.targetMessage;
  const text = claimOf(message);
  if (!text) {
    throw new UserError(
      'That message has no text to check — attachments, embeds and stickers are not read. Use /verify with the claim written out.',
    );
  }
  const claim = checkClaim(
    text,
    (length) =>
      `That message is too long to check as one claim (${length} characters, at most ${MAX_QUESTION_LENGTH}). Use /verify with the sentence you want checked.`,
  );
  await deferReply(interaction, true);
  const verification = verify(ctx.library.index, claim, scopeFor(interaction, ctx));
  await sendReply(
    interaction,
    renderVerdict(ctx.library.index, verification, {
      ephemeral: true,
      label: 'Message',
      // Resolved messages carry no guild id, so the link is built from the interaction's.
      messageUrl: interaction.guildId
        ? messageLink(message.channelId, message.id, interaction.guildId)
        : messageLink(message.channelId, message.id),
    }),
  );
}
