import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStory } from '../../../src/core/corpus/parseStory.js';
import { splitSentences } from '../../../src/core/corpus/splitSentences.js';
import type { Sentence } from '../../../src/core/corpus/types.js';

const SEED_ID = '000_9f28cc2ec71faf02';
const SEED_TEXT = readFileSync(new URL(`../../../seeds/${SEED_ID}.txt`, import.meta.url), 'utf8');

const texts = (paragraph: string) => splitSentences(paragraph).map((s) => s.text);

/** Checks the structural promise of splitSentences; returns nothing, throws on the first breach. */
function expectExactCover(paragraph: string, sentences: readonly Sentence[]): void {
  let previousEnd = 0;
  sentences.forEach((sentence, i) => {
    expect(sentence.index).toBe(i);
    expect(sentence.text).toBe(paragraph.slice(sentence.start, sentence.end));
    expect(sentence.start).toBeLessThan(sentence.end);
    expect(sentence.start).toBeGreaterThanOrEqual(previousEnd);
    // Only white space lies between two sentences (or before the first).
    expect(paragraph.slice(previousEnd, sentence.start).trim()).toBe('');
    expect(sentence.text).toBe(sentence.text.trim());
    previousEnd = sentence.end;
  });
  expect(paragraph.slice(previousEnd).trim()).toBe('');
  const nonSpace = (text: string) => text.replace(/\s+/g, '');
  expect(sentences.map((s) => nonSpace(s.text)).join('')).toBe(nonSpace(paragraph));
}

/** Words that make splitting hard: abbreviations, initials, decimals, quotes, punctuation. */
const trickyWord = fc.constantFrom(
  'U.S.',
  'Mr.',
  'Dr.',
  'Mrs.',
  'Jan.',
  'Sept.',
  'J.',
  'R.',
  'Inc.',
  'p.m.',
  'e.g.',
  'No.',
  '4.75',
  '1,200',
  '3.2%',
  '$499',
  'F-16s',
  'Ukraine’s',
  '“Stop!”',
  '"Why?"',
  '(see above).',
  'end.',
  'Yes!',
  'Why?',
  'Wait…',
  '...',
  '.',
  '!',
  '?',
  '…',
  '—',
  'the',
  'The',
  'He',
  'it',
  'Kyiv',
  'Zelenskiy',
  '14',
  'a.m.',
  '“quoted.”',
);
const separator = fc.constantFrom(' ', '  ', '\t', '\u00a0', ' \u2009');
const trickyParagraph = fc
  .array(fc.tuple(trickyWord, separator), { maxLength: 30 })
  .map((parts) => parts.map(([word, space]) => word + space).join(''));

