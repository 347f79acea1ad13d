import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Verification } from '../../src/core/answer/verifyClaim.js';
import type { Story } from '../../src/core/corpus/types.js';
import type { Fact } from '../../src/core/facts/index.js';
import type { NewsIndex } from '../../src/core/search/buildIndex.js';
import { decodeCustomId } from '../../src/discord/customIds.js';
import type { Reply } from '../../src/discord/limits.js';
import {
  decodeFactsPage,
  entityChoices,
  FACTS_PER_PAGE,
  factsPageId,
  renderFacts,
  renderVerdict,
} from '../../src/discord/renderFacts.js';
import { problemsWithChoices, problemsWithMessage } from '../fakeDiscord/discordLimits.js';

/** Renderers read only story metadata (and paragraph text, for button hashes) from the index. */
function indexOf(stories: Pick<Story, 'id' | 'title' | 'url'>[]): NewsIndex {
  return {
    stories: stories.map((story) => ({ ...story, paragraphs: [] })),
    storyPositions: new Map(stories.map((story, i) => [story.id, i])),
  } as unknown as NewsIndex;
}

function body(reply: Reply) {
  return {
    content: reply.content,
    embeds: reply.embeds,
    components: reply.components,
    allowed_mentions: reply.allowedMentions,
  };
}

function expectNoPings(reply: Reply): void {
  const text = JSON.stringify([reply.content, reply.embeds]);
  expect(text).not.toMatch(/@(everyone|here)/i);
  expect(text.match(/(?<!\\)<@!?&?\d+>/g) ?? []).toEqual([]);
  expect(reply.allowedMentions).toEqual({ parse: [] });
}

function customIds(reply: Reply): string[] {
  return reply.components.flatMap((row) =>
    row.components.map((button) => ('custom_id' in button ? button.custom_id : '')),
  );
}

const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc
    .array(
      fc.constantFrom(
        '@everyone',
        '@here',
        '<@123456789012345678>',
        '<@&123456789012345678>',
        '[x](https://evil.example)',
        '# ',
        '\n- ',
        '\n> ',
        '**',
        '```',
        '\u200B',
        'word ',
        '||',
        '\\',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join('')),
  fc.string({ minLength: 3000, maxLength: 8000 }),
);
const storyId = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/).filter((id) => !id.includes('..'));
const url = fc.option(
  fc.webUrl().map((u) => `${u}/a_(b)`),
  { nil: null },
);
const mentions = fc.array(fc.record({ paragraph: fc.integer({ min: 1, max: 999 }), text: hostile }), {
  maxLength: 30,
});

/** Any fact of any type, every text field hostile. */
function factOf(story: string): fc.Arbitrary<Fact> {
  const base = fc.record({
    text: hostile,
    evidence: hostile,
    paragraph: fc.integer({ min: 1, max: 999 }),
  });
  const common = (b: { text: string; evidence: string; paragraph: number }) => ({
    ...b,
    story,
    citation: `${story} ¶${b.paragraph}`,
  });
  const optional = fc.option(hostile, { nil: null });
  return fc.oneof(
    fc.tuple(base, hostile, optional, optional, mentions).map(([b, name, role, affiliation, m]): Fact => ({
      ...common(b),
      type: 'person',
      name,
      role,
      affiliation,
      mentions: m,
    })),
    fc
      .tuple(base, hostile, mentions)
      .map(([b, name, m]): Fact => ({ ...common(b), type: 'organization', name, mentions: m })),
    fc
      .tuple(base, hostile, optional, mentions)
      .map(([b, name, kind, m]): Fact => ({ ...common(b), type: 'place', name, kind, mentions: m })),
    fc
      .tuple(base, fc.double({ noNaN: true }), optional, optional)
      .map(([b, value, unit, qualifier]): Fact => ({
        ...common(b),
        type: 'quantity',
        value,
        unit,
        qualifier,
      })),
    fc
      .tuple(base, hostile, optional)
      .map(([b, quote, speaker]): Fact => ({ ...common(b), type: 'quote', quote, speaker })),
    fc.tuple(base, hostile, hostile, hostile).map(([b, speaker, verb, content]): Fact => ({
      ...common(b),
      type: 'statement',
      speaker,
      verb,
      content,
    })),
    fc.tuple(base, hostile).map(([b, name]): Fact => ({ ...common(b), type: 'equipment', name })),
    fc
      .tuple(base, hostile, optional)
      .map(([b, expression, date]): Fact => ({ ...common(b), type: 'time', expression, date })),
  );
}

