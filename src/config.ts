import { isAbsolute } from 'node:path';

/** A setting that is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings every face needs (console, CLI, bot). */
export interface CoreConfig {
  seedsDir: string;
  dataDir: string;
  logLevel: LogLevel;
  development: boolean;
}

/** The whole validated environment. Frozen: read once at start and passed down. */
export interface Config extends CoreConfig {
  discordToken: string | null;
  applicationId: string | null;
  guildId: string | null;
  apiBase: string | null;
  adminUserIds: readonly string[];
  adminRoleIds: readonly string[];
  newsroomChannelIds: readonly string[];
  newsroomRoleIds: readonly string[];
  auditChannelId: string | null;
  cooldownSeconds: number;
  interactionsPort: number | null;
  discordPublicKey: string | null;
  botShards: number | 'auto' | null;
  dataRetentionDays: number;
  attachmentHosts: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

const SNOWFLAKE = /^\d{17,20}$/;
/** Three dot-separated base64url parts; the first is the bot's id in base64. */
const BOT_TOKEN = /^[A-Za-z0-9_-]{18,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/;

/** An empty value counts as unset. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function snowflake(env: Env, name: string): string | null {
  const value = read(env, name);
  if (value === undefined) return null;
  if (!SNOWFLAKE.test(value))
    throw new ConfigError(`${name} must be a Discord id (17 to 20 digits), got "${value}"`);
  return value;
}

function snowflakes(env: Env, name: string): string[] {
  const value = read(env, name);
  if (value === undefined) return [];
  const ids = value.split(/[\s,]+/).filter(Boolean);
  const bad = ids.find((id) => !SNOWFLAKE.test(id));
  if (bad)
    throw new ConfigError(`${name} must be a comma-separated list of Discord ids, "${bad}" is not one`);
  return ids;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return number;
}

function logLevel(env: Env): LogLevel {
  const value = read(env, 'LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  }
  return value as LogLevel;
}

function token(env: Env): string | null {
  const value = read(env, 'DISCORD_TOKEN');
  if (value === undefined) return null;
  // Never echo the token itself, not even a malformed one.
  if (!BOT_TOKEN.test(value)) {
    throw new ConfigError('DISCORD_TOKEN is malformed (expected the bot token from the Developer Portal)');
  }
  return value;
}

function apiBase(env: Env): string | null {
  const value = read(env, 'DISCORD_API_BASE');
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`DISCORD_API_BASE must be a URL such as https://discord.com/api, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`DISCORD_API_BASE must be an http:// or https:// URL, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

function publicKey(env: Env): string | null {
  const value = read(env, 'DISCORD_PUBLIC_KEY');
  if (value === undefined) return null;
  if (!/^[0-9a-fA-F]{64}$/.test(value))
    throw new ConfigError('DISCORD_PUBLIC_KEY must be 64 hexadecimal characters');
  return value.toLowerCase();
}

function shards(env: Env): number | 'auto' | null {
  const value = read(env, 'BOT_SHARDS');
  if (value === undefined) return null;
  if (value === 'auto') return 'auto';
  return integer(env, 'BOT_SHARDS', 1, 1, 1000);
}

function hosts(env: Env): string[] {
  const value = read(env, 'ATTACHMENT_HOSTS');
  if (value === undefined) return ['cdn.discordapp.com', 'media.discordapp.net'];
  const list = value.split(/[\s,]+/).filter(Boolean);
  const bad = list.find((host) => !/^[a-z0-9.-]+(:\d+)?$/i.test(host));
  if (bad) throw new ConfigError(`ATTACHMENT_HOSTS must list host names, "${bad}" is not one`);
  return list.map((host) => host.toLowerCase());
}

function folder(env: Env, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback;
  if (value.includes('\0')) throw new ConfigError(`${name} is not a valid folder path`);
  return isAbsolute(value) ? value : value;
}

/** Reads the settings every face needs. Throws `ConfigError` naming the bad variable. */
export function loadCoreConfig(env: Env = process.env): CoreConfig {
  return Object.freeze({
    seedsDir: folder(env, 'SEEDS_DIR', 'seeds'),
    dataDir: folder(env, 'DATA_DIR', 'data'),
    logLevel: logLevel(env),
    development: read(env, 'NODE_ENV') === 'development',
  });
}

/** Reads and validates the whole environment once. Throws `ConfigError` naming the bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const core = loadCoreConfig(env);
  const config: Config = {
    ...core,
    discordToken: token(env),
    applicationId: snowflake(env, 'DISCORD_APPLICATION_ID'),
    guildId: snowflake(env, 'DISCORD_GUILD_ID'),
    apiBase: apiBase(env),
    adminUserIds: snowflakes(env, 'ADMIN_USER_IDS'),
    adminRoleIds: snowflakes(env, 'ADMIN_ROLE_IDS'),
    newsroomChannelIds: snowflakes(env, 'NEWSROOM_CHANNEL_IDS'),
    newsroomRoleIds: snowflakes(env, 'NEWSROOM_ROLE_IDS'),
    auditChannelId: snowflake(env, 'AUDIT_CHANNEL_ID'),
    cooldownSeconds: integer(env, 'COOLDOWN_SECONDS', 3, 0, 3600),
    interactionsPort:
      read(env, 'INTERACTIONS_PORT') === undefined ? null : integer(env, 'INTERACTIONS_PORT', 0, 1, 65535),
    discordPublicKey: publicKey(env),
    botShards: shards(env),
    dataRetentionDays: integer(env, 'DATA_RETENTION_DAYS', 90, 1, 3650),
    attachmentHosts: hosts(env),
  };
  if (config.interactionsPort !== null && config.discordToken !== null && config.discordPublicKey === null) {
    throw new ConfigError('DISCORD_PUBLIC_KEY is required when INTERACTIONS_PORT is set');
  }
  return Object.freeze(config);
}
