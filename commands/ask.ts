import {
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { UserError } from '../src/core/errors.js';
import { ask, checkQuestion, findStory, MAX_QUESTION_LENGTH } from '../src/core/queries.js';
import { BUTTONS, paragraphArg } from '../src/discord/customIds.js';
import { renderAnswer, renderNotice } from '../src/discord/render.js';
import { deferReply, sendPrivately, sendReply } from '../src/discord/respond.js';
import { scopeFor } from '../src/discord/scope.js';
import { suggestStories } from '../src/discord/suggest.js';
import type { ButtonHandler, CommandContext } from '../src/discord/types.js';

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
  const scope = scopeFor(interaction, ctx);
  const question = interaction.options.getString('question', true);
  const story = interaction.options.getString('story') ?? undefined;
  const hidden = interaction.options.getBoolean('hide') ?? false;
  // Checked before deferring, while a mistake can still be told to the asker alone.
  checkQuestion('Ask', question);
  if (story !== undefined) findStory(index, story, scope);
  await deferReply(interaction, hidden);
  // Discord shows no facts under an answer: none are extracted for it.
  const answer = ask(index, question, { ...scope, story, withFacts: false });
  await sendReply(
    interaction,
    renderAnswer(index, answer, {
      askerId: interaction.user.id,
      hidden,
      mentionId: interaction.options.getUser('mention')?.id,
    }),
  );
  recordQuestion(interaction.guildId, question, answer.answered, ctx);
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  await suggestStories(interaction, ctx);
}

/** Counts the question for `/admin stats` (declined ones are kept for the newsroom); never fails the answer. */
function recordQuestion(
  guild: string | null,
  question: string,
  answered: boolean,
  ctx: CommandContext,
): void {
  try {
    ctx.data?.recordQuestion(guild ?? 'dm', question, answered);
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not record a question');
  }
}

/** Who already voted on which answer, so one reader pressing twice counts once (kept in memory, bounded). */
const voted = new Set<string>();
const MAX_REMEMBERED_VOTES = 50_000;

/** 👍/👎 under an answer: counted per cited paragraph and server. */
const vote: ButtonHandler = async (interaction, [direction, story, number], ctx) => {
  const paragraph = paragraphArg(number);
  if ((direction !== 'up' && direction !== 'down') || !story || paragraph === null) {
    throw new UserError('This button no longer works. Run the command again.');
  }
  // A story the reader may not see (newsroom-only, removed) takes no votes.
  findStory(ctx.library.index, story, scopeFor(interaction, ctx));
  const key = `${interaction.message.id}|${interaction.user.id}`;
  if (voted.has(key)) {
    await sendPrivately(interaction, renderNotice('You already rated this answer — thank you!'));
    return;
  }
  if (voted.size >= MAX_REMEMBERED_VOTES) voted.clear();
  voted.add(key);
  ctx.data?.recordVote(interaction.guildId ?? 'dm', story, paragraph, direction);
  await sendPrivately(
    interaction,
    renderNotice(
      direction === 'up'
        ? 'Thanks — glad the answer helped.'
        : 'Thanks — the newsroom will see that this answer did not help.',
    ),
  );
};

export const buttons = { [BUTTONS.feedback]: vote };
