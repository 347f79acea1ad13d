import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptedValues,
  ANSWER_TYPE_WORDS,
  answerTypeOf,
  answerValues,
  EXACT_ANSWER_TYPES,
  holdsAnswerType,
  type AnswerType,
} from '../../../src/core/answer/answerTypes.js';
import { tokenize } from '../../../src/core/search/tokenize.js';

/** The lowercase words of a question, as the engine gives them to the answer types (analyzeQuestion). */
const wordsOf = (question: string): ReadonlySet<string> =>
  new Set(tokenize(question).map((token) => token.norm));
const NO_WORDS: ReadonlySet<string> = new Set();
const texts = (type: AnswerType, sentence: string, question = '') =>
  answerValues(type, sentence, wordsOf(question)).map((value) => value.text.trim());

const ALL_TYPES = Object.keys(ANSWER_TYPE_WORDS) as AnswerType[];

describe('answer', () => {
  describe('answerTypeOf', () => {
    it.each<[string, AnswerType]>([
      ['how old is the mayor', 'age'],
      ['what age was she when she won', 'age'],
      ['what time did the match kick off', 'clock'],
      ['what was the final score', 'score'],
      ['what was the half-time score', 'score'],
      ['how deep are the vents', 'measure'],
      ['how tall is the new tower', 'measure'],
      ['how much did the council pay for the land', 'money'],
      ['how much did it cost', 'money'],
      ['what percentage of voters turned out', 'percent'],
      ['how long did the strike last', 'duration'],
      ['how many people died', 'quantity'],
      ['when did it open', 'time'],
      ['what year was the bridge built', 'time'],
      ['where was the car found', 'place'],
      ['which city hosts the summit', 'place'],
      ['why was the game delayed', 'reason'],
      ['who is the coach', 'person'],
      ['whos the coach', 'person'],
      ['which player scored the winner', 'person'],
    ])('%s → %s', (question, type) => {
      expect(answerTypeOf(question)).toBe(type);
    });

    it('reads Discord-style questions: any case, with or without a question mark, typos elsewhere', () => {
      expect(answerTypeOf('How old is the mayor?')).toBe('age');
      expect(answerTypeOf('HOW OLD IS THE MAYOR')).toBe('age');
      expect(answerTypeOf('  how old is teh mayer  ')).toBe('age');
      expect(answerTypeOf('wht was the final score??')).toBe('score');
      expect(answerTypeOf('how many ppl died in the flod')).toBe('quantity');
      expect(answerTypeOf('where was the car foudn')).toBe('place');
      expect(answerTypeOf('why was teh game delayd')).toBe('reason');
      expect(answerTypeOf('Who’s the coach?')).toBe('person');
    });

    it('does not take "when did X score" for a question about a score', () => {
      expect(answerTypeOf('when did messi score')).not.toBe('score');
      expect(answerTypeOf('when did messi score')).toBe('time');
      expect(answerTypeOf('who scored the winning goal')).not.toBe('score');
    });

    it('finds no answer type in a question that asks for none', () => {
      expect(answerTypeOf('tell me about the flood')).toBeNull();
      expect(answerTypeOf('')).toBeNull();
    });
  });

  describe('answerValues', () => {
    it('finds ages', () => {
      expect(texts('age', 'Ocampo, 66, said the plan would fail.')).toEqual(['Ocampo, 66,']);
      expect(texts('age', 'The driver, aged 34, was unhurt.')).toEqual(['aged 34']);
      expect(texts('age', 'A 17-year-old was arrested.')).toEqual(['17-year-old']);
    });

    it('finds clock times', () => {
      const found = texts('clock', 'The alarm sounded at 5:52pm and crews arrived by 9:45 a.m. on Friday.');
      expect(found).toContain('5:52pm');
      expect(found).toContain('9:45 a.m.');
      expect(texts('clock', 'It ended at midnight.')).toEqual(['midnight']);
    });

    it('finds scores', () => {
      expect(texts('score', 'United won 3-2 after extra time.')).toEqual(['3-2']);
      expect(texts('score', 'They lost 1–0 at home.')).toEqual(['1–0']);
    });

    it('finds sums of money in several currencies and formats', () => {
      expect(texts('money', 'The deal is worth €2.3bn over ten years.')).toEqual(['€2.3bn']);
      expect(texts('money', 'The council paid $450 million for the land.')).toEqual(['$450 million']);
      expect(texts('money', 'The fare rose to RM48 this week.')).toEqual(['RM48']);
      expect(texts('money', 'They were fined 500 euros each.')).toEqual(['500 euros']);
    });

    it('finds measurements', () => {
      expect(texts('measure', 'The 94-metre tower was finished in May.')).toEqual(['94-metre']);
      expect(texts('measure', 'The vents lie 2,300 m down.')).toEqual(['2,300 m']);
    });

    it('finds none where the sentence holds no value of the type', () => {
      expect(texts('age', 'The mayor spoke on Monday.')).toEqual([]);
      expect(texts('clock', 'The mayor spoke on Monday.')).toEqual([]);
      expect(texts('score', 'The mayor spoke on Monday.')).toEqual([]);
      expect(texts('money', 'The mayor spoke on Monday.')).toEqual([]);
    });

    it('never gives a value for the "name" type, which is not a value pattern', () => {
      expect(answerValues('name', 'Alice Smith won 3-2 at 5pm for $4m.', NO_WORDS)).toEqual([]);
    });

    it('skips values the question already says', () => {
      expect(
        texts('quantity', 'Of the 40 passengers, 12 were hurt.', 'how many of the 40 passengers were hurt'),
      ).toEqual(['12']);
      expect(
        texts('person', 'Mayor Anne Hidalgo met Rachida Dati.', 'who did mayor anne hidalgo meet'),
      ).toEqual(['Rachida Dati']);
      expect(
        texts('money', 'It cost $450 million, up from $300 million.', 'did it cost $450 million'),
      ).toEqual(['$300 million']);
    });

    it('skips a clock time the question already says', () => {
      expect(
        texts('clock', 'It left at 7:30 and arrived at 9:15.', 'it left at 7:30, what time did it arrive'),
      ).toEqual(['9:15']);
    });

    it('skips a score, a measurement or a sum the question says, given its words split at punctuation', () => {
      const split = (question: string) => new Set(question.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
      const question = split('did united win 3-2 at the 94-metre stadium, the €2.3bn one');
      expect(answerValues('score', 'United won 3-2.', question)).toEqual([]);
      expect(answerValues('measure', 'The 94-metre tower fell.', question)).toEqual([]);
      expect(answerValues('money', 'The €2.3bn budget passed.', question)).toEqual([]);
    });

    describe('with the question words as the engine tokenizes them ("3-2", "94-metre" whole)', () => {
      it('skips a score the question already says', () => {
        expect(texts('score', 'United won 3-2.', 'did united win 3-2, what was the final score')).toEqual([]);
      });
      it('skips a measurement the question already says', () => {
        expect(texts('measure', 'The 94-metre tower fell.', 'how tall was the 94-metre tower')).toEqual([]);
      });
      it('skips a sum the question already says', () => {
        expect(
          texts('money', 'The €2.3bn budget passed.', 'how much of the €2.3bn budget was spent'),
        ).toEqual([]);
      });
    });

    it('does not take a sentence opener or a title for a name', () => {
      expect(texts('person', 'The Council met Alice Smith.')).toEqual(['Alice Smith']);
    });

    it('gives each value where it starts and ends in the sentence', () => {
      const sentence = 'At 5:52pm the 94-metre tower, worth €2.3bn, fell; United still won 3-2.';
      for (const type of ALL_TYPES) {
        for (const value of answerValues(type, sentence, NO_WORDS)) {
          expect(sentence.slice(value.start, value.end)).toBe(value.text);
        }
      }
    });

    it('property: start and end always slice exactly its text out of the sentence, in order', () => {
      const fragment = fc.oneof(
        fc.constantFrom(
          'Ocampo, 66,',
          'aged 34',
          '17-year-old',
          'at 5:52pm',
          '9:45 a.m.',
          'won 3-2',
          '1–0',
          '€2.3bn',
          '$450 million',
          'RM48',
          '94-metre',
          '12%',
          'three weeks',
          'on Monday',
          'in Paris',
          'because of rain',
          'Dr. Anne Hidalgo',
          'Ünal Çelik',
          '2,300 m',
          '1,200',
          '—',
          '’',
          '\u200b',
          'é',
        ),
        fc.string({ maxLength: 8 }),
        fc.string({ unit: 'grapheme', maxLength: 4 }),
        fc.string({ unit: 'binary', maxLength: 4 }),
      );
      fc.assert(
        fc.property(
          fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(' ')),
          fc.constantFrom(...ALL_TYPES),
          fc.array(fc.constantFrom('66', 'ocampo', '3', '2', 'monday', 'paris', 'm', '12'), { maxLength: 4 }),
          (sentence, type, words) => {
            const values = answerValues(type, sentence, new Set(words));
            let previousEnd = 0;
            for (const value of values) {
              expect(sentence.slice(value.start, value.end)).toBe(value.text);
              expect(value.end).toBeGreaterThan(value.start);
              expect(value.start).toBeGreaterThanOrEqual(previousEnd);
              previousEnd = value.end;
            }
          },
        ),
        { numRuns: 500 },
      );
    });
  });

  describe('holdsAnswerType', () => {
    it('says whether a sentence holds a value of the asked type', () => {
      expect(
        holdsAnswerType('age', 'Ocampo, 66, said the plan would fail.', wordsOf('how old is ocampo')),
      ).toBe(true);
      expect(holdsAnswerType('age', 'Ocampo said the plan would fail.', wordsOf('how old is ocampo'))).toBe(
        false,
      );
      expect(holdsAnswerType('clock', 'Kick-off was at 7.45pm.', wordsOf('what time was kick off'))).toBe(
        true,
      );
      expect(holdsAnswerType('score', 'United won 3-2.', wordsOf('what was the final score'))).toBe(true);
    });

    it('is false for a question without an answer type, or one asking for a name', () => {
      expect(holdsAnswerType(null, 'United won 3-2 at 5pm.', NO_WORDS)).toBe(false);
      expect(holdsAnswerType('name', 'Alice Smith won.', NO_WORDS)).toBe(false);
    });

    it('is false when the only value is one the question already says', () => {
      expect(
        holdsAnswerType('quantity', 'All 40 passengers were hurt.', wordsOf('were the 40 passengers hurt')),
      ).toBe(false);
      expect(holdsAnswerType('age', 'Ocampo, 66, said so.', wordsOf('is ocampo 66 how old'))).toBe(false);
    });

    it('accepts a sum or a share for a size question, and a length of time for a duration', () => {
      const question = wordsOf('how big was the fine');
      expect(answerTypeOf('how big was the fine')).toBe('measure');
      expect(holdsAnswerType('measure', 'The fine was £2m.', question)).toBe(true);
      expect(acceptedValues('measure', 'The fine was £2m.', question).map((v) => v.text)).toContain('£2m');
      expect(holdsAnswerType('duration', 'The strike lasted three weeks.', wordsOf('how long'))).toBe(true);
      expect(holdsAnswerType('age', 'The fine was £2m.', question)).toBe(false);
    });
  });

  describe('EXACT_ANSWER_TYPES and ANSWER_TYPE_WORDS', () => {
    it('count values a passage states or not as exact, and open-ended answers as not', () => {
      for (const type of ['age', 'clock', 'score', 'money', 'measure'] as const) {
        expect(EXACT_ANSWER_TYPES.has(type)).toBe(true);
      }
      for (const type of ['person', 'place', 'reason', 'name', null] as const) {
        expect(EXACT_ANSWER_TYPES.has(type)).toBe(false);
      }
    });

    it('have words for every answer type', () => {
      for (const type of ALL_TYPES) expect(ANSWER_TYPE_WORDS[type]).toMatch(/^an? /);
    });
  });
});
