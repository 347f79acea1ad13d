import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer/answerQuestion.js';
import type { ExcerptResult } from '../../src/core/answer/types.js';
import type { Story } from '../../src/core/corpus/types.js';
import type { NewsIndex } from '../../src/core/search/buildIndex.js';
import { cleanText, MENTION_BREAK } from '../../src/discord/escape.js';
import {
  renderAnswer,
  renderNotice,
  renderSearch,
  renderSource,
  renderStories,
  searchChoices,
  storyChoices,
} from '../../src/discord/render.js';
import { renderAdded, renderRemoveConfirm, renderStats } from '../../src/discord/renderModeration.js';
import { problemsWithChoices } from '../fakeDiscord/discordLimits.js';
import { asBody, hostileOption, hostileText, mentionsProblem, unsafeParts } from './hostile.js';

/**
 * Property tests over the renderers: whatever users type and whatever story files hold, a
 * reply pings nobody (but the one user named on purpose), keeps no live markup from the
 * text, and stays within Discord's limits (checked by the fake Discord's own rules).
 */

const storyId = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9_-]{0,40}$/);
const snowflake = fc.bigInt({ min: 10n ** 17n, max: 10n ** 19n }).map(String);
const url = fc.option(
  fc.oneof(fc.webUrl(), fc.constantFrom('https://evil.example/a_(b)?c=<d>', 'https://x.example/ path)[y](z')),
  { nil: null },
);

/** Story paragraphs are never blank (the parser drops blank ones). */
const paragraphText = hostileOption.filter((text) => cleanText(text).trim().length > 0);

const story = fc
  .record({
    id: storyId,
    title: hostileText,
    url,
    paragraphs: fc.array(paragraphText, { minLength: 1, maxLength: 4 }),
  })
  .map(({ id, title, url, paragraphs }): Story => ({
    id,
    title: title || 'Untitled',
    url,
    published: null,
    updated: null,
    source: null,
    visibility: 'public',
    paragraphs: paragraphs.map((text, i) => ({ number: i + 1, text, sentences: [] })),
  }));

/** Just enough of an index for the renderers (they look stories up by id). */
function indexOf(stories: readonly Story[]): NewsIndex {
  const unique = [...new Map(stories.map((s) => [s.id, s])).values()];
  return {
    stories: unique,
    storyPositions: new Map(unique.map((s, i) => [s.id, i])),
  } as unknown as NewsIndex;
}

function resultsFor(stories: readonly Story[], count: number): ExcerptResult[] {
  return stories
    .flatMap((s) =>
      s.paragraphs.map((p) => ({
        story: s.id,
        paragraph: p.number,
        excerpt: p.text,
        score: 1,
        citation: `${s.id} ¶${p.number}`,
      })),
    )
    .slice(0, count);
}

function expectSafe(reply: ReturnType<typeof renderNotice>, mentionUser?: string): void {
  const body = asBody(reply);
  expect(unsafeParts(body, mentionUser)).toEqual([]);
  expect(mentionsProblem(body.allowed_mentions, mentionUser)).toBeNull();
}

/** What Discord shows for escaped text. */
function rendered(markdown: string): string {
  return markdown
    .replace(/\\([^A-Za-z0-9\s])/g, '$1')
    .split(MENTION_BREAK)
    .join('');
}

