import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, escapeMarkdown, maskedLink, MENTION_BREAK, plainText } from '../../src/discord/escape.js';

/** What Discord shows for escaped text: a backslash before punctuation is dropped. */
function rendered(markdown: string): string {
  return markdown
    .replace(/\\([^A-Za-z0-9\s])/g, '$1')
    .split(MENTION_BREAK)
    .join('');
}

/** Markdown Discord would act on in escaped text (outside escapes). */
function liveMarkdown(markdown: string): string[] {
  const found: string[] = [];
  // An escape is text: stand it in with a letter so it can never start a block.
  const unescaped = markdown.replace(/\\[^A-Za-z0-9\s]/g, 'x');
  for (const [name, pattern] of [
    ['emphasis/code/spoiler', /[*_~`|]/],
    ['masked link', /\[/],
    ['mention or tag', /</],
    ['mass mention', /@(everyone|here)/i],
    ['line-start block', /(^|\n)[ \t]*([#>+-]|\d+[.)])/],
  ] as const) {
    if (pattern.test(unescaped)) found.push(name);
  }
  return found;
}

describe('escape', () => {
  describe('escapeMarkdown', () => {
    it('neutralises mentions, mass mentions and tags', () => {
      const escaped = escapeMarkdown(
        'hi @everyone and @here, <@123456789012345678> <#1> <@&2> <t:1700000000:R>',
      );
      expect(escaped).not.toMatch(/@everyone|@here/);
      expect(escaped).not.toMatch(/(^|[^\\])</);
      expect(rendered(escaped)).toBe(
        'hi @everyone and @here, <@123456789012345678> <#1> <@&2> <t:1700000000:R>',
      );
    });

    it('breaks masked links, emphasis, spoilers and code fences', () => {
      const escaped = escapeMarkdown(
        '[click](https://evil.example) **bold** _it_ ~~gone~~ ||secret|| ```js```',
      );
      expect(liveMarkdown(escaped)).toEqual([]);
      expect(escaped).toContain('\\[click\\](https://evil.example)');
    });

    it('escapes headings, subtext, lists and quotes at the start of a line only', () => {
      expect(escapeMarkdown('# Title')).toBe('\\# Title');
      expect(escapeMarkdown('-# small')).toBe('\\-# small');
      expect(escapeMarkdown('- item')).toBe('\\- item');
      expect(escapeMarkdown('12. item')).toBe('12\\. item');
      expect(escapeMarkdown('> quote')).toBe('\\> quote');
      expect(escapeMarkdown('a - b # c > d 3. e')).toBe('a - b # c > d 3. e');
    });

    it('removes zero-width and direction characters so they cannot hide a mention', () => {
      expect(escapeMarkdown('@\u200Beveryone w\u2060o\uFEFFrd \u202Eevil')).toBe(
        `@${MENTION_BREAK}everyone word evil`,
      );
    });

    it('folds line breaks into spaces unless asked to keep lines', () => {
      expect(escapeMarkdown('one\n# two')).toBe('one # two');
      expect(escapeMarkdown('one\n# two', { singleLine: false })).toBe('one\n\\# two');
    });

    it('leaves plain story text as it is', () => {
      const text =
        'Overnight, Russia launched an extensive drone strike on Kyiv, injuring at least 14 civilians.';
      expect(escapeMarkdown(text)).toBe(text);
    });

    it('renders back to the cleaned text and leaves no live markdown, for any input', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'grapheme-ascii', maxLength: 200 }),
          fc.string({ maxLength: 50 }),
          (ascii, unicode) => {
            const input = `${ascii}${unicode}`;
            const escaped = escapeMarkdown(input, { singleLine: false });
            expect(rendered(escaped)).toBe(cleanText(input, false));
            expect(liveMarkdown(escaped)).toEqual([]);
          },
        ),
        { numRuns: 500 },
      );
    });

    it('never lets markdown-heavy input through, for any mix of markdown tokens', () => {
      const token = fc.constantFrom(
        '*',
        '_',
        '~',
        '`',
        '|',
        '[',
        ']',
        '(',
        ')',
        '<',
        '@everyone',
        '@here',
        '#',
        '-',
        '>',
        '1.',
        '\n',
        ' ',
        'a',
        '\u200B',
        '\\',
      );
      fc.assert(
        fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
          const escaped = escapeMarkdown(tokens.join(''), { singleLine: false });
          expect(liveMarkdown(escaped)).toEqual([]);
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('plainText', () => {
    it('keeps markdown characters (where nothing renders them) but breaks mass mentions', () => {
      expect(plainText('**x** @everyone\u200B')).toBe(`**x** @${MENTION_BREAK}everyone`);
    });
  });

  describe('maskedLink', () => {
    it('encodes characters that would end the link early', () => {
      expect(maskedLink('a', 'https://x.example/a_(b) c<d>')).toBe(
        '[a](https://x.example/a_%28b%29%20c%3Cd%3E)',
      );
    });
  });
});
