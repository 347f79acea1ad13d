import type { Story } from './types.js';

/** An ISO time as readers see it: `2026-03-15 14:02 UTC`; a date alone stays a date. */
export function readableTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(iso);
  if (!match) return iso;
  if (!match[2]) return match[1]!;
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return `${match[1]} ${match[2]}`;
  const utc = time.toISOString();
  return `${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC`;
}

/**
 * How current a story's text is, for "as of" under answers: its `updated:` front matter,
 * else when its file was last written. Null when neither is known.
 */
export function asOf(story: Pick<Story, 'updated' | 'modified'> | undefined): string | null {
  const when = story?.updated ?? story?.modified;
  return when ? readableTime(when) : null;
}
