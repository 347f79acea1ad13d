import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { listStories } from '../src/core/queries.js';
import { renderStories } from '../src/discord/render.js';
import { sendReply } from '../src/discord/respond.js';
import { scopeFor } from '../src/discord/scope.js';
import type { CommandContext } from '../src/discord/types.js';

export const data = new SlashCommandBuilder()
  .setName('stories')
  .setDescription('List the stories the bot answers from');

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  await sendReply(interaction, renderStories(listStories(ctx.library.index, scopeFor(interaction, ctx))));
}
