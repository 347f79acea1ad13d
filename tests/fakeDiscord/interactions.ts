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

export interface Where {
  user: FakeUser;
  /** Default: in a server. */
  dm?: boolean;
  applicationId: string;
}

/** A user mention option: `{ user }`. */
export interface UserOption {
  user: FakeUser;
}
export type OptionValue = string | number | boolean | UserOption;

function interactionToken(): string {
  // Real tokens are long base64url strings starting "aW50ZXJhY3Rpb246" ("interaction:").
  return `aW50ZXJhY3Rpb246${randomBytes(96).toString('base64url')}`;
}

/** What every interaction payload has, and what the fake needs to route its replies. */
export type InteractionPayload = { id: string; token: string } & Record<string, any>;

function base(type: number, where: Where): InteractionPayload {
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
    channel_id: CHANNEL_ID,
    channel: {
      id: CHANNEL_ID,
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
      roles: [],
      permissions: '2248473465835073',
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

function commandOptions(options: Record<string, OptionValue>, focused?: string) {
  const resolvedUsers: Record<string, FakeUser> = {};
  const list = Object.entries(options).map(([name, value]) => {
    if (typeof value === 'object') {
      resolvedUsers[value.user.id] = value.user;
      return { name, type: 6, value: value.user.id };
    }
    const type = typeof value === 'boolean' ? 5 : typeof value === 'number' ? 4 : 3;
    return { name, type, value, ...(name === focused && { focused: true }) };
  });
  return {
    options: list,
    resolved: Object.keys(resolvedUsers).length ? { users: resolvedUsers } : undefined,
  };
}

/** A slash command. */
export function chatInput(
  name: string,
  options: Record<string, OptionValue>,
  where: Where,
): InteractionPayload {
  const { options: list, resolved } = commandOptions(options);
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

/** The user typing in option `focused` of a slash command. */
export function autocomplete(
  name: string,
  options: Record<string, OptionValue>,
  focused: string,
  where: Where,
): InteractionPayload {
  const { options: list } = commandOptions(options, focused);
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
    message: { ...message, channel_id: where.dm ? DM_CHANNEL_ID : CHANNEL_ID },
  };
}
