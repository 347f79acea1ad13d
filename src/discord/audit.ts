import { Routes, type BaseInteraction } from 'discord.js';
import { escapeMarkdown, inlineCode } from './escape.js';
import { cutOnWord, LIMITS } from './limits.js';
import type { CommandContext } from './types.js';

/** One admin action, as the audit trail records it. */
export interface AuditEntry {
  /** `reload`, `add`, `remove`, `stats`, `channels`… */
  action: string;
  /** `done`, `refused` (not an admin, or the request was invalid) or `failed`. */
  outcome: 'done' | 'refused' | 'failed';
  /** What it changed or why it was refused, in a sentence. */
  summary: string;
  /** Extra structured fields for the log line (story id, counts…). */
  details?: Record<string, unknown>;
}

/** The audit channel message: who, where, what (mentions are shown but ping nobody). */
export function auditMessage(interaction: BaseInteraction, entry: AuditEntry): string {
  const where = interaction.guildId ? ` in <#${interaction.channelId}>` : '';
  const mark = entry.outcome === 'done' ? '🛠️' : entry.outcome === 'refused' ? '⛔' : '⚠️';
  const text = `${mark} <@${interaction.user.id}>${where} · ${inlineCode(`/admin ${entry.action}`)} · ${entry.outcome}: ${escapeMarkdown(entry.summary)}`;
  return cutOnWord(text, LIMITS.content);
}

/**
 * Records an admin action: one structured log line, and — when `AUDIT_CHANNEL_ID` is set —
 * a message in that channel that pings nobody. A failure to post is logged, never thrown:
 * the action itself has already happened.
 */
export async function audit(
  interaction: BaseInteraction,
  ctx: CommandContext,
  entry: AuditEntry,
): Promise<void> {
  const { log, config } = ctx;
  log.info(
    {
      audit: true,
      action: entry.action,
      outcome: entry.outcome,
      user: interaction.user.id,
      guild: interaction.guildId,
      channel: interaction.channelId,
      ...entry.details,
    },
    `admin ${entry.action} ${entry.outcome}: ${entry.summary}`,
  );
  if (!config.auditChannelId) return;
  try {
    await interaction.client.rest.post(Routes.channelMessages(config.auditChannelId), {
      body: { content: auditMessage(interaction, entry), allowed_mentions: { parse: [] } },
    });
  } catch (error) {
    log.warn({ err: error, channel: config.auditChannelId }, 'could not post to the audit channel');
  }
}
