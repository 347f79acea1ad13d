import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  calibrationTable,
  figuresOf,
  judge,
  openSuite,
  SUITES,
  type EvalSet,
  type Judged,
} from '../../src/cli/evalSuites.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEED_ID = '000_9f28cc2ec71faf02';

/** A judged answer: an unanswered question unless told otherwise. */
const judged = (fields: Partial<Judged> = {}): Judged => ({
  q: 'a question',
  kind: 'question',
  answered: false,
  confidence: 0,
  right: false,
  phrase: false,
  verbatim: true,
  results: [],
  ...fields,
});

/** Four questions and four negatives, with every figure worked out by hand below. */
const SAMPLE: Judged[] = [
  judged({ answered: true, confidence: 0.95, right: true, phrase: true }),
  judged({ answered: true, confidence: 0.92, right: false, phrase: true }),
  judged({ answered: true, confidence: 0.55, right: true, phrase: false, verbatim: false }),
  judged({ answered: false, confidence: 0.1 }),
  judged({ kind: 'absent', answered: false, confidence: 0.2 }),
  judged({ kind: 'absent', answered: true, confidence: 0.95 }),
  judged({ kind: 'unstated', answered: false, confidence: 0.3 }),
  judged({ kind: 'unstated', answered: false, confidence: 0 }),
];

const arbitraryJudged: fc.Arbitrary<Judged> = fc
  .record({
    kind: fc.constantFrom<Judged['kind']>('question', 'absent', 'unstated'),
    answered: fc.boolean(),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    right: fc.boolean(),
    phrase: fc.boolean(),
    verbatim: fc.boolean(),
  })
  .map((fields) => judged({ ...fields, right: fields.kind === 'question' && fields.right }));

