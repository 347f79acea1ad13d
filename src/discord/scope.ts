import type { BaseInteraction } from 'discord.js';
import type { ScopeOptions } from '../core/answer/types.js';

/** Which stories an interaction may draw on. */
export function scopeFor(interaction: BaseInteraction): ScopeOptions {
  // DMs never see newsroom-only stories. In servers, who counts as the newsroom (roles,
  // channels) belongs to the moderation settings, which do not exist yet — until they do,
  // nobody sees internal stories through Discord.
  if (!interaction.inGuild()) return { includeInternal: false };
  return { includeInternal: false };
}
