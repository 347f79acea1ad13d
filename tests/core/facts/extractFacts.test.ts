import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStory } from '../../../src/core/corpus/parseStory.js';
import { extractStoryFacts } from '../../../src/core/facts/extractFacts.js';
import type { Fact, FactOf, FactType } from '../../../src/core/facts/types.js';
import { EXTRA, GIVEN, SEED_ID, story } from './stories.js';

const factsOf = (id: string) => extractStoryFacts(story(id));
const ofType = <T extends FactType>(facts: readonly Fact[], type: T) =>
  facts.filter((f): f is FactOf<T> => f.type === type);
const person = (facts: readonly Fact[], name: string) => ofType(facts, 'person').find((f) => f.name === name);
const one = (text: string, published?: string) =>
  extractStoryFacts(parseStory('sample', `${published ? `---\npublished: ${published}\n---\n` : ''}${text}`));

describe('facts', () => {
  describe('extractStoryFacts', () => {
    describe('person', () => {
      it('reads name, role and affiliation from a title before the name', () => {
        const facts = factsOf(SEED_ID);
        expect(person(facts, 'Donald Trump')).toMatchObject({
          role: 'President',
          affiliation: 'U.S.',
          paragraph: 1,
        });
        expect(person(facts, 'Vladimir Putin')).toMatchObject({ role: 'President', affiliation: 'Russian' });
        expect(person(facts, 'Volodymyr Zelenskiy')).toMatchObject({
          role: 'President',
          affiliation: 'Ukrainian',
        });
        expect(person(facts, 'Vitali Klitschko')).toMatchObject({
          text: 'Kyiv Mayor Vitali Klitschko',
          role: 'Mayor',
          affiliation: 'Kyiv',
          paragraph: 5,
        });
      });

      it('keeps an organisation in the role and a place out of it', () => {
        const facts = factsOf('econ_rates');
        expect(person(facts, 'Eleanor Whitfield')).toMatchObject({ role: 'Fed Chair', affiliation: 'Fed' });
        expect(person(facts, 'Carmen Ortega')).toMatchObject({
          role: 'Finance Minister',
          affiliation: 'Spanish',
        });
        expect(person(facts, 'Raymond Okafor')).toMatchObject({
          role: 'Dallas Fed President',
          affiliation: 'Dallas Fed',
        });
      });

      it('reads titles after the name, in lower case and set off by commas', () => {
        const econ = factsOf('econ_rates');
        expect(person(econ, 'Priya Natarajan')).toMatchObject({
          role: 'chief U.S. economist',
          affiliation: 'Halvorsen Capital',
        });
        expect(person(econ, 'Alistair Penrose')).toMatchObject({
          role: 'chief economist',
          affiliation: 'Bank of England',
        });
        const flood = factsOf('city_flood');
        expect(person(flood, 'Anika Bauer')).toMatchObject({ role: 'Regional emergency director' });
        expect(person(flood, 'Marco Feld')).toMatchObject({ role: 'baker' });
        expect(person(flood, 'Tomas Reyes')).toMatchObject({ role: 'Fire Chief', affiliation: null });
      });

      it('merges later mentions, possessives included, into one entity', () => {
        const facts = factsOf(SEED_ID);
        const trump = ofType(facts, 'person').filter((f) => /Trump/.test(f.name));
        expect(trump).toHaveLength(1);
        const mentions = trump[0]!.mentions.map((m) => m.text);
        expect(mentions).toContain('Trump');
        expect(mentions).toContain('Trump’s');
        expect(trump[0]!.mentions.map((m) => m.paragraph)).toEqual(expect.arrayContaining([1, 2, 3, 7, 8]));
        expect(person(facts, 'Volodymyr Zelenskiy')!.mentions.map((m) => m.text)).toContain('Zelenskiy’s');
        expect(ofType(facts, 'organization').map((f) => f.name)).not.toContain('Zelenskiy');
        expect(person(factsOf('econ_rates'), 'Raymond Okafor')!.mentions.map((m) => m.text)).toContain(
          'Mr. Okafor',
        );
      });
    });

    describe('organization and place', () => {
      it('finds organisations by keyword, acronym, "the X" and lower-case descriptions', () => {
        const names = (id: string) => ofType(factsOf(id), 'organization').map((f) => f.name);
        expect(names(SEED_ID)).toEqual(expect.arrayContaining(['Kremlin', 'NATO', 'U.S. State Department']));
        expect(names('city_flood')).toEqual(
          expect.arrayContaining(['regional weather service', 'national government', "St. Anne's Hospital"]),
        );
        expect(names('tech_recall')).toEqual(
          expect.arrayContaining(['Voltra Mobility', 'Hanseong Energy', 'Health Canada', 'CPSC']),
        );
      });

      it('merges a short name into the full one ("Voltra" → "Voltra Mobility")', () => {
        const voltra = ofType(factsOf('tech_recall'), 'organization').filter((f) =>
          f.name.startsWith('Voltra'),
        );
        expect(voltra).toHaveLength(1);
        expect(voltra[0]!.mentions.length).toBeGreaterThan(3);
      });

      it('gives the kind of place where the text or the lexicon makes it clear', () => {
        const kind = (id: string, name: string) =>
          ofType(factsOf(id), 'place').find((f) => f.name === name)?.kind;
        expect(kind(SEED_ID, 'Kyiv')).toBe('city');
        expect(kind(SEED_ID, 'Ukraine')).toBe('country');
        expect(kind(SEED_ID, 'Obolon')).toBe('district');
        expect(kind('city_flood', 'Pellworth')).toBe('village');
        expect(kind('city_flood', 'Canal Street')).toBe('street');
        expect(kind('city_flood', 'Orla River')).toBe('river');
      });
    });

    describe('quantity', () => {
      it('reads value, unit and qualifier, number words included', () => {
        const facts = ofType(factsOf(SEED_ID), 'quantity');
        expect(facts.find((f) => f.text === 'at least 14 civilians')).toMatchObject({
          value: 14,
          unit: 'civilians',
          qualifier: 'at least',
        });
        expect(facts.find((f) => f.text === 'nearly three years')).toMatchObject({
          value: 3,
          unit: 'years',
          qualifier: 'nearly',
        });
        expect(facts.find((f) => f.text === '16-story')).toMatchObject({ value: 16, unit: 'story' });
      });

      it('reads percentages, currencies with scale words and ranges', () => {
        const econ = ofType(factsOf('econ_rates'), 'quantity');
        expect(econ.find((f) => f.text === 'roughly $620 billion')).toMatchObject({
          value: 620e9,
          unit: 'dollars',
          qualifier: 'roughly',
        });
        expect(econ.find((f) => f.text === '£30bn')).toMatchObject({ value: 30e9, unit: 'pounds' });
        expect(econ.find((f) => f.text === 'between 4.50% and 4.75%')).toMatchObject({
          value: 4.5,
          upper: 4.75,
          unit: 'percent',
        });
        expect(econ.find((f) => f.text === '0.25 percentage point')).toMatchObject({
          value: 0.25,
          unit: 'percentage point',
        });
        expect(econ.find((f) => f.text === 'Two of the 12 voting members')).toMatchObject({
          value: 2,
          unit: 'voting members',
        });
        const tech = ofType(factsOf('tech_recall'), 'quantity');
        expect(tech.find((f) => f.text === '$499 to $799')).toMatchObject({ value: 499, upper: 799 });
        expect(tech.find((f) => f.text === 'about 1.4 million scooters')).toMatchObject({
          value: 1.4e6,
          unit: 'scooters',
        });
      });

      it('leaves out ages, years and clock times', () => {
        const texts = ofType(
          one('Marco Feld, 54, said the plant opened in 2023 and closed at 4 a.m. on Monday.'),
          'quantity',
        );
        expect(texts).toEqual([]);
      });
    });

    describe('quote and statement', () => {
      it('gives each quote its speaker as written, also across sentences and for follow-on quotes', () => {
        const quotes = ofType(factsOf('city_flood'), 'quote');
        expect(quotes.map((q) => [q.quote, q.speaker])).toEqual([
          ['I have never seen anything like this in my life', 'Mayor Helen Dragomir'],
          [
            'Entire streets have simply disappeared under the water. Our first priority is to reach every person who is still trapped',
            'Mayor Helen Dragomir',
          ],
          ['The warning came far too late', 'Marco Feld'],
          ['By the time the sirens went off, the water was already at my door', 'Marco Feld'],
        ]);
        expect(ofType(factsOf(SEED_ID), 'quote')).toMatchObject([
          { quote: 'no progress at all', speaker: 'U.S. President Donald Trump' },
        ]);
      });

      it('finds attributions without quotation marks, with the speaker as written', () => {
        const statements = ofType(factsOf(SEED_ID), 'statement').map((s) => [s.speaker, s.verb]);
        expect(statements).toEqual(
          expect.arrayContaining([
            ['Trump', 'confirmed'],
            ['Kyiv Mayor Vitali Klitschko', 'confirmed'],
            ['NATO allies, including Denmark', 'warned'],
            ['The U.S. State Department', 'said'],
            ['Zelenskiy’s office', 'considers'],
          ]),
        );
      });

      it('replaces a pronoun speaker by the person it stands for and splits "said …, but warned …"', () => {
        const statements = ofType(factsOf('econ_rates'), 'statement');
        const natarajan = statements.filter((s) => s.speaker === 'Priya Natarajan').map((s) => s.verb);
        expect(natarajan).toEqual(['said', 'warned']);
        expect(
          statements.find((s) => s.verb === 'warned' && s.speaker === 'Priya Natarajan')!.content,
        ).toMatch(/^a renewed jump in oil prices/);
      });

      it('reads attributions at the end of a sentence', () => {
        const first = ofType(factsOf('city_flood'), 'statement')[0]!;
        expect(first).toMatchObject({ speaker: 'emergency officials', verb: 'said' });
        expect(first.content).toMatch(/^At least 23 people were killed/);
      });
    });

    describe('equipment', () => {
      it('names weapons and devices with their modifiers, and model names', () => {
        const names = (id: string) => ofType(factsOf(id), 'equipment').map((f) => f.name);
        expect(names(SEED_ID)).toEqual(
          expect.arrayContaining([
            'Patriot air defense missiles',
            'precision-guided munitions',
            'GMLRS rockets',
            'AIM missiles',
            'F-16s',
          ]),
        );
        expect(names('tech_recall')).toEqual(
          expect.arrayContaining(['X-200', 'X-200 Plus', 'GT-5s', 'GT-5e', 'lithium-ion batteries']),
        );
        expect(names(SEED_ID)).not.toContain('drone strike');
      });
    });

    describe('time', () => {
      it('keeps a leading preposition in the text but not in the expression', () => {
        const times = ofType(factsOf('econ_rates'), 'time');
        expect(times.find((t) => t.text === 'on Jan. 15')).toMatchObject({
          expression: 'Jan. 15',
          date: null,
        });
        expect(times.find((t) => t.text === 'over five years')).toBeDefined();
        expect(ofType(factsOf(SEED_ID), 'time').map((t) => t.text)).toEqual(
          expect.arrayContaining(['later today', 'earlier this week', 'Overnight', 'The days ahead']),
        );
      });

      it('resolves dates from the published date, looking back for the past and ahead for the future', () => {
        const times = ofType(factsOf('tech_recall'), 'time');
        const date = (text: string) => times.find((t) => t.text === text)?.date;
        expect(date('on Friday')).toBe('2026-03-13'); // published Saturday 2026-03-14
        expect(date('in October')).toBe('2025-10');
        expect(date('in April')).toBe('2026-04'); // "would begin shipping in April"
        expect(date('last year')).toBe('2025');
        expect(date('between June 2023 and January 2026')).toBe('2023-06/2026-01');
      });

      it('resolves relative days and weeks', () => {
        const times = ofType(
          one(
            'The mayor said yesterday that talks were held earlier this week and would resume tomorrow.',
            '2026-03-11',
          ),
          'time',
        );
        expect(times.map((t) => [t.expression, t.date])).toEqual([
          ['yesterday', '2026-03-10'],
          ['earlier this week', '2026-W11'],
          ['tomorrow', '2026-03-12'],
        ]);
      });
    });

    describe('evidence', () => {
      it.each([...GIVEN, ...EXTRA])(
        'cites a verbatim sentence of the paragraph holding the text (%s)',
        (id) => {
          const parsed = story(id);
          for (const fact of extractStoryFacts(parsed)) {
            const paragraph = parsed.paragraphs[fact.paragraph - 1]!.text;
            expect(paragraph).toContain(fact.evidence);
            expect(fact.evidence).toContain(fact.text);
            expect(fact.citation).toBe(`${id} ¶${fact.paragraph}`);
          }
        },
      );

      it('points entities at their first mention', () => {
        const trump = person(factsOf(SEED_ID), 'Donald Trump')!;
        expect(trump.paragraph).toBe(trump.mentions[0]!.paragraph);
        expect(trump.evidence).toMatch(/^U\.S\. President Donald Trump has stated/);
      });

      it('keeps the rules and never throws on arbitrary text', () => {
        const word = fc.constantFrom(
          'Mayor',
          'said',
          '“',
          '”',
          '"',
          'at least',
          '14',
          'three',
          'The',
          'in',
          'Kyiv',
          'President',
          'John',
          'Smith',
          '$5',
          'billion',
          '%',
          ',',
          '.',
          'on Monday',
          'missiles',
          'Patriot',
          'he',
          'warned',
          'that',
          'not',
          'Bank',
          'of',
          'England',
          'Mr.',
          'U.S.',
          '’s',
          'between',
          'and',
          '4.5%',
          'nearly',
          'years',
          'F-16s',
          '—',
          '(',
          ')',
        );
        fc.assert(
          fc.property(
            fc.array(fc.array(word, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 4 }),
            (paragraphs) => {
              const text = paragraphs.map((p) => p.join(' ')).join('\n');
              if (!/[\p{L}\p{N}]/u.test(text)) return;
              const parsed = parseStory('random', text);
              for (const fact of extractStoryFacts(parsed)) {
                expect(parsed.paragraphs[fact.paragraph - 1]!.text).toContain(fact.evidence);
                expect(fact.evidence).toContain(fact.text);
              }
            },
          ),
          { numRuns: 150 },
        );
      });
    });
  });
});
