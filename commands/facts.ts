import {
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { UserError } from '../src/core/errors.js';
import { FACT_TYPES, isFactType } from '../src/core/facts/index.js';
import { facts, findStory, MAX_QUESTION_LENGTH } from '../src/core/queries.js';
import { BUTTONS } from '../src/discord/customIds.js';
import { deferReply, sendReply, updateMessage } from '../src/discord/respond.js';
import {
  decodeFactsPage,
  entityChoices,
  factTypeLabel,
  renderFacts,
  type FactFilters,
} from '../src/discord/renderFacts.js';
import { scopeFor } from '../src/discord/scope.js';
import { suggestStories } from '../src/discord/suggest.js';
import type { ButtonHandler, CommandContext } from '../src/discord/types.js';

export const data = new SlashCommandBuilder()
  .setName('facts')
  .setDescription(
    'Facts from the stories — people, places, numbers, quotes — each with its evidence and citation',
  )
  .addStringOption((option) =>
    option
      .setName('type')
      .setDescription('Only facts of this kind')
      .addChoices(...FACT_TYPES.map((type) => ({ name: factTypeLabel(type), value: type }))),
  )
  .addStringOption((option) =>
    option
      .setName('entity')
      .setDescription('Only facts about this person, organisation, place or thing')
      .setMaxLength(MAX_QUESTION_LENGTH)
      .setAutocomplete(true),
  )
  .addStringOption((option) =>
    option.setName('story').setDescription('Only facts from this story').setAutocomplete(true),
  );

function factsFor(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  ctx: CommandContext,
  filters: FactFilters,
) {
  return facts(ctx.library.index, { ...filters, ...scopeFor(interaction, ctx) }).facts;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const filters: FactFilters = {
    type: interaction.options.getString('type') ?? undefined,
    entity: interaction.options.getString('entity')?.trim() || undefined,
    story: interaction.options.getString('story') ?? undefined,
  };
  // Checked before deferring, while a mistake can still be told to the user alone (the
  // core checks them again; Discord's choices and max length make these rare).
  if (filters.type !== undefined && !isFactType(filters.type)) {
    throw new UserError(
      `Facts: unknown type "${filters.type.slice(0, 40)}" (expected ${FACT_TYPES.join(', ')})`,
    );
  }
  if (filters.entity !== undefined && filters.entity.length > MAX_QUESTION_LENGTH) {
    throw new UserError(`Facts: the entity name is too long (at most ${MAX_QUESTION_LENGTH} characters)`);
  }
  if (filters.story !== undefined) findStory(ctx.library.index, filters.story, scopeFor(interaction, ctx));
  // A lookup, private like /search; the first use may extract the facts, so defer.
  await deferReply(interaction, true);
  await sendReply(interaction, renderFacts(ctx.library.index, factsFor(interaction, ctx, filters), filters));
}

/** Suggestions for `entity` (names the user may see, narrowed by the type and story chosen) and `story`. */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name === 'story') {
    await suggestStories(interaction, ctx);
    return;
  }
  if (focused.name !== 'entity') {
    await interaction.respond([]);
    return;
  }
  const chosen = interaction.options.getString('type');
  const type = chosen && isFactType(chosen) ? chosen : undefined;
  const story = interaction.options.getString('story') || undefined;
  let found: ReturnType<typeof facts>['facts'] = [];
  try {
    found = facts(ctx.library.index, { type, story, ...scopeFor(interaction, ctx) }).facts;
  } catch (error) {
    // A story id still being typed has no suggestions.
    if (!(error instanceof UserError)) throw error;
  }
  await interaction.respond(entityChoices(found, String(focused.value), type));
}

/** Previous/next under a list of facts: the message turns its page in place, even after a restart. */
const turnPage: ButtonHandler = async (interaction, args, ctx) => {
  const decoded = decodeFactsPage(args);
  if (!decoded) throw new UserError('This button no longer works. Run the command again.');
  const list = factsFor(interaction, ctx, decoded.filters);
  await updateMessage(
    interaction,
    renderFacts(ctx.library.index, list, decoded.filters, { page: decoded.page }),
  );
};

export const buttons = { [BUTTONS.facts]: turnPage };
