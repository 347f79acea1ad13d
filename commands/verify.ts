import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { UserError } from '../src/core/errors.js';
import { MAX_QUESTION_LENGTH, verify } from '../src/core/queries.js';
import { renderVerdict } from '../src/discord/renderFacts.js';
import { deferReply, sendReply } from '../src/discord/respond.js';
import { scopeFor } from '../src/discord/scope.js';
import type { CommandContext } from '../src/discord/types.js';

export const data = new SlashCommandBuilder()
  .setName('verify')
  .setDescription(
    'Check a claim against the stories: supported, contradicted or not found, with the evidence',
  )
  .addStringOption((option) =>
    option
      .setName('claim')
      .setDescription('The claim to check, e.g. "At least 14 civilians were injured in Kyiv"')
      .setRequired(true)
      .setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addBooleanOption((option) => option.setName('hide').setDescription('Only you see the verdict'));

/**
 * Checks a claim as `verify` would before any slow work, so a mistake is told to the user
 * alone (in the core's words) rather than after a public deferral.
 */
export function checkClaim(claim: string, tooLong: (length: number) => string): string {
  const text = claim.replace(/\s+/g, ' ').trim();
  if (!text) throw new UserError('Verify: the claim is empty');
  if (text.length > MAX_QUESTION_LENGTH) throw new UserError(tooLong(text.length));
  return text;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const hidden = interaction.options.getBoolean('hide') ?? false;
  const claim = checkClaim(
    interaction.options.getString('claim', true),
    (length) => `Verify: the claim is too long (${length} characters, at most ${MAX_QUESTION_LENGTH})`,
  );
  // A verdict is an answer to share, like /ask: public unless hidden.
  await deferReply(interaction, hidden);
  const verification = verify(ctx.library.index, claim, scopeFor(interaction, ctx));
  await sendReply(
    interaction,
    renderVerdict(ctx.library.index, verification, { ephemeral: hidden, askerId: interaction.user.id }),
  );
}
