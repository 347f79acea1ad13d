import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer/answerQuestion.js';
import type { Story } from '../../src/core/corpus/types.js';
import type { StorySummary } from '../../src/core/queries.js';
import type { NewsIndex } from '../../src/core/search/buildIndex.js';
import type { Reply } from '../../src/discord/limits.js';
import {
  renderAnswer,
  renderHelp,
  renderSearch,
  renderSource,
  renderStories,
  searchChoices,
  storyChoices,
} from '../../src/discord/render.js';
import { problemsWithChoices, problemsWithMessage } from '../fakeDiscord/discordLimits.js';

/** Renderers read only story metadata from the index. */
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

/** Text users would see, as one string. */
function visible(reply: Reply): string {
  return JSON.stringify([reply.content, reply.embeds]);
}

const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc
    .array(
      fc.constantFrom(
        '@everyone',
        '@here',
        '<@123456789012345678>',
        '[x](https://evil.example)',
        '# ',
        '\n- ',
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
const snowflake = fc.bigInt({ min: 10n ** 17n, max: 10n ** 19n }).map(String);

/** No mass mention, and no user mention except the one allowed. */
function expectNoPings(reply: Reply, allowedUser?: string): void {
  const text = visible(reply);
  expect(text).not.toMatch(/@(everyone|here)/i);
  const mentions = text.match(/(?<!\\)<@!?&?\d+>/g) ?? [];
  expect(mentions).toEqual(allowedUser ? [`<@${allowedUser}>`] : []);
  expect(reply.allowedMentions.parse).toEqual([]);
  expect(reply.allowedMentions.users ?? []).toEqual(allowedUser ? [allowedUser] : []);
}

const KYIV: Answer = {
  query: 'How many civilians were injured?',
  answered: true,
  confidence: 0.9,
  results: [
    {
      story: 'kyiv',
      paragraph: 5,
      excerpt: 'Russia launched a drone strike on Kyiv, injuring at least 14 civilians.',
      score: 1.5,
      citation: 'kyiv ¶5',
    },
    { story: 'kyiv', paragraph: 6, excerpt: 'Debris fell on homes.', score: 1, citation: 'kyiv ¶6' },
  ],
};

describe('render', () => {
  describe('renderAnswer', () => {
    it('quotes the best excerpt with its story title, ¶ citation and confidence in words', () => {
      const reply = renderAnswer(indexOf([{ id: 'kyiv', title: 'Drones hit Kyiv', url: null }]), KYIV, {
        askerId: '111111111111111111',
        hidden: false,
      });
      const [embed] = reply.embeds;
      expect(embed!.description).toBe(
        '> Russia launched a drone strike on Kyiv, injuring at least 14 civilians.',
      );
      expect(embed!.fields![0]).toEqual({ name: 'Source', value: '**Drones hit Kyiv** · `kyiv ¶5`' });
      expect(embed!.fields![1]!.value).toBe('`kyiv ¶6` Debris fell on homes.');
      expect(embed!.footer!.text).toMatch(/^High confidence/);
      expect(reply.components[0]!.components.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual([
        'src:kyiv:5',
        'fb:up:kyiv:5',
        'fb:down:kyiv:5',
        'del:111111111111111111',
      ]);
      expect(reply.ephemeral).toBe(false);
    });

    it('links the citation when the story has a url', () => {
      const reply = renderAnswer(
        indexOf([{ id: 'kyiv', title: 'T', url: 'https://news.example/kyiv_(1)' }]),
        KYIV,
        { askerId: '1', hidden: true },
      );
      expect(reply.embeds[0]!.fields![0]!.value).toBe(
        '**T** · [`kyiv ¶5`](https://news.example/kyiv_%281%29)',
      );
    });

    it('leaves out the delete button and the mention on a hidden answer', () => {
      const reply = renderAnswer(indexOf([{ id: 'kyiv', title: 'T', url: null }]), KYIV, {
        askerId: '1',
        hidden: true,
        mentionId: '222222222222222222',
      });
      expect(reply.components[0]!.components.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual([
        'src:kyiv:5',
        'fb:up:kyiv:5',
        'fb:down:kyiv:5',
      ]);
      expect(reply.content).toBeUndefined();
      expect(reply.allowedMentions).toEqual({ parse: [] });
    });

    it('declines plainly and points to /search when the stories do not answer', () => {
      const declined: Answer = {
        query: '@everyone aliens?',
        answered: false,
        confidence: 0,
        results: [],
        declineReason: 'the stories do not mention @everyone',
      };
      const reply = renderAnswer(indexOf([]), declined, {
        askerId: '1',
        hidden: false,
        mentionId: '222222222222222222',
      });
      expect(reply.embeds).toEqual([]);
      expect(reply.content).toMatch(/^I found nothing in the stories that answers this .*Try `\/search`/);
      expectNoPings(reply);
    });

    it('fits Discord and pings nobody but the named user, for any question, title and excerpt', () => {
      fc.assert(
        fc.property(
          hostile,
          hostile,
          fc.array(hostile, { minLength: 1, maxLength: 5 }),
          storyId,
          url,
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.boolean(),
          fc.option(snowflake, { nil: undefined }),
          snowflake,
          (question, title, excerpts, id, link, confidence, hidden, mentionId, askerId) => {
            const answer: Answer = {
              query: question,
              answered: true,
              confidence,
              results: excerpts.map((excerpt, i) => ({
                story: id,
                paragraph: i + 1,
                excerpt,
                score: 1,
                citation: `${id} ¶${i + 1}`,
              })),
            };
            const reply = renderAnswer(indexOf([{ id, title, url: link }]), answer, {
              askerId,
              hidden,
              mentionId,
            });
            expect(problemsWithMessage(body(reply))).toEqual([]);
            expectNoPings(reply, hidden ? undefined : mentionId);
            expect(reply.ephemeral).toBe(hidden);
          },
        ),
        { numRuns: 150 },
      );
    });
  });

  describe('renderSource', () => {
    it('shows the paragraph verbatim with its citation and page buttons', () => {
      const reply = renderSource(
        { story: 's', paragraph: 1, title: 'Title', text: 'Text.', citation: 's ¶1', paragraphs: 3 },
        null,
      );
      expect(reply.embeds[0]).toMatchObject({
        title: 'Title',
        description: 'Text.',
        footer: { text: 's ¶1 · paragraph 1 of 3' },
      });
      expect(reply.components[0]!.components).toMatchObject([
        { custom_id: 'nav:s:0', disabled: true },
        { custom_id: 'nav:s:2', disabled: false },
      ]);
    });

    it('fits Discord and escapes the story, for any paragraph', () => {
      fc.assert(
        fc.property(
          hostile,
          hostile,
          storyId,
          url,
          fc.integer({ min: 1, max: 500 }),
          fc.integer({ min: 0, max: 500 }),
          (title, text, id, link, paragraph, extra) => {
            const reply = renderSource(
              {
                story: id,
                paragraph,
                title,
                text,
                citation: `${id} ¶${paragraph}`,
                paragraphs: paragraph + extra,
              },
              link,
            );
            expect(problemsWithMessage(body(reply))).toEqual([]);
            expectNoPings(reply);
          },
        ),
        { numRuns: 150 },
      );
    });
  });

  describe('renderSearch', () => {
    it('fits Discord with ten long hostile results', () => {
      fc.assert(
        fc.property(
          hostile,
          fc.array(fc.tuple(hostile, hostile), { maxLength: 10 }),
          storyId,
          (query, results, id) => {
            const index = indexOf([{ id, title: results[0]?.[0] ?? 'T', url: null }]);
            const reply = renderSearch(index, {
              query,
              results: results.map(([, excerpt], i) => ({
                story: id,
                paragraph: i + 1,
                excerpt,
                score: 1,
                citation: `${id} ¶${i + 1}`,
              })),
            });
            expect(problemsWithMessage(body(reply))).toEqual([]);
            expectNoPings(reply);
            expect(reply.ephemeral).toBe(true);
          },
        ),
        { numRuns: 100 },
      );
    });
  });

  describe('renderStories', () => {
    it('lists as many whole entries as fit and says how many more there are', () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ title: hostile, id: storyId, url, paragraphs: fc.nat(999) }), {
            maxLength: 120,
          }),
          (stories) => {
            const summaries: StorySummary[] = stories.map((s) => ({
              ...s,
              published: '2024-01-01',
              updated: null,
            }));
            const reply = renderStories(summaries);
            expect(problemsWithMessage(body(reply))).toEqual([]);
            expectNoPings(reply);
          },
        ),
        { numRuns: 60 },
      );
    });
  });

  describe('renderHelp', () => {
    it('lists every command it is given', () => {
      const reply = renderHelp([
        { name: 'ask', description: 'Ask' },
        { name: 'help', description: 'Help' },
      ]);
      expect(reply.embeds[0]!.description).toContain('**/ask** — Ask');
      expect(reply.ephemeral).toBe(true);
    });
  });

  describe('storyChoices', () => {
    const stories = (titles: string[]): StorySummary[] =>
      titles.map((title, i) => ({
        id: `story_${i}`,
        title,
        paragraphs: 1,
        url: null,
        published: null,
        updated: null,
      }));

    it('ranks id prefixes, then title words, then anything containing the text', () => {
      const list = stories(['Flood in Carrowburn', 'Story about interest rates', 'Rates rise']);
      expect(storyChoices(list, 'rates').map((c) => c.value)).toEqual(['story_2', 'story_1']);
      expect(storyChoices(list, 'story_0').map((c) => c.value)).toEqual(['story_0']);
      expect(storyChoices(list, 'RROW').map((c) => c.value)).toEqual(['story_0']);
    });

    it('never offers more than 25, with names and values Discord accepts', () => {
      fc.assert(
        fc.property(fc.array(hostile, { maxLength: 80 }), fc.string({ maxLength: 20 }), (titles, typed) => {
          const choices = storyChoices(stories(titles), typed);
          expect(problemsWithChoices({ choices })).toEqual([]);
          expect(choices.length).toBeLessThanOrEqual(25);
        }),
        { numRuns: 100 },
      );
    });
  });

  describe('searchChoices', () => {
    it('offers sentence snippets of at most 100 characters', () => {
      fc.assert(
        fc.property(fc.array(hostile, { maxLength: 40 }), (excerpts) => {
          const choices = searchChoices(
            excerpts.map((excerpt, i) => ({
              story: 's',
              paragraph: i + 1,
              excerpt,
              score: 1,
              citation: `s ¶${i + 1}`,
            })),
          );
          expect(problemsWithChoices({ choices })).toEqual([]);
          for (const choice of choices) expect(choice.name).not.toMatch(/@(everyone|here)/i);
        }),
        { numRuns: 100 },
      );
    });
  });
});