describe('renderers under hostile text (fast-check)', () => {
  it('renderAnswer: hostile questions and stories ping nobody but the named user, stay escaped and within limits', () => {
    fc.assert(
      fc.property(
        hostileOption,
        fc.array(story, { minLength: 1, maxLength: 3 }),
        fc.option(snowflake, { nil: null }),
        fc.boolean(),
        (question, stories, mention, hidden) => {
          const index = indexOf(stories);
          const answer: Answer = {
            query: question,
            answered: true,
            confidence: 0.8,
            results: resultsFor(index.stories, 5),
          };
          const reply = renderAnswer(index, answer, {
            askerId: '123456789012345678',
            hidden,
            mentionId: mention,
          });
          expectSafe(reply, hidden ? undefined : (mention ?? undefined));
          // The question is still readable: what Discord shows is the question itself (cut on a word).
          const title = rendered(reply.embeds[0]!.title ?? '').replace(/…$/, '');
          expect(cleanText(question).replace(/\s+/g, ' ')).toContain(title.replace(/\s+/g, ' ').trim());
        },
      ),
    );
  });

  it('renderAnswer declining: a hostile reason is escaped', () => {
    fc.assert(
      fc.property(hostileOption, hostileOption, (question, reason) => {
        const answer: Answer = {
          query: question,
          answered: false,
          confidence: 0,
          results: [],
          declineReason: reason,
        };
        expectSafe(renderAnswer(indexOf([]), answer, { askerId: '123456789012345678', hidden: false }));
      }),
    );
  });

  it('renderSearch: hostile queries and excerpts stay escaped and within limits', () => {
    fc.assert(
      fc.property(hostileOption, fc.array(story, { minLength: 0, maxLength: 4 }), (query, stories) => {
        const index = indexOf(stories);
        expectSafe(renderSearch(index, { query, results: resultsFor(index.stories, 10) }));
      }),
    );
  });

  it('renderSource, renderStories: hostile titles, urls and paragraphs stay escaped and within limits', () => {
    fc.assert(
      fc.property(fc.array(story, { minLength: 1, maxLength: 40 }), (stories) => {
        const first = stories[0]!;
        const paragraph = first.paragraphs[0]!;
        expectSafe(
          renderSource(
            {
              story: first.id,
              paragraph: 1,
              title: first.title,
              text: paragraph.text,
              citation: `${first.id} ¶1`,
              paragraphs: first.paragraphs.length,
            },
            first.url,
          ),
        );
        expectSafe(
          renderStories(
            stories.map((s) => ({
              id: s.id,
              title: s.title,
              paragraphs: s.paragraphs.length,
              url: s.url,
              published: s.title,
              updated: null,
            })),
          ),
        );
      }),
    );
  });

  it('renderNotice and the /admin views: hostile messages, titles and stored questions stay escaped', () => {
    fc.assert(
      fc.property(
        hostileOption,
        story,
        fc.array(hostileOption, { maxLength: 5 }),
        (message, s, questions) => {
          expectSafe(renderNotice(message));
          expectSafe(renderRemoveConfirm(s));
          expectSafe(
            renderAdded({
              id: s.id,
              title: s.title,
              paragraphs: s.paragraphs.length,
              internal: false,
              replaced: false,
              diff: { added: [s.id], removed: [], changed: [] },
              warnings: [message],
            }),
          );
          expectSafe(
            renderStats({
              indexing: { state: 'ready', phase: 'idle', done: 1, total: 1, facts: { done: 1, total: 1 } },
              stories: 1,
              internal: 0,
              paragraphs: 1,
              served: 0,
              declined: questions.length,
              recentDeclined: questions.map((question) => ({
                guild: '1',
                question,
                at: '2026-01-01T00:00:00.000Z',
              })),
              votes: { up: 0, down: 0 },
              mostDownVoted: [],
            }),
          );
        },
      ),
    );
  });

  it('autocomplete choices: hostile titles and typed text give choices Discord accepts, without mass mentions', () => {
    fc.assert(
      fc.property(fc.array(story, { maxLength: 40 }), hostileOption, (stories, typed) => {
        const summaries = stories.map((s) => ({
          id: s.id,
          title: s.title,
          paragraphs: 1,
          url: null,
          published: null,
          updated: null,
        }));
        for (const choices of [storyChoices(summaries, typed), searchChoices(resultsFor(stories, 30))]) {
          expect(problemsWithChoices({ choices })).toEqual([]);
          for (const choice of choices) expect(choice.name).not.toMatch(/@(everyone|here)/i);
        }
      }),
    );
  });
});

describe('the abuse oracle', () => {
  it('flags raw hostile markup, so the properties above are not vacuous', () => {
    for (const raw of [
      '@everyone',
      'hi @here',
      '<@123456789012345678>',
      '<@&234567890123456789>',
      '[click](https://evil.example)',
      '# Breaking',
      'x\n> quote',
      '```js```',
      '||spoiler||',
      'right\u202Eto left',
      'zero\u200Dwidth',
    ]) {
      expect(unsafeParts({ content: raw }), raw).not.toEqual([]);
    }
    expect(unsafeParts({ content: 'x'.repeat(2001) })).not.toEqual([]);
  });
});