const filters = fc.record({
  type: fc.option(fc.constantFrom('person', 'quantity', 'time', 'nonsense'), { nil: undefined }),
  story: fc.option(storyId, { nil: undefined }),
  entity: fc.option(hostile, { nil: undefined }),
});

const KLITSCHKO: Fact = {
  type: 'person',
  text: 'Kyiv Mayor Vitali Klitschko',
  story: 's1',
  paragraph: 5,
  evidence: 'Kyiv Mayor Vitali Klitschko confirmed that air defenses intercepted many drones.',
  citation: 's1 ¶5',
  name: 'Vitali Klitschko',
  role: 'Mayor',
  affiliation: 'Kyiv',
  mentions: [{ paragraph: 5, text: 'Kyiv Mayor Vitali Klitschko' }],
};

describe('renderFacts', () => {
  describe('renderFacts', () => {
    it('shows a card with the type, name, role, affiliation, evidence and a linked citation', () => {
      const index = indexOf([{ id: 's1', title: 'Drones over Kyiv', url: 'https://news.example/kyiv' }]);
      const reply = renderFacts(index, [KLITSCHKO], { type: 'person' });
      expect(reply.ephemeral).toBe(true);
      expect(reply.embeds[0]).toMatchObject({
        title: 'Facts: Person',
        description: 'From **Drones over Kyiv**',
        fields: [
          {
            name: 'Person · Vitali Klitschko',
            value: [
              '**Role:** Mayor · **Affiliation:** Kyiv',
              '**As written:** Kyiv Mayor Vitali Klitschko',
              '> Kyiv Mayor Vitali Klitschko confirmed that air defenses intercepted many drones.',
              '[`s1 ¶5`](https://news.example/kyiv)',
            ].join('\n'),
          },
        ],
        footer: { text: '1 of 1 fact · evidence quoted word for word from the stories' },
      });
      expect(reply.components).toEqual([]);
    });

    it('names the story on each card when a page mixes stories', () => {
      const index = indexOf([
        { id: 's1', title: 'One', url: null },
        { id: 's2', title: 'Two', url: null },
      ]);
      const other: Fact = { ...KLITSCHKO, story: 's2', citation: 's2 ¶5' };
      const reply = renderFacts(index, [KLITSCHKO, other], {});
      expect(reply.embeds[0]!.description).toBeUndefined();
      expect(reply.embeds[0]!.fields!.map((field) => field.value.split('\n').pop())).toEqual([
        '`s1 ¶5` · One',
        '`s2 ¶5` · Two',
      ]);
    });

    it('says plainly that nothing matches, without an embed', () => {
      const reply = renderFacts(indexOf([]), [], { entity: '@everyone' });
      expect(reply.embeds).toEqual([]);
      expect(reply.content).toBe(
        'I found no facts matching that. Try another type or name, or `/facts` without filters.',
      );
    });

    it('pages with buttons that carry the filters, clamping a page past the end', () => {
      const many = Array.from({ length: 20 }, (_, i): Fact => ({ ...KLITSCHKO, paragraph: i + 1 }));
      const index = indexOf([{ id: 's1', title: 'T', url: null }]);
      const first = renderFacts(index, many, { type: 'person', entity: 'Klitschko' });
      expect(first.embeds[0]!.fields).toHaveLength(FACTS_PER_PAGE);
      expect(customIds(first)).toEqual(['fct:1:person:*:Klitschko', 'fct:2:person:*:Klitschko']);
      const last = renderFacts(index, many, { type: 'person', entity: 'Klitschko' }, { page: 99 });
      expect(last.embeds[0]!.footer!.text).toMatch(/^17–20 of 20 facts · page 3 of 3/);
      expect(last.components[0]!.components.map((b) => 'disabled' in b && b.disabled)).toEqual([false, true]);
    });

    it('fits Discord, escapes and pings nobody, for any facts, titles, filters and page', () => {
      fc.assert(
        fc.property(
          storyId,
          hostile,
          url,
          storyId.chain((id) => fc.array(factOf(id), { maxLength: 30 })),
          filters,
          fc.integer({ min: -5, max: 10 }),
          (id, title, link, facts, query, page) => {
            const index = indexOf([{ id, title, url: link }]);
            const reply = renderFacts(index, facts, query, { page });
            expect(problemsWithMessage(body(reply))).toEqual([]);
            expectNoPings(reply);
            expect(reply.ephemeral).toBe(true);
            expect(reply.embeds[0]?.fields?.length ?? 0).toBeLessThanOrEqual(FACTS_PER_PAGE);
          },
        ),
        { numRuns: 150 },
      );
    });
  });

  describe('factsPageId and decodeFactsPage', () => {
    it('round-trip the page and filters whenever they fit a custom_id', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 99_999 }), filters, (page, query) => {
          const id = factsPageId(page, query);
          if (id === null) return;
          expect(id.length).toBeLessThanOrEqual(100);
          const decoded = decodeFactsPage(decodeCustomId(id).args);
          const blank = (value: string | undefined) => (value === '' || value === '*' ? undefined : value);
          expect(decoded).toEqual({
            page,
            filters: { type: blank(query.type), story: blank(query.story), entity: blank(query.entity) },
          });
        }),
      );
    });

    it('refuses ids that are not a facts page', () => {
      for (const args of [[], ['x', '*', '*', '*'], ['0', '*', '*', '*'], ['1', '*', '*']]) {
        expect(decodeFactsPage(args)).toBeNull();
      }
    });
  });

  describe('entityChoices', () => {
    const facts: Fact[] = [
      {
        ...KLITSCHKO,
        name: 'Donald Trump',
        text: 'U.S. President Donald Trump',
        mentions: [
          { paragraph: 1, text: 'U.S. President Donald Trump' },
          { paragraph: 2, text: 'Trump' },
        ],
      },
      KLITSCHKO,
      {
        type: 'place',
        text: 'Kyiv',
        story: 's1',
        paragraph: 1,
        evidence: 'Kyiv',
        citation: 's1 ¶1',
        name: 'Kyiv',
        kind: 'city',
        mentions: [{ paragraph: 1, text: 'Kyiv' }],
      },
      {
        type: 'statement',
        text: 't',
        story: 's1',
        paragraph: 2,
        evidence: 't',
        citation: 's1 ¶2',
        speaker: 'Trump',
        verb: 'said',
        content: 'x',
      },
      {
        type: 'statement',
        text: 't',
        story: 's1',
        paragraph: 5,
        evidence: 't',
        citation: 's1 ¶5',
        speaker: 'Kyiv Mayor Vitali Klitschko',
        verb: 'said',
        content: 'x',
      },
      {
        type: 'statement',
        text: 't',
        story: 's1',
        paragraph: 7,
        evidence: 't',
        citation: 's1 ¶7',
        speaker: 'The State Department',
        verb: 'said',
        content: 'x',
      },
      {
        type: 'quantity',
        text: '14 civilians',
        story: 's1',
        paragraph: 5,
        evidence: '14 civilians',
        citation: 's1 ¶5',
        value: 14,
        unit: 'civilians',
        qualifier: null,
      },
    ];

    it('ranks names starting with the typed text first, then names with a word starting with it', () => {
      expect(entityChoices(facts, 'k').map((c) => c.value)).toEqual(['Kyiv', 'Vitali Klitschko']);
      expect(entityChoices(facts, 'tr').map((c) => c.value)).toEqual(['Donald Trump']);
    });

    it('leaves out speakers that repeat a listed name, and units unless quantities were asked for', () => {
      expect(entityChoices(facts, '').map((c) => c.name)).toEqual([
        'Donald Trump · person',
        'Vitali Klitschko · person',
        'Kyiv · place',
        'The State Department · statement',
      ]);
      expect(
        entityChoices(
          facts.filter((f) => f.type === 'quantity'),
          'civ',
          'quantity',
        ),
      ).toEqual([{ name: 'civilians · quantity', value: 'civilians' }]);
    });

    it('gives at most 25 unique choices Discord accepts, for any names and typed text', () => {
      fc.assert(
        fc.property(fc.array(factOf('s'), { maxLength: 80 }), fc.string({ maxLength: 20 }), (list, typed) => {
          const choices = entityChoices(list, typed);
          expect(problemsWithChoices({ choices })).toEqual([]);
          expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
          expect(JSON.stringify(choices.map((c) => c.name))).not.toMatch(/@(everyone|here)/i);
        }),
        { numRuns: 100 },
      );
    });
  });
});

