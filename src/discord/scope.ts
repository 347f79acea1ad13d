import { PermissionFlagsBits, type BaseInteraction } from 'discord.js';
import type { Config } from '../config.js';
import type { ScopeOptions } from '../core/answer/types.js';

/**
 * Who may see what, decided from the interaction alone — the one place that computes
 * `includeInternal` (newsroom-only stories) and who counts as an admin.
 */

type NewsroomConfig = Pick<Config, 'newsroomChannelIds' | 'newsroomRoleIds'>;
type AdminConfig = Pick<Config, 'adminUserIds' | 'adminRoleIds'>;

/** The role ids of the member behind a server interaction (cached member or raw payload). */
export function memberRoleIds(interaction: BaseInteraction): string[] {
  if (!interaction.inGuild()) return [];
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

/** The channel, and for a thread its parent: restrictions and newsroom channels cover threads too. */
export function channelIdsOf(interaction: BaseInteraction): string[] {
  const ids = interaction.channelId ? [interaction.channelId] : [];
  const channel = interaction.channel;
  if (channel && 'parentId' in channel && channel.isThread() && channel.parentId) ids.push(channel.parentId);
  return ids;
}

/**
 * True in a `NEWSROOM_CHANNEL_IDS` channel, or for a member with a `NEWSROOM_ROLE_IDS`
 * role. Never in DMs.
 */
export function inNewsroom(interaction: BaseInteraction, config: NewsroomConfig): boolean {
  if (!interaction.inGuild()) return false;
  if (channelIdsOf(interaction).some((id) => config.newsroomChannelIds.includes(id))) return true;
  return memberRoleIds(interaction).some((id) => config.newsroomRoleIds.includes(id));
}

/**
 * Which stories an interaction may draw on: newsroom-only stories exist only for the
 * newsroom (see `inNewsroom`). Without `ctx` nobody sees them — the safe default.
 */
export function scopeFor(interaction: BaseInteraction, ctx?: { config: NewsroomConfig }): ScopeOptions {
  return { includeInternal: ctx ? inNewsroom(interaction, ctx.config) : false };
}

/**
 * May this member run `/admin`? Only in servers. When `ADMIN_USER_IDS` or `ADMIN_ROLE_IDS`
 * is set, only those users and roles; otherwise members with Manage Server. Checked at run
 * time because server owners can override a command's default permissions.
 */
export function isAdmin(interaction: BaseInteraction, config: AdminConfig): boolean {
  if (!interaction.inGuild()) return false;
  if (config.adminUserIds.length > 0 || config.adminRoleIds.length > 0) {
    return (
      config.adminUserIds.includes(interaction.user.id) ||
      memberRoleIds(interaction).some((id) => config.adminRoleIds.includes(id))
    );
  }
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

/**
 * Whether the server lets the bot answer here (`/admin channels`); true everywhere when it
 * set no list, and in DMs.
 */
export function channelAllowed(interaction: BaseInteraction, allowed: readonly string[]): boolean {
  if (!interaction.inGuild() || allowed.length === 0) return true;
  return channelIdsOf(interaction).some((id) => allowed.includes(id));
}
