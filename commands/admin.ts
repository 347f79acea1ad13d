import {
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { UserError } from '../src/core/errors.js';
import { findStory, listStories } from '../src/core/queries.js';
import { attachmentUrlProblem, checkAttachmentName, downloadAttachment } from '../src/discord/attachments.js';
import { audit, type AuditEntry } from '../src/discord/audit.js';
import { BUTTONS } from '../src/discord/customIds.js';
import { renderNotice, storyChoices } from '../src/discord/render.js';
import {
  ADMIN_REFUSAL,
  renderAdded,
  renderChannels,
  renderKept,
  renderReload,
  renderRemoveConfirm,
  renderRemoved,
  renderStats,
} from '../src/discord/renderModeration.js';
import { deferReply, deferUpdate, sendReply, updateMessage } from '../src/discord/respond.js';
import { isAdmin } from '../src/discord/scope.js';
import type { ButtonHandler, CommandContext } from '../src/discord/types.js';
import { MAX_UPLOAD_BYTES, storyIdFromFileName } from '../src/store/storyFiles.js';
import { describeDiff, type StoryDesk } from '../src/store/storyDesk.js';

export const data = new SlashCommandBuilder()
  .setName('admin')
  .setDescription('Moderators and newsroom: manage the stories and where the bot answers')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub.setName('reload').setDescription('Re-read the story folder and serve it; shows what changed'),
  )
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Add a story (or correct one) from a .txt or .md file of at most 1 MB')
      .addAttachmentOption((option) =>
        option
          .setName('file')
          .setDescription('The story file (.txt or .md, UTF-8, optional front matter)')
          .setRequired(true),
      )
      .addBooleanOption((option) =>
        option.setName('replace').setDescription('Replace the story with the same id (a correction)'),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('remove')
      .setDescription('Stop serving a story and delete its file (asks to confirm)')
      .addStringOption((option) =>
        option.setName('story').setDescription('The story id').setRequired(true).setAutocomplete(true),
      ),
  )
  .addSubcommand((sub) =>
    sub.setName('stats').setDescription('Stories, questions answered and declined, reader feedback'),
  )
  .addSubcommandGroup((group) =>
    group
      .setName('channels')
      .setDescription('Where the bot answers in this server')
      .addSubcommand((sub) =>
        sub
          .setName('add')
          .setDescription('Let the bot answer in a channel (once any is listed, only there)')
          .addChannelOption((option) =>
            option
              .setName('channel')
              .setDescription('The channel')
              .setRequired(true)
              .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum),
          ),
      )
      .addSubcommand((sub) =>
        sub
          .setName('remove')
          .setDescription('Take a channel off the list')
          .addChannelOption((option) =>
            option.setName('channel').setDescription('The channel').setRequired(true),
          ),
      )
      .addSubcommand((sub) => sub.setName('list').setDescription('Show where the bot answers'))
      .addSubcommand((sub) => sub.setName('clear').setDescription('Answer in every channel again')),
  );

/** `/admin` works even in channels closed to the bot, so a moderator can always reopen them. */
export const everywhere = true;

type Done = Omit<AuditEntry, 'outcome'>;

function deskOf(ctx: CommandContext): StoryDesk {
  if (!ctx.desk) throw new UserError('Admin: story management is not available on this bot');
  return ctx.desk;
}

/**
 * Runs one admin action: refuses non-admins (nothing changes), shows expected failures
 * to the admin, and records every outcome in the audit trail after the user has their reply.
 */
async function adminAction(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  ctx: CommandContext,
  action: string,
  /** Does the work and replies; returns what to audit, or null for a step that changes nothing (a prompt). */
  work: () => Promise<Done | null>,
): Promise<void> {
  if (!isAdmin(interaction, ctx.config)) {
    await sendReply(interaction, renderNotice(ADMIN_REFUSAL));
    await audit(interaction, ctx, { action, outcome: 'refused', summary: 'not an admin' });
    return;
  }
  let done: Done | null;
  try {
    done = await work();
  } catch (error) {
    if (!(error instanceof UserError)) {
      await audit(interaction, ctx, { action, outcome: 'failed', summary: (error as Error).message });
      throw error;
    }
    await sendReply(interaction, renderNotice(error.message));
    await audit(interaction, ctx, { action, outcome: 'refused', summary: error.message });
    return;
  }
  if (done) await audit(interaction, ctx, { ...done, outcome: 'done' });
}

function diffSummary(lines: string[]): string {
  return lines.join('; ');
}

