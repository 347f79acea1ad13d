import { LIMITS } from './limits.js';

/**
 * Button state lives in `custom_id` (`prefix:arg:arg`) rather than in memory, so buttons
 * keep working after a restart and across shards. Story ids and user ids never contain ":".
 */
export const BUTTONS = {
  /**
   * `src:<story>:<paragraph>[:<hash>]` — show a paragraph (a new private message). The
   * `paragraphHash` of the text it was made for tells an old button that the paragraph has
   * been corrected since.
   */
  paragraph: 'src',
  /** `nav:<story>:<paragraph>` — turn the page of a shown paragraph in place. */
  page: 'nav',
  /** `del:<user>` — delete a public answer; only that user may. */
  delete: 'del',
  /** `fb:<up|down>:<story>:<paragraph>` — a reader's 👍/👎 on an answer. */
  feedback: 'fb',
  /** `adm:rm:<story>` / `adm:keep:<story>` — confirm or cancel `/admin remove`. */
  admin: 'adm',
  /** `fct:<page>:<type|*>:<story|*>:<entity|*>` — turn the page of a `/facts` list in place. */
  facts: 'fct',
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

/**
 * The first custom_id of the candidates that fits: e.g. a button with its paragraph hash,
 * else the same button without it (a very long story id leaves no room).
 */
export function firstFitting(...candidates: (string | null)[]): string | null {
  return candidates.find((id) => id !== null) ?? null;
}

/** A paragraph number from a custom_id, or null when it is not one. */
export function paragraphArg(value: string | undefined): number | null {
  return value !== undefined && /^\d{1,6}$/.test(value) ? Number(value) : null;
}
