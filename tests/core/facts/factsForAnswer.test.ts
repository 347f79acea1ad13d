import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answer/answerQuestion.js';
import { factTableOf } from '../../../src/core/facts/buildFactTable.js';
import { factsForAnswer } from '../../../src/core/facts/factsForAnswer.js';
import { ask } from '../../../src/core/queries.js';
import { buildIndex } from '../../../src/core/search/buildIndex.js';
import { GIVEN, SEED_ID, story } from './stories.js';

const seed = buildIndex([story(SEED_ID)]);
const all = buildIndex(GIVEN.map(story));
const factsFor = (question: string, index = seed) =>
  factsForAnswer(
    (id) => factTableOf(index).byStory.get(id) ?? [],
    question,
    answerQuestion(index, question).results,
  );

describe('facts', () => {
  describe('factsForAnswer', () => {
    it('gives the person a "who" question asks for', () => {
      const [first] = factsFor('Who is the mayor of Kyiv?');
      expect(first).toMatchObject({
        type: 'person',
        name: 'Vitali Klitschko',
        role: 'Mayor',
        affiliation: 'Kyiv',
      });
    });

    it('gives the quantity a "how many" question asks for', () => {
      const [first] = factsFor('How many civilians were injured?');
      expect(first).toMatchObject({ type: 'quantity', value: 14, qualifier: 'at least', unit: 'civilians' });
    });

    it('gives quotes and statements when asked what someone said', () => {
      const facts = factsFor('What did Trump say about his call with Putin?');
      expect(['quote', 'statement']).toContain(facts[0]!.type);
    });

    it('only gives facts stated in the excerpts, at most three', () => {
      for (const question of [
        'Which weapons were paused?',
        'Where did the drone strike hit?',
        'When will Trump call Zelenskiy?',
      ]) {
        const answer = answerQuestion(all, question);
        const facts = factsForAnswer(
          (id) => factTableOf(all).byStory.get(id) ?? [],
          question,
          answer.results,
        );
        expect(facts.length).toBeLessThanOrEqual(3);
        for (const fact of facts) expect(answer.results.some((r) => r.story === fact.story)).toBe(true);
      }
    });

    it('gives nothing when the question is declined', () => {
      expect(factsFor('Who won the football match in Madrid?')).toEqual([]);
      expect(
        factsForAnswer((id) => factTableOf(seed).byStory.get(id) ?? [], 'Who is the mayor of Kyiv?', []),
      ).toEqual([]);
    });
  });

  describe('ask', () => {
    it('returns the facts with the answer', () => {
      const answer = ask(seed, 'Who is the mayor of Kyiv?');
      expect(answer.answered).toBe(true);
      expect(answer.facts[0]).toMatchObject({ type: 'person', name: 'Vitali Klitschko' });
    });
  });
});
