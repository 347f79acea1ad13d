import { describe, expect, it } from 'vitest';
import { parseStory } from '../../../src/core/corpus/parseStory.js';
import {
  buildFactTable,
  factCounts,
  factMentions,
  factTableOf,
  selectFacts,
} from '../../../src/core/facts/buildFactTable.js';
import { buildIndex } from '../../../src/core/search/buildIndex.js';
import { GIVEN, SEED_ID, story } from './stories.js';

const stories = GIVEN.map(story);

describe('facts', () => {
  describe('buildFactTable', () => {
    it('keeps the facts of every story, story by story', () => {
      const table = buildFactTable(stories);
      expect([...table.byStory.keys()]).toEqual([...GIVEN]);
      expect(table.facts.length).toBe(
        [...table.byStory.values()].reduce((sum, facts) => sum + facts.length, 0),
      );
      expect(table.facts[0]!.story).toBe(SEED_ID);
    });

    it('counts the facts of each type', () => {
      const counts = factCounts(buildFactTable([story(SEED_ID)]));
      expect(counts.person).toBe(4);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(
        buildFactTable([story(SEED_ID)]).facts.length,
      );
    });

    it('does not extract a story twice', () => {
      const first = buildFactTable(stories);
      const second = buildFactTable([stories[1]!, stories[0]!]);
      expect(second.byStory.get(SEED_ID)).toBe(first.byStory.get(SEED_ID));
    });
  });

  describe('factTableOf', () => {
    it('builds the table once per index', () => {
      const index = buildIndex(stories);
      expect(factTableOf(index)).toBe(factTableOf(index));
    });
  });

  describe('selectFacts', () => {
    const table = buildFactTable(stories);

    it('narrows by type and story', () => {
      const people = selectFacts(table, { type: 'person', story: 'city_flood' });
      expect(people.length).toBeGreaterThan(0);
      expect(people.every((f) => f.type === 'person' && f.story === 'city_flood')).toBe(true);
    });

    it('finds an entity by any of its mentions and spellings', () => {
      const zelensky = selectFacts(table, { entity: 'Zelensky' });
      expect(zelensky.some((f) => f.type === 'person' && f.name === 'Volodymyr Zelenskiy')).toBe(true);
      const trump = selectFacts(table, { entity: 'trump', type: 'statement' });
      expect(trump.map((f) => f.type === 'statement' && f.verb)).toEqual(
        expect.arrayContaining(['stated', 'confirmed']),
      );
      expect(
        selectFacts(table, { entity: 'Kiev', type: 'place' }).map((f) => f.type === 'place' && f.name),
      ).toEqual(['Kyiv']);
    });

    it('gives an empty list for an entity no fact names', () => {
      expect(selectFacts(table, { entity: 'Xi Jinping' })).toEqual([]);
      expect(selectFacts(table, { story: 'no-such-story' })).toEqual([]);
    });

    it('leaves out newsroom-only stories unless asked', () => {
      const internal = parseStory(
        'internal_note',
        '---\nvisibility: internal\n---\nMayor Jane Roe said the bridge would reopen on Monday.',
      );
      const withNote = buildFactTable([...stories, internal]);
      expect(selectFacts(withNote, { entity: 'Jane Roe' })).toEqual([]);
      expect(selectFacts(withNote, { entity: 'Jane Roe', includeInternal: true }).length).toBeGreaterThan(0);
    });
  });

  describe('factMentions', () => {
    it('matches whole words, not parts of words', () => {
      const [kyiv] = selectFacts(buildFactTable(stories), { type: 'place', entity: 'Kyiv' });
      expect(factMentions(kyiv!, 'Ky')).toBe(false);
      expect(factMentions(kyiv!, 'KYIV')).toBe(true);
    });
  });
});
