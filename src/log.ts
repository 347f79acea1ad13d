import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * Shapes of secrets that may hide inside strings: bot tokens, interaction tokens anywhere
 * (they are base64 of `interaction:…`, so they start `aW50ZXJhY3Rpb246`), and interaction or
 * webhook tokens in URLs and authorization headers.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  /[A-Za-z0-9_-]{18,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}/g,
  /aW50ZXJhY3Rpb246[A-Za-z0-9_-]*/g,
  /(\/(?:webhooks|interactions)\/\d+\/)[A-Za-z0-9_.-]{20,}/g,
  /((?:Bot|Bearer)\s+)[A-Za-z0-9_.-]{20,}/g,
];
const REDACTED = '[redacted]';
const MAX_DEPTH = 6;

/** Replaces known secrets and secret-shaped substrings anywhere in a value. */
export function scrubSecrets(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const secret of secrets) if (secret) text = text.split(secret).join(REDACTED);
    for (const pattern of SECRET_PATTERNS) {
      text = text.replace(pattern, (match, prefix?: string) =>
        typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED,
      );
    }
    return text;
  }
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    // What says what failed: Discord's REST errors carry the status, method and URL (whose
    // interaction token the patterns remove); request bodies are left out.
    const details = value as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
    return {
      type: value.name,
      message: scrubSecrets(value.message, secrets, depth + 1),
      ...(details.code !== undefined && { code: scrubSecrets(details.code, secrets, depth + 1) }),
      ...(typeof details.status === 'number' && { status: details.status }),
      ...(typeof details.method === 'string' && { method: details.method.toUpperCase() }),
      ...(typeof details.url === 'string' && { url: scrubSecrets(details.url, secrets, depth + 1) }),
      ...(value.cause !== undefined && { cause: scrubSecrets(value.cause, secrets, depth + 1) }),
      stack: scrubSecrets(value.stack, secrets, depth + 1),
    };
  }
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubSecrets(v, secrets, depth + 1)]));
}

export interface LoggerOptions {
  level: LogLevel;
  /** Exact secrets to remove wherever they appear (the bot token). */
  secrets?: readonly string[];
  /** Human-readable output (pino-pretty, a development dependency). */
  pretty?: boolean;
  /** Where lines go instead of stderr (tests capture them). */
  destination?: DestinationStream;
}

const REDACT_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'interaction.token',
  'config.discordToken',
];

/**
 * The one logger: JSON lines on stderr (stdout is reserved for answers), secrets redacted by
 * path and by shape.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets ?? [];
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // Errors are serialised (and scrubbed) by the hook below; pino's own serializer would
      // then see a plain object and label every error "Object".
      serializers: { err: (value: unknown) => value },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => scrubSecrets(arg, secrets)) as Parameters<typeof method>);
        },
      },
    },
    options.destination ??
      (options.pretty
        ? pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true } })
        : pino.destination({ dest: 2, sync: true })),
  );
}
