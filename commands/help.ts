import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { renderHelp } from '../src/discord/render.js';
import { sendReply } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/types.js';

export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What the bot does and how to use it');

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  await sendReply(interaction, renderHelp(ctx.commands));
}
