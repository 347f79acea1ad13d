import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete, chatInput, fakeUser } from '../fakeDiscord/interactions.js';
import { messageBody, startHarness, type Exchange, type Harness } from '../discord/harness.js';
import { mentionsProblem, unsafeParts } from './hostile.js';
import { from } from './support.js';

/**
 * Crafted input through the fake Discord: every request the bot makes for it must ping
 * nobody, carry no live markup from the input, and pass Discord's limits (the fake refuses
 * what Discord would refuse).
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { COOLDOWN_SECONDS: '0' } });
});

afterAll(async () => {
  await h?.close();
});

const HOSTILE_QUESTION =
  '# @everyone How many <@&234567890123456789> civilians were injured in the Kyiv drone strike? ' +
  '<@123456789012345678> [click me](https://evil.example/login) ```js\nalert(1)\n``` @here ' +
  '@\u200Beveryone @\u2060here \u202Eevil\u202C \u2066x\u2069 ||spoiler|| ~~gone~~';

/** Hostile, but still the Kyiv question: the bot answers them, escaped. */
const ANSWERABLE_HOSTILE = [
  '# How many civilians were **injured** in the Kyiv drone strike? @everyone <@123456789012345678> ||@here||',
  'How many civilians were injured in the [Kyiv](https://evil.example) drone strike? @everyone',
  'How many civilians were ```injured``` in the Kyiv drone strike? \u202Eereh@\u202C @\u200Beveryone',
  '# How many civilians were injured in the Kyiv drone strike \u200B@everyone <@&234567890123456789>',
];

/** Checks every message the bot sent or edited for this interaction. */
function expectSafeExchange(exchange: Exchange, mentionUser?: string): void {
  expect(exchange.requests.length).toBeGreaterThan(0);
  for (const request of exchange.requests) {
    expect(request.problems, `${request.method} ${request.path}`).toEqual([]);
    expect(request.status).toBeLessThan(300);
    const body = messageBody(request);
    if (!body) continue;
    expect(mentionsProblem(body.allowed_mentions, mentionUser)).toBeNull();
    expect(unsafeParts(body, mentionUser)).toEqual([]);
  }
}

describe('abuse through the fake Discord', () => {
  it('answers questions wrapped in mentions, masked links, headings, fences and invisible characters, escaped and pinging nobody', async () => {
    for (const question of ANSWERABLE_HOSTILE) {
      const exchange = await h.run(chatInput('ask', { question }, from(h)));
      expectSafeExchange(exchange);
      const body = messageBody(exchange.final);
      expect(JSON.stringify(body), question).toContain('at least 14 civilians');
      expect(body.embeds[0].title).not.toMatch(/[\u200C-\u200F\u202A-\u202E\u2066-\u2069]/);
    }
  });

  it('keeps a question drowned in markup escaped whatever the answer', async () => {
    const exchange = await h.run(chatInput('ask', { question: HOSTILE_QUESTION }, from(h)));
    expectSafeExchange(exchange);
  });

  it('declines a hostile question the stories do not answer, escaped and pinging nobody', async () => {
    const question =
      '@everyone what did <@123456789012345678> say about the Zorblax treaty on Neptune? # ``` \u202E';
    const exchange = await h.run(chatInput('ask', { question }, from(h)));
    expectSafeExchange(exchange);
    expect(messageBody(exchange.final).content).toMatch(/^I found nothing in the stories/);
  });

  it('lets a hostile /ask ping only the user named in its mention option', async () => {
    const named = fakeUser('named');
    const exchange = await h.run(
      chatInput('ask', { question: ANSWERABLE_HOSTILE[0]!, mention: { user: named } }, from(h)),
    );
    expectSafeExchange(exchange, named.id);
    expect(messageBody(exchange.final).allowed_mentions).toEqual({ parse: [], users: [named.id] });
  });

  it('refuses 6,000-character options privately, with a short reason within the limits', async () => {
    const huge = (HOSTILE_QUESTION + ' ').repeat(40).slice(0, 6000);
    for (const payload of [
      chatInput('ask', { question: huge }, from(h)),
      chatInput('search', { query: huge }, from(h)),
      chatInput('ask', { question: 'How many were injured?', story: huge }, from(h)),
      chatInput('source', { story: huge, paragraph: 1 }, from(h)),
    ]) {
      const exchange = await h.run(payload);
      expectSafeExchange(exchange);
      const body = messageBody(exchange.final);
      expect(body.flags).toBe(64);
      expect(body.content.length).toBeLessThan(300);
    }
  });

  it('suggests valid choices for a 6,000-character hostile autocomplete value', async () => {
    const huge = HOSTILE_QUESTION.repeat(30).slice(0, 6000);
    for (const [command, option] of [
      ['ask', 'story'],
      ['search', 'query'],
      ['source', 'story'],
    ] as const) {
      const exchange = await h.run(autocomplete(command, { [option]: huge }, option, from(h)));
      expect(exchange.final.problems).toEqual([]);
      expect(exchange.final.body.type).toBe(8);
    }
  });

  it('shows a story file full of markup and mentions escaped in /source, /stories and /search', async () => {
    for (let paragraph = 1; paragraph <= 5; paragraph++) {
      expectSafeExchange(await h.run(chatInput('source', { story: 'council_budget', paragraph }, from(h))));
    }
    expectSafeExchange(await h.run(chatInput('stories', {}, from(h))));
    expectSafeExchange(await h.run(chatInput('search', { query: 'parks budget concerts' }, from(h))));
  });
});
