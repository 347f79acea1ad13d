import { splitSentences } from './splitSentences.js';
import { CorpusError, type Paragraph, type Story, type StoryMeta, type Visibility } from './types.js';

const FRONT_MATTER_KEYS = ['title', 'url', 'published', 'updated', 'source', 'visibility'] as const;
type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];
const TITLE_LENGTH = 100;

/** Story ids are file stems: letters, digits, `_`, `-` and `.`, not starting with a dot. */
export const STORY_ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;

/** True when `id` could name a story file; rejects paths and dot-files. */
export function isValidStoryId(id: string): boolean {
  return STORY_ID_PATTERN.test(id) && !id.includes('..');
}

interface FrontMatter {
  fields: Partial<Record<FrontMatterKey, string>>;
  body: string;
}

function splitFrontMatter(id: string, text: string): FrontMatter {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return { fields: {}, body: text };
  const close = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (close < 0) throw new CorpusError(`Corpus: story ${id} opens front matter with --- but never closes it`);
  const fields: Partial<Record<FrontMatterKey, string>> = {};
  for (const [offset, line] of lines.slice(1, close).entries()) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const match = /^\s*([A-Za-z_]+)\s*:\s*(.*)$/.exec(line);
    if (!match)
      throw new CorpusError(`Corpus: story ${id} front matter line ${offset + 2} is not "key: value"`);
    const key = match[1]!.toLowerCase();
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      throw new CorpusError(
        `Corpus: story ${id} front matter has unknown key "${key}" (expected ${FRONT_MATTER_KEYS.join(', ')})`,
      );
    }
    fields[key as FrontMatterKey] = unquote(match[2]!.trim());
  }
  return { fields, body: lines.slice(close + 1).join('\n') };
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? quoted[2]! : value;
}

function checkUrl(id: string, url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.href;
  } catch {
    // fall through to the error below
  }
  throw new CorpusError(`Corpus: story ${id} has an invalid url "${url}" (expected http:// or https://)`);
}

function checkDate(id: string, key: string, value: string | undefined): string | null {
  if (!value) return null;
  const day = /^(\d{4})-(\d{2})-(\d{2})([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  // Date.parse rolls 2025-02-30 over into March; the calendar day must exist as written.
  const calendar = day && new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  if (
    day &&
    calendar &&
    calendar.getUTCMonth() === Number(day[2]) - 1 &&
    calendar.getUTCDate() === Number(day[3]) &&
    !Number.isNaN(Date.parse(value))
  ) {
    return value;
  }
  throw new CorpusError(`Corpus: story ${id} has an invalid ${key} date "${value}" (expected YYYY-MM-DD)`);
}

function checkVisibility(id: string, value: string | undefined): Visibility {
  if (!value || value === 'public') return 'public';
  if (value === 'internal') return 'internal';
  throw new CorpusError(`Corpus: story ${id} has visibility "${value}" (expected public or internal)`);
}

/** Shortens text to at most `max` characters, cutting on a word boundary and adding "…". */
export function shortenOnWord(text: string, max: number): string {
  if (text.length <= max) return text;
  // The last space at or before the cut: when the cut falls on a space, the word before it fits whole.
  const space = text.lastIndexOf(' ', max - 1);
  const cut = space > max / 2 ? text.slice(0, space) : text.slice(0, max - 1);
  return `${cut.replace(/[\s,;:–—-]+$/, '')}…`;
}

function toParagraphs(body: string): Paragraph[] {
  return body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((text, i) => ({ number: i + 1, text, sentences: splitSentences(text) }));
}

/**
 * Parses one story file: optional front matter between `---` lines, then paragraphs
 * separated by newlines or blank lines. Without a title the first sentence, shortened on a
 * word, is used. Throws `CorpusError` with a message naming the story and the problem.
 */
export function parseStory(id: string, text: string): Story {
  if (!isValidStoryId(id)) throw new CorpusError(`Corpus: "${id}" is not a valid story id`);
  const { fields, body } = splitFrontMatter(id, text.replace(/^\ufeff/, ''));
  const paragraphs = toParagraphs(body);
  if (paragraphs.length === 0) throw new CorpusError(`Corpus: story ${id} has no paragraphs`);
  const meta: StoryMeta = {
    title:
      fields.title || shortenOnWord(paragraphs[0]!.sentences[0]?.text ?? paragraphs[0]!.text, TITLE_LENGTH),
    url: checkUrl(id, fields.url),
    published: checkDate(id, 'published', fields.published),
    updated: checkDate(id, 'updated', fields.updated),
    source: fields.source || null,
    visibility: checkVisibility(id, fields.visibility),
  };
  return { id, ...meta, paragraphs };
}

/** The citation of a paragraph, `story-id ¶N`. */
export function citation(storyId: string, paragraph: number): string {
  return `${storyId} ¶${paragraph}`;
}
