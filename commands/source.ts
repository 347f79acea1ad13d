import {
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { paragraphHash } from '../src/core/corpus/paragraphHash.js';
import { UserError } from '../src/core/errors.js';
import { findStory, source } from '../src/core/queries.js';
import { BUTTONS, paragraphArg } from '../src/discord/customIds.js';
import { renderSource } from '../src/discord/render.js';
import { sendReply, updateMessage } from '../src/discord/respond.js';
import { scopeFor } from '../src/discord/scope.js';
import { suggestStories } from '../src/discord/suggest.js';
import type { ButtonHandler, CommandContext } from '../src/discord/types.js';

export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription('Show a paragraph of a story word for word, with its citation')
  .addStringOption((option) =>
    option.setName('story').setDescription('The story').setRequired(true).setAutocomplete(true),
  )
  .addIntegerOption((option) =>
    option.setName('paragraph').setDescription('Paragraph number, from 1').setRequired(true).setMinValue(1),
  );

function view(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  ctx: CommandContext,
  storyId: string,
  paragraph: number,
  ephemeral: boolean,
) {
  const scope = scopeFor(interaction, ctx);
  const found = source(ctx.library.index, storyId, paragraph, scope);
  return renderSource(found, findStory(ctx.library.index, storyId, scope).url, {
    ephemeral,
    correctedAt: ctx.desk?.correctedAt(storyId, paragraph),
  });
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const story = interaction.options.getString('story', true);
  const paragraph = interaction.options.getInteger('paragraph', true);
  await sendReply(interaction, view(interaction, ctx, story, paragraph, false));
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  await suggestStories(interaction, ctx);
}

function buttonTarget(args: string[]): [string, number] {
  const [story, number] = args;
  const paragraph = paragraphArg(number);
  if (!story || paragraph === null)
    throw new UserError('This button no longer works. Run the command again.');
  return [story, paragraph];
}

/**
 * "Show paragraph" under an answer or a search result: a private copy of the paragraph.
 * A button made for text that has since been corrected says so rather than showing other
 * words under the same citation.
 */
const showParagraph: ButtonHandler = async (interaction, args, ctx) => {
  const [story, paragraph] = buttonTarget(args);
  const made = args[2];
  const current = findStory(ctx.library.index, story, scopeFor(interaction, ctx)).paragraphs[paragraph - 1];
  if (made !== undefined && (!current || paragraphHash(current.text) !== made)) {
    throw new UserError(
      `This paragraph has changed since this answer was given (the story was corrected). See the current text with /source story:${story} paragraph:${paragraph}.`,
    );
  }
  await sendReply(interaction, view(interaction, ctx, story, paragraph, true));
};

/** Previous/next: the message turns its page in place (it works after a restart too). */
const turnPage: ButtonHandler = async (interaction, args, ctx) => {
  const [story, paragraph] = buttonTarget(args);
  await updateMessage(interaction, view(interaction, ctx, story, paragraph, false));
};

export const buttons = { [BUTTONS.paragraph]: showParagraph, [BUTTONS.page]: turnPage };
