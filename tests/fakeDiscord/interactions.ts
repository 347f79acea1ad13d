import { randomBytes } from 'node:crypto';

/** INTERACTION_CREATE payloads shaped like Discord's (API v10). */

/* eslint-disable @typescript-eslint/no-explicit-any */

let counter = 0n;
/** Increasing snowflakes (17–20 digits), unique within a test run. */
export function snowflake(): string {
  counter += 1n;
  return String(1400000000000000000n + counter * 4096n + BigInt(process.pid % 4096));
}

export interface FakeUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
}

export function fakeUser(name = 'reader'): FakeUser {
  return {
    id: snowflake(),
    username: `${name}${counter}`,
    discriminator: '0',
    global_name: name,
    avatar: null,
  };
}

export const GUILD_ID = '1160000000000000001';
export const CHANNEL_ID = '1150000000000000001';
export const DM_CHANNEL_ID = '1150000000000000002';

/** What members get by default: no Manage Server. */
export const MEMBER_PERMISSIONS = '2248473465835073';
/** The default permissions plus Manage Server (0x20). */
export const MANAGER_PERMISSIONS = String(BigInt(MEMBER_PERMISSIONS) | 0x20n);

export interface Where {
  user: FakeUser;
  /** Default: in a server. */
  dm?: boolean;
  applicationId: string;
  /** The member's role ids (servers only; default none). */
  roles?: string[];
  /** The member's permissions in the channel (default `MEMBER_PERMISSIONS`). */
  permissions?: string;
  /** Default `CHANNEL_ID`. */
  channelId?: string;
}

/** A user mention option: `{ user }`. */
export interface UserOption {
  user: FakeUser;
}
/** An attachment option: `{ attachment }` as `FakeDiscord.serveAttachment` made it. */
export interface AttachmentOption {
  attachment: { id: string; filename: string; size: number; url: string; proxy_url: string };
}
/** A channel option: `{ channel: { id } }`. */
export interface ChannelOption {
  channel: { id: string; name?: string };
}
export type OptionValue = string | number | boolean | UserOption | AttachmentOption | ChannelOption;

/** A subcommand (and its group) of a slash command, e.g. `{ group: 'channels', subcommand: 'add' }`. */
export interface SubcommandPath {
  subcommand: string;
  group?: string;
}

function interactionToken(): string {
  // Real tokens are long base64url strings starting "aW50ZXJhY3Rpb246" ("interaction:").
  return `aW50ZXJhY3Rpb246${randomBytes(96).toString('base64url')}`;
}

/** What every interaction payload has, and what the fake needs to route its replies. */
export type InteractionPayload = { id: string; token: string } & Record<string, any>;

function base(type: number, where: Where): InteractionPayload {
  const channelId = where.channelId ?? CHANNEL_ID;
  const common = {
    id: snowflake(),
    application_id: where.applicationId,
    type,
    token: interactionToken(),
    version: 1,
    locale: 'en-US',
    entitlements: [],
    app_permissions: '2248473465835073',
    attachment_size_limit: 10_485_760,
  };
  if (where.dm) {
    return {
      ...common,
      channel_id: DM_CHANNEL_ID,
      channel: { id: DM_CHANNEL_ID, type: 1, flags: 0, last_message_id: null, recipients: [where.user] },
      user: where.user,
      context: 1,
      authorizing_integration_owners: { '0': '0' },
    };
  }
  return {
    ...common,
    guild_id: GUILD_ID,
    guild_locale: 'en-US',
    guild: { id: GUILD_ID, locale: 'en-US', features: [] },
    channel_id: channelId,
    channel: {
      id: channelId,
      type: 0,
      guild_id: GUILD_ID,
      name: 'newsroom',
      position: 0,
      flags: 0,
      parent_id: null,
      nsfw: false,
      permission_overwrites: [],
      last_message_id: null,
      rate_limit_per_user: 0,
      topic: null,
    },
    member: {
      user: where.user,
      roles: where.roles ?? [],
      permissions: where.permissions ?? MEMBER_PERMISSIONS,
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
      premium_since: null,
      communication_disabled_until: null,
    },
    context: 0,
    authorizing_integration_owners: { '0': GUILD_ID },
  };
}

function commandOptions(options: Record<string, OptionValue>, focused?: string, path?: SubcommandPath) {
  const resolved: Record<'users' | 'attachments' | 'channels', Record<string, unknown>> = {
    users: {},
    attachments: {},
    channels: {},
  };
  let list: any[] = Object.entries(options).map(([name, value]) => {
    if (typeof value === 'object' && 'user' in value) {
      resolved.users[value.user.id] = value.user;
      return { name, type: 6, value: value.user.id };
    }
    if (typeof value === 'object' && 'attachment' in value) {
      resolved.attachments[value.attachment.id] = value.attachment;
      return { name, type: 11, value: value.attachment.id };
    }
    if (typeof value === 'object' && 'channel' in value) {
      const { id, name: channelName = 'general' } = value.channel;
      resolved.channels[id] = {
        id,
        name: channelName,
        type: 0,
        permissions: MEMBER_PERMISSIONS,
        guild_id: GUILD_ID,
      };
      return { name, type: 7, value: id };
    }
    const type = typeof value === 'boolean' ? 5 : typeof value === 'number' ? 4 : 3;
    return { name, type, value, ...(name === focused && { focused: true }) };
  });
  if (path) {
    list = [{ name: path.subcommand, type: 1, options: list }];
    if (path.group) list = [{ name: path.group, type: 2, options: list }];
  }
  const used = Object.fromEntries(
    Object.entries(resolved).filter(([, entries]) => Object.keys(entries).length > 0),
  );
  return { options: list, resolved: Object.keys(used).length ? used : undefined };
}

/** A slash command (`path`: one of its subcommands). */
export function chatInput(
  name: string,
  options: Record<string, OptionValue>,
  where: Where,
  path?: SubcommandPath,
): InteractionPayload {
  const { options: list, resolved } = commandOptions(options, undefined, path);
  return {
    ...base(2, where),
    data: {
      id: snowflake(),
      name,
      type: 1,
      options: list,
      ...(resolved && { resolved }),
      ...(!where.dm && { guild_id: GUILD_ID }),
    },
  };
}

/** The user typing in option `focused` of a slash command (`path`: of one of its subcommands). */
export function autocomplete(
  name: string,
  options: Record<string, OptionValue>,
  focused: string,
  where: Where,
  path?: SubcommandPath,
): InteractionPayload {
  const { options: list } = commandOptions(options, focused, path);
  return { ...base(4, where), data: { id: snowflake(), name, type: 1, options: list } };
}

/** A button press on a message the bot sent (`message` as the fake returned it, or a made-up one). */
export function buttonPress(
  customId: string,
  message: Record<string, unknown>,
  where: Where,
): InteractionPayload {
  return {
    ...base(3, where),
    data: { custom_id: customId, component_type: 2 },
    message: { ...message, channel_id: where.dm ? DM_CHANNEL_ID : (where.channelId ?? CHANNEL_ID) },
  };
}