describe('cli', () => {
  describe('figuresOf', () => {
    it('counts questions and negatives apart', () => {
      const figures = figuresOf(SAMPLE);
      expect(figures.questions).toBe(4);
      expect(figures.negatives).toBe(4);
    });

    it('gives the shares of questions right first, holding a gold phrase, and answered', () => {
      const figures = figuresOf(SAMPLE);
      expect(figures.hit1).toBeCloseTo(2 / 4);
      expect(figures.phrase).toBeCloseTo(2 / 4);
      expect(figures.answered).toBeCloseTo(3 / 4);
    });

    it('gives the shares of negatives declined, in all and by kind', () => {
      const figures = figuresOf(SAMPLE);
      expect(figures.declined).toBeCloseTo(3 / 4);
      expect(figures.declinedAbsent).toBeCloseTo(1 / 2);
      expect(figures.declinedUnstated).toBeCloseTo(2 / 2);
    });

    it('gives the share right among answers given with confidence ≥ 0.9, a confident negative counting as wrong', () => {
      const figures = figuresOf(SAMPLE);
      expect(figures.confident).toBe(3);
      expect(figures.confidentRight).toBeCloseTo(1 / 3);
    });

    it('counts confidence 0.9 exactly as confident, and just below it as not', () => {
      expect(figuresOf([judged({ answered: true, confidence: 0.9, right: true })]).confident).toBe(1);
      expect(figuresOf([judged({ answered: true, confidence: 0.8999, right: true })]).confident).toBe(0);
    });

    it('does not count a confident answer that was not given', () => {
      expect(figuresOf([judged({ answered: false, confidence: 0.99 })]).confident).toBe(0);
    });

    it('gives the share of all answers that were verbatim', () => {
      expect(figuresOf(SAMPLE).verbatim).toBeCloseTo(7 / 8);
    });

    it('gives full shares and no counts when there is nothing to judge', () => {
      expect(figuresOf([])).toEqual({
        questions: 0,
        hit1: 1,
        phrase: 1,
        answered: 1,
        negatives: 0,
        declined: 1,
        declinedAbsent: 1,
        declinedUnstated: 1,
        absent: 0,
        unstated: 0,
        confidentRight: 1,
        confident: 0,
        verbatim: 1,
      });
    });

    it('property: every share lies in 0..1 and the counts match the kinds', () => {
      fc.assert(
        fc.property(fc.array(arbitraryJudged, { maxLength: 40 }), (all) => {
          const figures = figuresOf(all);
          expect(figures.questions + figures.negatives).toBe(all.length);
          expect(figures.absent + figures.unstated).toBe(figures.negatives);
          expect(figures.confident).toBe(all.filter((j) => j.answered && j.confidence >= 0.9).length);
          for (const key of [
            'hit1',
            'phrase',
            'answered',
            'declined',
            'declinedAbsent',
            'declinedUnstated',
            'confidentRight',
            'verbatim',
          ] as const) {
            expect(figures[key]).toBeGreaterThanOrEqual(0);
            expect(figures[key]).toBeLessThanOrEqual(1);
          }
        }),
      );
    });
  });

  describe('calibrationTable', () => {
    it('has six confidence bins, from 0.0–0.5 up to 0.9–1.0', () => {
      expect(calibrationTable([]).map((row) => row.bin)).toEqual([
        '0.0–0.5',
        '0.5–0.6',
        '0.6–0.7',
        '0.7–0.8',
        '0.8–0.9',
        '0.9–1.0',
      ]);
      expect(calibrationTable([]).every((row) => row.answers === 0)).toBe(true);
    });

    it('puts each answer given in the bin of its confidence, counting only answers given', () => {
      const table = calibrationTable(SAMPLE);
      expect(table.map((row) => row.answers)).toEqual([0, 1, 0, 0, 0, 3]);
      expect(table[1]!.right).toBeCloseTo(1);
      expect(table[5]!.right).toBeCloseTo(1 / 3);
    });

    it('puts a confidence on a bin edge in the upper bin, and confidence 1 in the top bin', () => {
      const table = calibrationTable([
        judged({ answered: true, confidence: 0 }),
        judged({ answered: true, confidence: 0.5 }),
        judged({ answered: true, confidence: 0.8 }),
        judged({ answered: true, confidence: 1 }),
      ]);
      expect(table.map((row) => row.answers)).toEqual([1, 1, 0, 0, 1, 1]);
    });

    it('property: the bins sum to the number of answers given, and shares lie in 0..1', () => {
      fc.assert(
        fc.property(fc.array(arbitraryJudged, { maxLength: 40 }), (all) => {
          const table = calibrationTable(all);
          expect(table.reduce((sum, row) => sum + row.answers, 0)).toBe(all.filter((j) => j.answered).length);
          for (const row of table) {
            expect(row.right).toBeGreaterThanOrEqual(0);
            expect(row.right).toBeLessThanOrEqual(1);
          }
        }),
      );
    });
  });

  describe('openSuite', () => {
    // The 'heldout' suite is scored once, at the end of a piece of work: it is never opened here.
    let seed: EvalSet | undefined;
    const seedSet = () => (seed ??= openSuite('seed', ROOT));

    it('opens the seed suite: its story, indexed, and questions and negatives about it', () => {
      const set = seedSet();
      expect(set.stories.map((story) => story.id)).toContain(SEED_ID);
      expect(set.defaultStory).toBe(set.stories[0]!.id);
      expect(set.index).toBeDefined();
      expect(set.questions.length).toBeGreaterThan(0);
      expect(set.negatives.length).toBeGreaterThan(0);
      for (const question of set.questions) {
        expect(question.q.trim()).not.toBe('');
        expect(question.paras.length).toBeGreaterThan(0);
      }
    });

    it('refuses an unknown suite, naming the suites there are', () => {
      expect(() => openSuite('nope', ROOT)).toThrow(/no eval suite "nope"/);
      expect(() => openSuite('nope')).toThrow(new RegExp(Object.keys(SUITES).join(', ')));
      expect(Object.keys(SUITES)).toEqual(expect.arrayContaining(['seed', 'train', 'regression', 'heldout']));
    });

    it('judges every question and negative of a suite, here by an answerer that never answers', () => {
      const set = seedSet();
      const all = judge(set, () => ({ results: [], confidence: 0 }));
      expect(all).toHaveLength(set.questions.length + set.negatives.length);
      const figures = figuresOf(all);
      expect(figures.questions).toBe(set.questions.length);
      expect(figures.answered).toBe(0);
      expect(figures.hit1).toBe(0);
      expect(figures.declined).toBe(1);
      expect(figures.verbatim).toBe(1);
    });
  });
});