describe('corpus', () => {
  describe('splitSentences', () => {
    it('returns exact, ordered, non-overlapping slices covering every non-space character for any text', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (paragraph) => {
          expectExactCover(paragraph, splitSentences(paragraph));
        }),
        { numRuns: 300 },
      );
    });

    it('returns exact slices covering the paragraph when it is full of abbreviations, numbers and quotes', () => {
      fc.assert(
        fc.property(fc.tuple(separator, trickyParagraph), ([lead, paragraph]) => {
          const text = lead + paragraph;
          expectExactCover(text, splitSentences(text));
        }),
        { numRuns: 500 },
      );
    });

    it('returns no sentence for an empty or blank paragraph', () => {
      expect(splitSentences('')).toEqual([]);
      expect(splitSentences('  \t ')).toEqual([]);
    });

    it('keeps an unterminated paragraph as one sentence with its offsets', () => {
      expect(splitSentences('  no full stop here ')).toEqual([
        { index: 0, start: 2, end: 19, text: 'no full stop here' },
      ]);
    });

    it('splits after a full stop followed by a capital and records the offsets', () => {
      expect(splitSentences('One two. Three four.')).toEqual([
        { index: 0, start: 0, end: 8, text: 'One two.' },
        { index: 1, start: 9, end: 20, text: 'Three four.' },
      ]);
    });

    it('does not split after U.S. when a name or noun follows', () => {
      expect(texts('The U.S. State Department said the U.S. arms pause was temporary.')).toEqual([
        'The U.S. State Department said the U.S. arms pause was temporary.',
      ]);
    });

    it('does not split after titles such as Mr., Mrs., Dr., Gen. and Sen.', () => {
      fc.assert(
        fc.property(
          fc.constantFrom('Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.', 'Gen.', 'Sen.', 'Gov.', 'Lt.', 'St.', 'Rev.'),
          fc.constantFrom('Smith', 'Jones', 'Klitschko', 'O’Neill', 'Zelenskiy'),
          (title, name) => {
            const text = `Yesterday ${title} ${name} arrived in Kyiv.`;
            expect(texts(text)).toEqual([text]);
          },
        ),
      );
    });

    it('does not split after a month abbreviation followed by a day or year', () => {
      expect(texts('The talks began on Jan. 5 in Geneva. They ended on Sept. 2024 without a deal.')).toEqual([
        'The talks began on Jan. 5 in Geneva.',
        'They ended on Sept. 2024 without a deal.',
      ]);
    });

    it('does not split after initials such as J. R.', () => {
      expect(texts('The book by J. R. R. Tolkien sold well. It was reprinted.')).toEqual([
        'The book by J. R. R. Tolkien sold well.',
        'It was reprinted.',
      ]);
    });

    it('does not split inside decimals or thousands', () => {
      expect(
        texts('The rate rose to 4.75 percent, or 1,200.50 dollars a year. Analysts were surprised.'),
      ).toEqual(['The rate rose to 4.75 percent, or 1,200.50 dollars a year.', 'Analysts were surprised.']);
    });

    it('does not split when the next word starts in lower case', () => {
      expect(texts('“Stop!” he shouted. The crowd approx. doubled, i.e. grew.')).toEqual([
        '“Stop!” he shouted.',
        'The crowd approx. doubled, i.e. grew.',
      ]);
    });

    it('splits after ! and ? followed by a capital', () => {
      expect(texts('Is it over? Nobody knows! The talks go on.')).toEqual([
        'Is it over?',
        'Nobody knows!',
        'The talks go on.',
      ]);
    });

    it('keeps closing quotes and brackets with the sentence they end', () => {
      expect(texts('He said, “It is over.” The room fell silent. (Nobody left.) Then it rained.')).toEqual([
        'He said, “It is over.”',
        'The room fell silent.',
        '(Nobody left.)',
        'Then it rained.',
      ]);
    });

    it('ends a sentence at U.S., Inc. or p.m. when a typical sentence opener follows', () => {
      expect(texts('He flew back to the U.S. The pause followed.')).toEqual([
        'He flew back to the U.S.',
        'The pause followed.',
      ]);
      expect(texts('The maker is Voltra Inc. The company said so.')).toEqual([
        'The maker is Voltra Inc.',
        'The company said so.',
      ]);
      expect(texts('It hit at 5 p.m. He left.')).toEqual(['It hit at 5 p.m.', 'He left.']);
    });

    it('splits every paragraph of the seed story into its sentences', () => {
      const story = parseStory(SEED_ID, SEED_TEXT);
      expect(story.paragraphs.map((p) => p.sentences.length)).toEqual([2, 3, 2, 2, 3, 1, 2, 1, 2]);
      expect(story.paragraphs[2]!.sentences.map((s) => s.text)).toEqual([
        'Simultaneously, Trump is set to hold a phone call with Ukrainian President Volodymyr Zelenskiy later today to discuss the U.S. decision to temporarily halt several key arms shipments to Ukraine.',
        'The pause includes Patriot air defense missiles, precision-guided munitions, GMLRS rockets, and AIM missiles for Ukraine’s U.S.-donated F-16s.',
      ]);
      expect(story.paragraphs[4]!.sentences.map((s) => s.text)).toEqual([
        'Overnight, Russia launched an extensive drone strike on Kyiv, injuring at least 14 civilians and igniting fires in multiple districts.',
        'A 16-story residential building in the Obolon district suffered rooftop damage, while other attacks disrupted railway infrastructure and damaged parked vehicles.',
        'Kyiv Mayor Vitali Klitschko confirmed that air defenses intercepted many drones, but falling debris caused substantial destruction.',
      ]);
      expect(story.paragraphs[6]!.sentences[0]!.text).toBe(
        'The U.S. State Department has said the aid pause is due to an internal review and not a permanent halt.',
      );
      for (const paragraph of story.paragraphs) expectExactCover(paragraph.text, paragraph.sentences);
    });
  });
});
