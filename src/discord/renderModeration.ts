import { ButtonStyle, ComponentType, type APIEmbed, type APIEmbedField } from 'discord.js';
import { readableTime } from '../core/corpus/asOf.js';
import type { Story } from '../core/corpus/types.js';
import { describeIndexing } from '../store/libraryHolder.js';
import { describeDiff, type AddOutcome, type ReloadOutcome, type StatsSummary } from '../store/storyDesk.js';
import { BUTTONS, encodeCustomId } from './customIds.js';
import { escapeMarkdown, inlineCode } from './escape.js';
import { cutOnWord, finishReply, type ButtonRow, type Reply } from './limits.js';

/** Replies for moderators and the newsroom (`/admin`) and the channel restriction. */

const COLORS = { done: 0x2e9d5b, warn: 0xd98e04, quiet: 0x8a94a6 } as const;

export const ADMIN_REFUSAL =
  "Only this server's admins can use /admin (members with Manage Server, or the users and roles the bot's operator named). Nothing was changed.";

/** In a channel the server closed to the bot: a polite note to the user alone. */
export function renderChannelRefusal(allowed: readonly string[]): Reply {
  const where = allowed
    .slice(0, 20)
    .map((id) => `<#${id}>`)
    .join(', ');
  return finishReply({
    content: `Sorry, I don't answer in this channel — this server's moderators set me up for ${where}${
      allowed.length > 20 ? ' and others' : ''
    }. Please ask there.`,
    ephemeral: true,
  });
}

/** Story ids are `[A-Za-z0-9_.-]`; shown as code they need no escaping. */
function ids(line: string): string {
  return escapeMarkdown(line);
}

function warningsField(warnings: readonly string[]): APIEmbedField[] {
  if (warnings.length === 0) return [];
  return [
    {
      name: 'Skipped files',
      value: warnings.map((w) => `• ${escapeMarkdown(cutOnWord(w, 300))}`).join('\n'),
    },
  ];
}

/** The reply to `/admin reload`: what the new index changed. */
export function renderReload(outcome: ReloadOutcome, stories: number): Reply {
  const embed: APIEmbed = {
    color: COLORS.done,
    title: 'Stories reloaded',
    description: describeDiff(outcome.diff).map(ids).join('\n'),
    fields: warningsField(outcome.warnings),
    footer: { text: `${stories} stor${stories === 1 ? 'y' : 'ies'} served now` },
  };
  return finishReply({ embeds: [embed], ephemeral: true });
}

/** The reply to `/admin add`: the story is live, and what changed if it corrected one. */
export function renderAdded(outcome: AddOutcome): Reply {
  const lines = [
    `${inlineCode(outcome.id)} — **${escapeMarkdown(cutOnWord(outcome.title, 200))}**`,
    `${outcome.paragraphs} paragraph${outcome.paragraphs === 1 ? '' : 's'}${
      outcome.internal ? ' · newsroom only (visibility: internal)' : ''
    }`,
  ];
  if (outcome.replaced) lines.push('', ...describeDiff(outcome.diff).map(ids));
  return finishReply({
    embeds: [
      {
        color: COLORS.done,
        title: outcome.replaced ? 'Story corrected — served now' : 'Story added — served now',
        description: lines.join('\n'),
        fields: warningsField(outcome.warnings),
      },
    ],
    ephemeral: true,
  });
}

/** `/admin remove`: asks first, with the story's title and a Remove / Keep pair of buttons. */
export function renderRemoveConfirm(story: Pick<Story, 'id' | 'title' | 'paragraphs'>): Reply {
  const remove = encodeCustomId(BUTTONS.admin, 'rm', story.id);
  const keep = encodeCustomId(BUTTONS.admin, 'keep', story.id);
  const components: ButtonRow[] =
    remove && keep
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.Button,
                style: ButtonStyle.Danger,
                label: 'Remove it',
                custom_id: remove,
              },
              { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Keep it', custom_id: keep },
            ],
          },
        ]
      : [];
  return finishReply({
    content: `Remove ${inlineCode(story.id)} — **${escapeMarkdown(cutOnWord(story.title, 200))}** (${story.paragraphs.length} paragraphs)? Its file is deleted and the bot stops quoting it at once.`,
    components,
    ephemeral: true,
  });
}

/** After the confirm button: the buttons go, the outcome stays. */
export function renderRemoved(id: string, outcome: ReloadOutcome): Reply {
  return finishReply({
    content: [
      `Removed ${inlineCode(id)}; it is no longer served.`,
      ...describeDiff(outcome.diff).map(ids),
    ].join('\n'),
    ephemeral: true,
  });
}

export function renderKept(id: string): Reply {
  return finishReply({ content: `Kept ${inlineCode(id)}; nothing was removed.`, ephemeral: true });
}

/** `/admin stats`: stories, questions, what readers asked that the stories do not answer, feedback. */
export function renderStats(stats: StatsSummary): Reply {
  const fields: APIEmbedField[] = [
    {
      name: 'Stories',
      value: `${stats.stories} (${stats.internal} newsroom only) · ${stats.paragraphs} paragraphs`,
    },
    { name: 'Questions', value: `${stats.served} answered · ${stats.declined} declined`, inline: true },
    { name: 'Feedback', value: `👍 ${stats.votes.up} · 👎 ${stats.votes.down}`, inline: true },
  ];
  if (stats.recentDeclined.length) {
    fields.push({
      name: 'Recently declined (the stories do not answer these)',
      value: stats.recentDeclined
        .map((q) => `• ${escapeMarkdown(cutOnWord(q.question, 150))} — ${readableTime(q.at)}`)
        .join('\n'),
    });
  }
  if (stats.mostDownVoted.length) {
    fields.push({
      name: 'Most 👎',
      value: stats.mostDownVoted
        .map((p) => `• ${inlineCode(`${p.story} ¶${p.paragraph}`)} 👎 ${p.down} · 👍 ${p.up}`)
        .join('\n'),
    });
  }
  fields.push({ name: 'Index', value: describeIndexing(stats.indexing) });
  return finishReply({
    embeds: [{ color: COLORS.quiet, title: 'newsdesk in this server', fields }],
    ephemeral: true,
  });
}

/** `/admin channels`: where the bot answers in this server. */
export function renderChannels(channels: readonly string[], change?: string): Reply {
  const where = channels.length
    ? `The bot answers only in ${channels.map((id) => `<#${id}>`).join(', ')}.`
    : 'The bot answers in every channel (no restriction).';
  return finishReply({
    content: [change, where, channels.length ? '`/admin` itself works everywhere.' : '']
      .filter(Boolean)
      .join('\n'),
    ephemeral: true,
  });
}
