import {
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { checkQuestion, findStory, MAX_QUESTION_LENGTH, search } from '../src/core/queries.js';
import { renderSearch } from '../src/discord/render.js';
import { deferReply, sendReply } from '../src/discord/respond.js';
import { scopeFor } from '../src/discord/scope.js';
import { suggestSearches } from '../src/discord/suggest.js';
import type { CommandContext } from '../src/discord/types.js';

export const data = new SlashCommandBuilder()
  .setName('search')
  .setDescription('Find sentences in the stories, best match first, each cited to its paragraph')
  .addStringOption((option) =>
    option
      .setName('query')
      .setDescription('Words to look for')
      .setRequired(true)
      .setMaxLength(MAX_QUESTION_LENGTH)
      .setAutocomplete(true),
  )
  .addStringOption((option) =>
    option.setName('story').setDescription('Only look in this story').setAutocomplete(true),
  );

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const { index } = ctx.library;
  const scope = scopeFor(interaction, ctx);
  const query = interaction.options.getString('query', true);
  const story = interaction.options.getString('story') ?? undefined;
  // Checked before deferring, while a mistake can still be told to the user alone.
  checkQuestion('Search', query);
  if (story !== undefined) findStory(index, story, scope);
  // Results are a private lookup: /ask is how an answer is shared with the channel.
  await deferReply(interaction, true);
  await sendReply(interaction, renderSearch(index, search(index, query, { ...scope, story })));
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  await suggestSearches(interaction, ctx);
}