async function reload(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<Done> {
  const desk = deskOf(ctx);
  await deferReply(interaction, true);
  const outcome = await desk.reload();
  await sendReply(interaction, renderReload(outcome, desk.library.stories.length));
  return {
    action: 'reload',
    summary: diffSummary(describeDiff(outcome.diff)),
    details: { diff: outcome.diff, skipped: outcome.warnings.length },
  };
}

async function add(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<Done> {
  const desk = deskOf(ctx);
  const file = interaction.options.getAttachment('file', true);
  const replace = interaction.options.getBoolean('replace') ?? false;
  // Everything that can be told from the attachment itself is checked before downloading.
  checkAttachmentName(file.name);
  storyIdFromFileName(file.name);
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new UserError(
      `Upload: the file is ${Math.ceil(file.size / 1024)} KB; stories are at most ${MAX_UPLOAD_BYTES / 1024} KB`,
    );
  }
  const problem = attachmentUrlProblem(file.url, ctx.config.attachmentHosts);
  if (problem) throw new UserError(`Upload: refused because ${problem}`);
  await deferReply(interaction, true);
  const bytes = await downloadAttachment(file.url, ctx.config.attachmentHosts);
  const outcome = await desk.add(file.name, bytes, replace);
  await sendReply(interaction, renderAdded(outcome));
  const count = `${outcome.paragraphs} paragraph${outcome.paragraphs === 1 ? '' : 's'}`;
  const what = `${count}${outcome.internal ? ', newsroom only' : ''}`;
  const changed = outcome.replaced ? `: ${diffSummary(describeDiff(outcome.diff))}` : '';
  return {
    action: 'add',
    summary: `${outcome.replaced ? 'corrected' : 'added'} story ${outcome.id} (${what})${changed}`,
    details: {
      story: outcome.id,
      replaced: outcome.replaced,
      paragraphs: outcome.paragraphs,
      diff: outcome.diff,
    },
  };
}

/** Only asks: the audit entry is written when the removal is confirmed. */
async function askToRemove(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<null> {
  const desk = deskOf(ctx);
  const id = interaction.options.getString('story', true);
  const story = findStory(ctx.library.index, id, { includeInternal: true });
  if (!desk.hasStory(id)) throw new UserError(`Stories: there is no file for "${id}" in the story folder`);
  await sendReply(interaction, renderRemoveConfirm(story));
  return null;
}

async function stats(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<Done> {
  const summary = deskOf(ctx).stats(interaction.guildId);
  await sendReply(interaction, renderStats(summary));
  return {
    action: 'stats',
    summary: `viewed stats (${summary.served} answered, ${summary.declined} declined)`,
  };
}

async function channels(
  interaction: ChatInputCommandInteraction,
  ctx: CommandContext,
  sub: string,
): Promise<Done> {
  const { data } = ctx;
  const guild = interaction.guildId;
  if (!data || !guild) throw new UserError('Admin: channel settings are not available on this bot');
  const current = data.allowedChannels(guild);
  let change: string | undefined;
  if (sub === 'add' || sub === 'remove') {
    const channel = interaction.options.getChannel('channel', true);
    const next = sub === 'add' ? [...current, channel.id] : current.filter((id) => id !== channel.id);
    data.setAllowedChannels(guild, next);
    change = sub === 'add' ? `Added <#${channel.id}>.` : `Removed <#${channel.id}>.`;
  } else if (sub === 'clear') {
    data.setAllowedChannels(guild, []);
    change = 'Cleared the list.';
  }
  const now = data.allowedChannels(guild);
  await sendReply(interaction, renderChannels(now, change));
  return {
    action: `channels ${sub}`,
    summary: now.length
      ? `the bot answers in ${now.length} channel(s) only`
      : 'the bot answers in every channel',
    details: { channels: now },
  };
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const group = interaction.options.getSubcommandGroup(false);
  const sub = interaction.options.getSubcommand(true);
  const action = group ? `${group} ${sub}` : sub;
  await adminAction(interaction, ctx, action, async () => {
    if (group === 'channels') return channels(interaction, ctx, sub);
    switch (sub) {
      case 'reload':
        return reload(interaction, ctx);
      case 'add':
        return add(interaction, ctx);
      case 'remove':
        return askToRemove(interaction, ctx);
      case 'stats':
        return stats(interaction, ctx);
      default:
        throw new UserError(`Admin: unknown action "${action.slice(0, 40)}"`);
    }
  });
}

/** Story ids for `/admin remove`, newsroom-only ones included — for admins only. */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'story' || !isAdmin(interaction, ctx.config)) {
    await interaction.respond([]);
    return;
  }
  await interaction.respond(
    storyChoices(listStories(ctx.library.index, { includeInternal: true }), String(focused.value)),
  );
}

/** The confirm / cancel buttons of `/admin remove`: the admin check runs again on the press. */
const confirmRemove: ButtonHandler = async (interaction, [choice, id], ctx) => {
  if (!id || (choice !== 'rm' && choice !== 'keep')) {
    throw new UserError('This button no longer works. Run the command again.');
  }
  await adminAction(interaction, ctx, 'remove', async () => {
    if (choice === 'keep') {
      await updateMessage(interaction, renderKept(id));
      return null;
    }
    const desk = deskOf(ctx);
    await deferUpdate(interaction);
    const outcome = await desk.remove(id);
    await sendReply(interaction, renderRemoved(id, outcome));
    return {
      action: 'remove',
      summary: `removed story ${id}`,
      details: { story: id, confirmed: true, diff: outcome.diff },
    };
  });
};

export const buttons = { [BUTTONS.admin]: confirmRemove };
