import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citation, isValidStoryId, parseStory, shortenOnWord } from '../../../src/core/corpus/parseStory.js';
import { CorpusError } from '../../../src/core/corpus/types.js';

const SEED_ID = '000_9f28cc2ec71faf02';
const SEED_TEXT = readFileSync(new URL(`../../../seeds/${SEED_ID}.txt`, import.meta.url), 'utf8');
const FIXTURE_TEXT = (name: string) =>
  readFileSync(new URL(`../../fixtures/stories/${name}.txt`, import.meta.url), 'utf8');

const FRONT_MATTER = [
  '---',
  'title: Kyiv hit by drones',
  'url: https://example.com/news/kyiv',
  'published: 2025-07-04',
  'updated: 2025-07-05T10:30:00Z',
  'source: Example Wire',
  'visibility: internal',
  '---',
  'First paragraph. It has two sentences.',
  '',
  'Second paragraph.',
].join('\n');

function corpusError(run: () => unknown): CorpusError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CorpusError);
    return error as CorpusError;
  }
  throw new Error('expected a CorpusError, nothing was thrown');
}

const withFrontMatter = (...lines: string[]) => ['---', ...lines, '---', 'Body text.'].join('\n');

describe('corpus', () => {
  describe('parseStory', () => {
    it('reads every front matter field and numbers paragraphs from 1 after it', () => {
      const story = parseStory('kyiv', FRONT_MATTER);
      expect(story).toMatchObject({
        id: 'kyiv',
        title: 'Kyiv hit by drones',
        url: 'https://example.com/news/kyiv',
        published: '2025-07-04',
        updated: '2025-07-05T10:30:00Z',
        source: 'Example Wire',
        visibility: 'internal',
      });
      expect(story.paragraphs.map((p) => [p.number, p.text])).toEqual([
        [1, 'First paragraph. It has two sentences.'],
        [2, 'Second paragraph.'],
      ]);
      expect(story.paragraphs[0]!.sentences.map((s) => s.text)).toEqual([
        'First paragraph.',
        'It has two sentences.',
      ]);
    });

    it('defaults to a public story with no url, dates or source when there is no front matter', () => {
      const story = parseStory('plain', 'Just one paragraph.');
      expect(story).toEqual({
        id: 'plain',
        title: 'Just one paragraph.',
        url: null,
        published: null,
        updated: null,
        source: null,
        visibility: 'public',
        paragraphs: [
          {
            number: 1,
            text: 'Just one paragraph.',
            sentences: [{ index: 0, start: 0, end: 19, text: 'Just one paragraph.' }],
          },
        ],
      });
    });

    it('accepts quoted values, upper-case keys, comments and blank lines in the front matter', () => {
      const story = parseStory(
        'quoted',
        withFrontMatter(
          '# a comment',
          '',
          'Title: "Rates: a turning point"',
          "source: 'Wire'",
          'visibility: public',
        ),
      );
      expect(story.title).toBe('Rates: a turning point');
      expect(story.source).toBe('Wire');
      expect(story.visibility).toBe('public');
      expect(story.paragraphs.map((p) => p.text)).toEqual(['Body text.']);
    });

    it('reads the front matter of the tech_recall fixture and starts its paragraphs after it', () => {
      const story = parseStory('tech_recall', FIXTURE_TEXT('tech_recall'));
      expect(story.title).toBe('Voltra recalls 1.4 million electric scooters after battery fires');
      expect(story.url).toBe('https://example.com/news/tech-recall');
      expect(story.published).toBe('2026-03-14');
      expect(story.paragraphs[0]!.number).toBe(1);
      expect(story.paragraphs[0]!.text).toMatch(/^Voltra Mobility, the San Jose-based maker/);
    });

    it('throws naming the key when the front matter has an unknown key', () => {
      expect(corpusError(() => parseStory('s', withFrontMatter('author: Jane'))).message).toBe(
        'Corpus: story s front matter has unknown key "author" (expected title, url, published, updated, source, visibility)',
      );
    });

    it('throws when the front matter is opened but never closed', () => {
      expect(corpusError(() => parseStory('s', '---\ntitle: Open\nBody text.')).message).toBe(
        'Corpus: story s opens front matter with --- but never closes it',
      );
    });

    it('throws naming the file line when a front matter line is not "key: value"', () => {
      expect(corpusError(() => parseStory('s', withFrontMatter('title: Fine', 'just words'))).message).toBe(
        'Corpus: story s front matter line 3 is not "key: value"',
      );
    });

    it('throws when the url is not an http or https url', () => {
      expect(corpusError(() => parseStory('s', withFrontMatter('url: ftp://example.com/x'))).message).toBe(
        'Corpus: story s has an invalid url "ftp://example.com/x" (expected http:// or https://)',
      );
      expect(corpusError(() => parseStory('s', withFrontMatter('url: example dot com'))).message).toBe(
        'Corpus: story s has an invalid url "example dot com" (expected http:// or https://)',
      );
    });

    it('throws naming the field when a date is not YYYY-MM-DD', () => {
      expect(corpusError(() => parseStory('s', withFrontMatter('published: March 5, 2025'))).message).toBe(
        'Corpus: story s has an invalid published date "March 5, 2025" (expected YYYY-MM-DD)',
      );
      expect(corpusError(() => parseStory('s', withFrontMatter('updated: 2025-13-01'))).message).toBe(
        'Corpus: story s has an invalid updated date "2025-13-01" (expected YYYY-MM-DD)',
      );
    });

    // Bug: Date.parse rolls 2025-02-30 over to March 2, so an impossible date is accepted.
    it('throws when a date does not exist in the calendar', () => {
      expect(corpusError(() => parseStory('s', withFrontMatter('published: 2025-02-30'))).message).toBe(
        'Corpus: story s has an invalid published date "2025-02-30" (expected YYYY-MM-DD)',
      );
    });

    it('throws when visibility is neither public nor internal', () => {
      expect(corpusError(() => parseStory('s', withFrontMatter('visibility: secret'))).message).toBe(
        'Corpus: story s has visibility "secret" (expected public or internal)',
      );
    });

    it('throws when the story has no paragraphs', () => {
      expect(corpusError(() => parseStory('s', '')).message).toBe('Corpus: story s has no paragraphs');
      expect(corpusError(() => parseStory('s', ' \n\n\t\n')).message).toBe(
        'Corpus: story s has no paragraphs',
      );
      expect(corpusError(() => parseStory('s', '---\ntitle: Only\n---\n\n')).message).toBe(
        'Corpus: story s has no paragraphs',
      );
    });

    it('throws when the id could be a path', () => {
      expect(corpusError(() => parseStory('../etc/passwd', 'Text.')).message).toBe(
        'Corpus: "../etc/passwd" is not a valid story id',
      );
    });

    it('splits paragraphs on single newlines and on blank lines, counting only non-empty ones', () => {
      const story = parseStory('p', '\n\nOne.\nTwo.\n\n\n   \nThree.\n  Four.  \n');
      expect(story.paragraphs.map((p) => [p.number, p.text])).toEqual([
        [1, 'One.'],
        [2, 'Two.'],
        [3, 'Three.'],
        [4, 'Four.'],
      ]);
    });

    it('reads CRLF files exactly like LF files, front matter included', () => {
      expect(parseStory('kyiv', FRONT_MATTER.replace(/\n/g, '\r\n'))).toEqual(
        parseStory('kyiv', FRONT_MATTER),
      );
      expect(parseStory(SEED_ID, SEED_TEXT.replace(/\n/g, '\r\n'))).toEqual(parseStory(SEED_ID, SEED_TEXT));
    });

    it('ignores a byte order mark and still finds the front matter after it', () => {
      const story = parseStory('kyiv', `\ufeff${FRONT_MATTER}`);
      expect(story.title).toBe('Kyiv hit by drones');
      expect(story.paragraphs[0]!.text).toBe('First paragraph. It has two sentences.');
      expect(parseStory('bom', '\ufeffHello there.').paragraphs[0]!.text).toBe('Hello there.');
    });

    it('uses the first sentence as the title when there is none', () => {
      expect(parseStory('t', 'Floods hit the city. Thousands fled.').title).toBe('Floods hit the city.');
      expect(parseStory('t', withFrontMatter('title:', 'source: Wire')).title).toBe('Body text.');
    });

    it('shortens a long first sentence on a word for the title', () => {
      const story = parseStory(SEED_ID, SEED_TEXT);
      expect(story.title).toBe(
        'U.S. President Donald Trump has stated that his recent phone call with Russian President Vladimir…',
      );
      expect(story.title.length).toBeLessThanOrEqual(100);
    });

    it('keeps the text byte for byte, typographic quotes and dashes included', () => {
      const story = parseStory(SEED_ID, SEED_TEXT);
      expect(story.paragraphs).toHaveLength(9);
      expect(story.paragraphs.map((p) => p.text).join('\n')).toBe(SEED_TEXT.trim());
      expect(story.paragraphs[1]!.text).toContain('The Trump–Putin conversation');
      expect(story.paragraphs[2]!.text).toContain('Ukraine’s U.S.-donated F-16s.');
      const econ = parseStory('econ_rates', FIXTURE_TEXT('econ_rates'));
      expect(econ.paragraphs[2]!.text.startsWith('“We are not declaring victory')).toBe(true);
    });

    it('keeps every non-blank line as a trimmed paragraph, in order, for any text without front matter', () => {
      const line = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !/[\r\n]/.test(s));
      fc.assert(
        fc.property(
          fc.array(line, { maxLength: 12 }),
          fc.constantFrom('\n', '\r\n', '\n\n'),
          (lines, eol) => {
            fc.pre(lines[0]?.trim() !== '---');
            const expected = lines.map((l) => l.replace(/^\ufeff/, '').trim()).filter(Boolean);
            fc.pre(expected.length > 0 && !lines[0]!.startsWith('\ufeff'));
            const story = parseStory('prop', lines.join(eol));
            expect(story.paragraphs.map((p) => p.text)).toEqual(expected);
            expect(story.paragraphs.map((p) => p.number)).toEqual(expected.map((_, i) => i + 1));
            expect(story.title.length).toBeLessThanOrEqual(100);
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('shortenOnWord', () => {
    it('returns short text unchanged', () => {
      expect(shortenOnWord('Short title', 100)).toBe('Short title');
    });

    it('cuts on the last word that fits and adds an ellipsis within the limit', () => {
      expect(shortenOnWord('The quick brown fox jumps over the lazy dog', 18)).toBe('The quick brown…');
      expect(shortenOnWord('Rates rise, again and again', 14)).toBe('Rates rise…');
    });

    it('returns a prefix of the text plus an ellipsis, within the limit, for any text', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 10, max: 120 }), (text, max) => {
          const short = shortenOnWord(text, max);
          expect(short.length).toBeLessThanOrEqual(max);
          if (text.length <= max) expect(short).toBe(text);
          else expect(short.endsWith('…') && text.startsWith(short.slice(0, -1))).toBe(true);
        }),
      );
    });
  });

  describe('isValidStoryId', () => {
    it('accepts file stems and rejects paths, dot-files and empty ids', () => {
      expect(isValidStoryId(SEED_ID)).toBe(true);
      expect(isValidStoryId('city_flood.v2')).toBe(true);
      for (const bad of ['', '.hidden', '../../etc/passwd', 'a/b', 'a b', 'a..b', 'x'.repeat(129)]) {
        expect(isValidStoryId(bad)).toBe(false);
      }
    });
  });

  describe('citation', () => {
    it('writes story-id ¶N', () => {
      expect(citation(SEED_ID, 5)).toBe('000_9f28cc2ec71faf02 ¶5');
    });
  });
});
