/**
 * Markdown safety for text the bot did not write (questions, story text, titles). Discord
 * consumes a backslash before any ASCII punctuation, so escapes are invisible once rendered;
 * the raw text stays readable in logs and tests.
 */

/**
 * Zero-width and direction-control characters: they can hide a mention or markdown from
 * the escaper (`@\u200Beveryone` typed by a user) or reorder what readers see.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const LINE_BREAKS = /[\r\n\u2028\u2029\u0085]+/g;

/** Inline markdown that works anywhere in a line: emphasis, code, spoilers, links, tags. */
const INLINE_SPECIAL = /[\\*_~`|[\]<]/g;
/** Block markdown that only works at the start of a line: headings, subtext, lists, quotes. */
const LINE_START_SPECIAL = /^([ \t]*)([#>*+-]|\d+(?=[.)]))/gm;
/** Mass mentions render highlighted even when they do not ping; a zero-width space breaks them. */
const MASS_MENTION = /@(everyone|here)/gi;

/** The separator that keeps `@everyone` from reading as a mention. */
export const MENTION_BREAK = '\u200B';

/** Removes invisible characters; `singleLine` also folds line breaks into spaces. */
export function cleanText(text: string, singleLine = true): string {
  const visible = text.replace(INVISIBLE, '');
  return singleLine ? visible.replace(LINE_BREAKS, ' ') : visible.replace(/\r\n?/g, '\n');
}

/**
 * Escapes text for Discord markdown: no emphasis, code, spoilers, masked links, mentions,
 * channel or time tags, headings, lists or quotes survive, and `@everyone`/`@here` no longer
 * read as mentions. Single-line by default because every place the bot shows such text is a
 * line of its own layout (a quote, a list item, a title).
 */
export function escapeMarkdown(text: string, options: { singleLine?: boolean } = {}): string {
  const singleLine = options.singleLine ?? true;
  let escaped = cleanText(text, singleLine).replace(INLINE_SPECIAL, '\\$&');
  escaped = escaped.replace(LINE_START_SPECIAL, (_match, indent: string, marker: string) =>
    /^\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`,
  );
  return escaped.replace(MASS_MENTION, `@${MENTION_BREAK}$1`);
}

/** Plain text for places that do not render markdown (footers, button labels, choice names). */
export function plainText(text: string): string {
  return cleanText(text).replace(MASS_MENTION, `@${MENTION_BREAK}$1`).trim();
}

/** Story ids are `[A-Za-z0-9_.-]`, so inline code shows them verbatim without escapes. */
export function inlineCode(text: string): string {
  return `\`${text.replace(/`/g, 'ˋ')}\``;
}

/** A masked link whose target cannot close the markdown early. */
export function maskedLink(label: string, url: string): string {
  const safeUrl = url.replace(
    /[()<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `[${label}](${safeUrl})`;
}
