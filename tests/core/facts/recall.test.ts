import { describe, expect, it } from 'vitest';
import { extractStoryFacts } from '../../../src/core/facts/extractFacts.js';
import { EXTRA, GIVEN, SEED_ID, gold, missed, recall, story } from './stories.js';

/** Issue 3's bar: 90% on the seed story, 80% on stories the extractor was not written for. */
const THRESHOLD = (id: string) => (id === SEED_ID ? 0.9 : 0.8);

describe('facts', () => {
  describe('recall against the gold files', () => {
    it.each([...GIVEN, ...EXTRA])('finds enough of the gold facts of %s', (id) => {
      const facts = extractStoryFacts(story(id));
      const lost = Object.fromEntries(
        Object.entries(missed(facts, gold(id))).filter(([, items]) => items.length > 0),
      );
      expect(recall(facts, gold(id)), `missed: ${JSON.stringify(lost)}`).toBeGreaterThanOrEqual(
        THRESHOLD(id),
      );
    });

    it('finds every person of the seed with role and affiliation', () => {
      expect(missed(extractStoryFacts(story(SEED_ID)), gold(SEED_ID)).person).toEqual([]);
    });
  });
});
