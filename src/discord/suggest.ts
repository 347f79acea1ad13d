import type { AutocompleteInteraction } from 'discord.js';
import { UserError } from '../core/errors.js';
import { listStories, search } from '../core/queries.js';
import { LIMITS } from './limits.js';
import { searchChoices, storyChoices } from './render.js';
import { scopeFor } from './scope.js';
import type { CommandContext } from './types.js';

/** Autocomplete for a `story` option: the stories the user may see that match what they typed. */
export async function suggestStories(
  interaction: AutocompleteInteraction,
  ctx: CommandContext,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'story') {
    await interaction.respond([]);
    return;
  }
  await interaction.respond(
    storyChoices(listStories(ctx.library.index, scopeFor(interaction, ctx)), String(focused.value)),
  );
}

/** Autocomplete for a search box: the best matching sentences as the user types. */
export async function suggestSearches(
  interaction: AutocompleteInteraction,
  ctx: CommandContext,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name === 'story') {
    await suggestStories(interaction, ctx);
    return;
  }
  const typed = String(focused.value);
  const story = interaction.options.getString('story') || undefined;
  let choices: ReturnType<typeof searchChoices> = [];
  try {
    const found = search(ctx.library.index, typed, {
      ...scopeFor(interaction, ctx),
      story,
      limit: LIMITS.choices,
    });
    choices = searchChoices(found.results);
  } catch (error) {
    // Half-typed input (nothing yet, a story id still being typed) simply has no suggestions.
    if (!(error instanceof UserError)) throw error;
  }
  await interaction.respond(choices);
}