describe('renderVerdict', () => {
  const index = indexOf([{ id: 's1', title: 'Drones over Kyiv', url: null }]);
  const excerpt = {
    story: 's1',
    paragraph: 5,
    excerpt: 'Overnight, Russia launched a drone strike on Kyiv, injuring at least 14 civilians.',
    score: 1,
    citation: 's1 ¶5',
  };

  it('says what differs when the story contradicts the claim, quoting the evidence with its citation', () => {
    const reply = renderVerdict(
      index,
      {
        claim: '40 civilians were injured in Kyiv',
        verdict: 'contradicted',
        difference: 'the story says at least 14, the claim says 40',
        results: [excerpt],
      },
      { ephemeral: false, askerId: '42' },
    );
    expect(reply.embeds[0]).toMatchObject({
      title: '❌ Contradicted by the stories',
      description: [
        '**Claim:** 40 civilians were injured in Kyiv',
        '**What differs:** The story says at least 14, the claim says 40.',
        '',
        `> ${excerpt.excerpt}`,
        '— `s1 ¶5` · Drones over Kyiv',
      ].join('\n'),
    });
    expect(customIds(reply)).toEqual(['src:s1:5', 'del:42']);
  });

  it('cites nothing and offers no buttons when no story bears on the claim', () => {
    const reply = renderVerdict(
      index,
      { claim: 'Germany sent tanks', verdict: 'not_found', difference: null, results: [] },
      { ephemeral: true, askerId: '42' },
    );
    expect(reply.embeds[0]!.title).toBe('❔ Not found in the stories');
    expect(reply.embeds[0]!.description).not.toContain('¶');
    expect(reply.components).toEqual([]);
    expect(reply.ephemeral).toBe(true);
  });

  it('fits Discord, escapes and pings nobody, for any claim, difference, evidence and title', () => {
    fc.assert(
      fc.property(
        hostile,
        fc.constantFrom<Verification['verdict']>('supported', 'contradicted', 'not_found'),
        fc.option(hostile, { nil: null }),
        fc.array(hostile, { maxLength: 3 }),
        storyId,
        hostile,
        url,
        fc.boolean(),
        fc.option(fc.webUrl(), { nil: null }),
        (claim, verdict, difference, excerpts, id, title, link, ephemeral, messageUrl) => {
          const reply = renderVerdict(
            indexOf([{ id, title, url: link }]),
            {
              claim,
              verdict,
              difference,
              results: excerpts.map((text, i) => ({
                story: id,
                paragraph: i + 1,
                excerpt: text,
                score: 1,
                citation: `${id} ¶${i + 1}`,
              })),
            },
            { ephemeral, askerId: '123456789012345678', messageUrl },
          );
          expect(problemsWithMessage(body(reply))).toEqual([]);
          expectNoPings(reply);
          expect(reply.ephemeral).toBe(ephemeral);
          expect(reply.embeds[0]!.title).toMatch(/ (Supported by|Contradicted by|Not found in) the stories$/);
        },
      ),
      { numRuns: 150 },
    );
  });
});
