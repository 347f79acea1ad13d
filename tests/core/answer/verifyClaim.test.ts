import { describe, expect, it } from 'vitest';
import { verifyClaim } from '../../../src/core/answer/verifyClaim.js';
import { UserError } from '../../../src/core/errors.js';
import { verify } from '../../../src/core/queries.js';
import { buildIndex } from '../../../src/core/search/buildIndex.js';
import { claims, EXTRA, GIVEN, SEED_ID, story } from '../facts/stories.js';

const CLAIM_STORIES = [...GIVEN, 'econ_tariffs', 'econ_housing'] as const;
const alone = new Map(CLAIM_STORIES.map((id) => [id, buildIndex([story(id)])]));
const together = buildIndex([...GIVEN, ...EXTRA].map(story));
const seed = alone.get(SEED_ID)!;

describe('answer', () => {
  describe('verifyClaim', () => {
    describe.each(CLAIM_STORIES)('the claims about %s', (id) => {
      it.each(claims(id))('$verdict: $claim', ({ claim, verdict, paragraph }) => {
        for (const index of [alone.get(id)!, together]) {
          const result = verifyClaim(index, claim);
          expect(result.verdict).toBe(verdict);
          if (verdict === 'not_found') {
            expect(result.results).toEqual([]);
            expect(result.difference).toBeNull();
          } else {
            expect(result.results[0]).toMatchObject({ story: id, paragraph });
            expect(story(id).paragraphs[paragraph! - 1]!.text).toContain(result.results[0]!.excerpt);
            expect(result.difference === null).toBe(verdict === 'supported');
          }
        }
      });
    });

    it('says what differs, qualifier and all', () => {
      expect(verifyClaim(seed, 'At least 40 civilians were injured in Kyiv').difference).toBe(
        'the story says at least 14, the claim says 40',
      );
      expect(
        verifyClaim(seed, 'Trump and Putin had last spoken directly about five years earlier.').difference,
      ).toBe('the story says nearly three years, the claim says about five years');
      expect(
        verifyClaim(seed, 'The 16-story building that suffered rooftop damage is in the Darnytsia district.')
          .difference,
      ).toBe('the story says Obolon, the claim says Darnytsia');
    });

    it('reads numbers written as words and with qualifiers', () => {
      expect(
        verifyClaim(seed, 'Fourteen or more civilians were injured in the overnight drone strike on Kyiv.')
          .verdict,
      ).toBe('supported');
      expect(
        verifyClaim(seed, 'More than ten civilians were injured in the overnight drone strike on Kyiv.')
          .verdict,
      ).toBe('supported');
      expect(
        verifyClaim(seed, 'At least forty civilians were injured in the overnight drone strike on Kyiv.')
          .verdict,
      ).toBe('contradicted');
    });

    it('sees a denial the other way round', () => {
      const result = verifyClaim(alone.get('tech_recall')!, 'Two people have died in the battery fires.');
      expect(result.verdict).not.toBe('supported');
    });

    it('keeps to one story when asked', () => {
      const result = verifyClaim(
        together,
        'At least 14 civilians were hurt in an overnight drone attack on Kyiv.',
        { story: 'city_flood' },
      );
      expect(result.verdict).not.toBe('supported');
    });

    it('refuses an empty claim with a clear message', () => {
      expect(() => verify(seed, '   ')).toThrow(new UserError('Verify: the claim is empty'));
      expect(() => verify(seed, 'x', { story: 'nope' })).toThrow(UserError);
    });
  });
});
