import {
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { ask, checkQuestion, findStory, MAX_QUESTION_LENGTH } from '../src/core/queries.js';
import { renderAnswer } from '../src/discord/render.js';
import { deferReply, sendReply } from '../src/discord/respond.js';
import { scopeFor } from '../src/discord/scope.js';
import { suggestStories } from '../src/discord/suggest.js';
import type { CommandContext } from '../src/discord/types.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Answer a question with a quote from the stories, cited to its paragraph')
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('What do you want to know?')
      .setRequired(true)
      .setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addStringOption((option) =>
    option.setName('story').setDescription('Only look in this story').setAutocomplete(true),
  )
  .addBooleanOption((option) => option.setName('hide').setDescription('Only you see the answer'))
  .addUserOption((option) =>
    option.setName('mention').setDescription('Point someone at the answer (they get a ping)'),
  );

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const { index } = ctx.library;
  const scope = scopeFor(interaction);
  const question = interaction.options.getString('question', true);
  const story = interaction.options.getString('story') ?? undefined;
  const hidden = interaction.options.getBoolean('hide') ?? false;
  // Checked before deferring, while a mistake can still be told to the asker alone.
  checkQuestion('Ask', question);
  if (story !== undefined) findStory(index, story, scope);
  await deferReply(interaction, hidden);
  const answer = ask(index, question, { ...scope, story });
  await sendReply(
    interaction,
    renderAnswer(index, answer, {
      askerId: interaction.user.id,
      hidden,
      mentionId: interaction.options.getUser('mention')?.id,
    }),
  );
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  await suggestStories(interaction, ctx);
}
