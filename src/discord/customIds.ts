import { LIMITS } from './limits.js';

/**
 * Button state lives in `custom_id` (`prefix:arg:arg`) rather than in memory, so buttons
 * keep working after a restart and across shards. Story ids and user ids never contain ":".
 */
export const BUTTONS = {
  /** `src:<story>:<paragraph>` — show a paragraph (a new private message). */
  paragraph: 'src',
  /** `nav:<story>:<paragraph>` — turn the page of a shown paragraph in place. */
  page: 'nav',
  /** `del:<user>` — delete a public answer; only that user may. */
  delete: 'del',
} as const;

const SEPARATOR = ':';

/** The custom_id for a button, or null when it would not fit Discord's 100 characters. */
export function encodeCustomId(prefix: string, ...args: readonly (string | number)[]): string | null {
  const parts = [prefix, ...args.map(String)];
  if (parts.some((part) => part.includes(SEPARATOR) || part.length === 0)) return null;
  const id = parts.join(SEPARATOR);
  return id.length <= LIMITS.customId ? id : null;
}

export interface DecodedCustomId {
  prefix: string;
  args: string[];
}

export function decodeCustomId(customId: string): DecodedCustomId {
  const [prefix = '', ...args] = customId.split(SEPARATOR);
  return { prefix, args };
}

/** A paragraph number from a custom_id, or null when it is not one. */
export function paragraphArg(value: string | undefined): number | null {
  return value !== undefined && /^\d{1,6}$/.test(value) ? Number(value) : null;
}
