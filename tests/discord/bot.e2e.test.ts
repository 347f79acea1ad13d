import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../fakeDiscord/FakeDiscord.js';
import {
  autocomplete,
  buttonPress,
  chatInput,
  type FakeUser,
  type OptionValue,
} from '../fakeDiscord/interactions.js';
import {
  isCallback,
  isWebhook,
  KYIV_QUESTION,
  messageBody,
  SEED_ID,
  startHarness,
  type Exchange,
  type Harness,
} from './harness.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const EPHEMERAL = 64;
let h: Harness;
/** Users who were pinged on purpose (the `mention` option), by interaction token. */
const mentionedUsers = new Map<string, string>();

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

interface As {
  user?: FakeUser;
  dm?: boolean;
}

function where({ user, dm }: As = {}) {
  return { user: user ?? h.user(), dm: dm ?? false, applicationId: h.fake.applicationId };
}

function command(name: string, options: Record<string, OptionValue> = {}, as?: As): Promise<Exchange> {
  return h.run(chatInput(name, options, where(as)));
}

function suggest(name: string, options: Record<string, OptionValue>, focused: string, as?: As) {
  return h.run(autocomplete(name, options, focused, where(as)));
}

/** Presses a button on a message the fake Discord returned (or on a minimal one). */
function press(
  customId: string,
  message: Record<string, unknown> = h.fake.message({ content: 'x' }),
  as?: As,
) {
  return h.run(buttonPress(customId, message, where(as)));
}

/** The first acknowledgement of an interaction. */
function firstCallback(exchange: Exchange): RecordedRequest {
  const callback = exchange.requests.find(isCallback);
  if (!callback) throw new Error('no interaction callback');
  return callback;
}

/** The message the user ends up seeing. */
function finalMessage(exchange: Exchange): any {
  const body = messageBody(exchange.final);
  if (!body)
    throw new Error(`the final request carries no message: ${exchange.final.method} ${exchange.final.path}`);
  return body;
}

function customIds(message: any): string[] {
  return (message.components ?? []).flatMap((row: any) =>
    row.components.map((button: any) => button.custom_id),
  );
}

function buttonsOf(message: any): any[] {
  return (message.components ?? []).flatMap((row: any) => row.components);
}

describe('the bot against a local fake Discord', () => {
  describe('login', () => {
    it('reads the gateway URL from GET /gateway/bot under DISCORD_API_BASE, with the bot token', () => {
      const gateway = h.fake.requests.find((r) => r.path === '/api/v10/gateway/bot');
      expect(gateway).toBeDefined();
      expect(gateway!.headers.authorization).toBe(`Bot ${h.fake.token}`);
    });

    it('identifies with the Guilds intent only', () => {
      const identify = h.fake.gatewayFrames.find((frame) => frame.op === 2);
      expect(identify!.d).toMatchObject({ token: h.fake.token, intents: 1 });
    });

    it('sends heartbeats that the gateway acknowledges, and stays connected', async () => {
      h.fake.heartbeatInterval = 150;
      try {
        await h.restart();
        const before = h.fake.gatewayFrames.filter((frame) => frame.op === 1).length;
        await new Promise((resolve) => setTimeout(resolve, 700));
        expect(h.fake.gatewayFrames.filter((frame) => frame.op === 1).length - before).toBeGreaterThanOrEqual(
          2,
        );
        expect(h.fake.connections).toBe(1);
      } finally {
        h.fake.heartbeatInterval = 45_000;
        await h.restart();
      }
    });
  });

  describe('/ask', () => {
    it('quotes the best excerpt with the story title, the ¶ citation and the confidence in words', async () => {
      const user = h.user();
      const exchange = await command('ask', { question: KYIV_QUESTION }, { user });
      expect(firstCallback(exchange).body).toEqual({
        type: 5,
        data: { flags: 0, allowed_mentions: { parse: [] } },
      });
      expect(exchange.final.method).toBe('PATCH');
      expect(exchange.final.path).toMatch(/\/messages\/@original$/);
      const [embed] = finalMessage(exchange).embeds;
      expect(embed.title).toBe(KYIV_QUESTION);
      expect(embed.description).toMatch(/^> .*at least 14 civilians/);
      expect(embed.fields[0]).toEqual({
        name: 'Source',
        value: expect.stringContaining(`\`${SEED_ID} ¶5\``),
      });
      expect(embed.fields[0].value).toMatch(/^\*\*U\.S\. President Donald Trump/);
      expect(embed.footer.text).toMatch(
        /^(High|Medium|Low) confidence · quoted word for word from the story as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/,
      );
      expect(customIds(finalMessage(exchange))).toEqual([
        expect.stringMatching(new RegExp(`^src:${SEED_ID}:5:[0-9a-z]{7}$`)),
        `fb:up:${SEED_ID}:5`,
        `fb:down:${SEED_ID}:5`,
        `del:${user.id}`,
      ]);
    });

    it('keeps the answer private with hide, choosing ephemeral when it defers', async () => {
      const exchange = await command('ask', { question: KYIV_QUESTION, hide: true });
      expect(firstCallback(exchange).body.data.flags).toBe(EPHEMERAL);
      expect(JSON.stringify(finalMessage(exchange))).toContain('at least 14 civilians');
      expect(customIds(finalMessage(exchange))).toEqual([
        expect.stringMatching(new RegExp(`^src:${SEED_ID}:5:[0-9a-z]{7}$`)),
        `fb:up:${SEED_ID}:5`,
        `fb:down:${SEED_ID}:5`,
      ]);
    });

    it('pings the user named in mention, and nobody else', async () => {
      const friend = h.user('friend');
      const payload = chatInput('ask', { question: KYIV_QUESTION, mention: { user: friend } }, where());
      mentionedUsers.set(payload.token, friend.id);
      const exchange = await h.run(payload);
      const message = finalMessage(exchange);
      expect(message.content).toBe(`<@${friend.id}>, the stories say:`);
      expect(message.allowed_mentions).toEqual({ parse: [], users: [friend.id] });
    });

    it('answers an @everyone question that the stories do not cover with a plain decline that pings nobody', async () => {
      const exchange = await command('ask', {
        question: '@everyone what did the aliens say about the moon landing?',
      });
      const message = finalMessage(exchange);
      expect(message.embeds ?? []).toEqual([]);
      expect(message.content).toMatch(/^I found nothing in the stories that answers this.*Try `\/search`/);
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(JSON.stringify(exchange.requests.map((r) => r.body))).not.toMatch(/@(everyone|here)/);
    });

    it('shows an @everyone question it can answer without the mass mention', async () => {
      const exchange = await command('ask', { question: `@everyone @here ${KYIV_QUESTION}` });
      const message = finalMessage(exchange);
      expect(message.embeds[0].description).toContain('at least 14 civilians');
      expect(JSON.stringify(message)).not.toMatch(/@(everyone|here)/);
      expect(message.allowed_mentions).toEqual({ parse: [] });
    });

    it('only looks in the story given', async () => {
      const exchange = await command('ask', { question: KYIV_QUESTION, story: 'council_budget' });
      expect(JSON.stringify(finalMessage(exchange))).not.toContain(SEED_ID);
    });

    it('tells the asker alone, without deferring, that a story does not exist', async () => {
      const exchange = await command('ask', { question: KYIV_QUESTION, story: 'no_such_story' });
      expect(exchange.requests).toHaveLength(1);
      expect(exchange.final.body).toMatchObject({
        type: 4,
        data: { flags: EPHEMERAL, content: expect.stringContaining('there is no story "no\\_such\\_story"') },
      });
    });

    it('links the citation to the story when it has a url, and escapes its title and text', async () => {
      const exchange = await command('ask', { question: 'What would the parks budget fund?' });
      const [embed] = finalMessage(exchange).embeds;
      expect(embed.fields[0].value).toMatch(
        /\[`council_budget ¶\d`\]\(https:\/\/news\.example\.com\/budget_%28final%29\?a=1\)$/,
      );
      expect(embed.fields[0].value).toContain('\\*\\*new\\*\\* budget for \\<@123456789012345678> parks');
      expect(embed.description).toContain('\\[free concerts\\](https://evil.example)');
      expect(JSON.stringify(embed)).not.toMatch(/@(everyone|here)/);
    });

    it('answers in DMs from public stories only', async () => {
      const answered = await command('ask', { question: KYIV_QUESTION }, { dm: true });
      expect(finalMessage(answered).embeds[0].description).toContain('at least 14 civilians');
      for (const dm of [true, false]) {
        const exchange = await command(
          'ask',
          { question: 'When does the embargo on the harbour report lift?' },
          { dm },
        );
        expect(JSON.stringify(finalMessage(exchange))).not.toMatch(/newsroom_memo|noon on Friday/);
      }
    });

    it('suggests stories for the story option, leaving out newsroom-only ones', async () => {
      const all = await suggest('ask', { question: 'x', story: '' }, 'story');
      expect(all.final.body.type).toBe(8);
      expect(all.final.body.data.choices.map((c: any) => c.value)).toEqual([
        SEED_ID,
        'council_budget',
        'marina_long',
      ]);
      const some = await suggest('ask', { question: 'x', story: 'coun' }, 'story', { dm: true });
      expect(some.final.body.data.choices).toEqual([
        { name: expect.stringMatching(/^council_budget — Council approves/), value: 'council_budget' },
      ]);
    });
  });

  describe('buttons', () => {
    async function askedAnswer(user: FakeUser) {
      const exchange = await command('ask', { question: KYIV_QUESTION }, { user });
      return h.fake.message(finalMessage(exchange));
    }

    it('"Show paragraph" shows the cited paragraph privately, and its buttons turn the page in place', async () => {
      const answer = await askedAnswer(h.user());
      const shown = await press(`src:${SEED_ID}:5`, answer);
      expect(shown.final.body.type).toBe(4);
      const message = shown.final.body.data;
      expect(message.flags).toBe(EPHEMERAL);
      expect(message.embeds[0].description).toContain('at least 14 civilians');
      expect(message.embeds[0].footer.text).toBe(`${SEED_ID} ¶5 · paragraph 5 of 9`);
      expect(customIds(message)).toEqual([`nav:${SEED_ID}:4`, `nav:${SEED_ID}:6`]);

      const turned = await press(`nav:${SEED_ID}:6`, h.fake.message(message));
      expect(turned.final.body.type).toBe(7);
      expect(turned.final.body.data.embeds[0].footer.text).toBe(`${SEED_ID} ¶6 · paragraph 6 of 9`);
      expect(turned.final.body.data.allowed_mentions).toEqual({ parse: [] });
    });

    it('keep working after the bot restarts, since their state is in the custom_id', async () => {
      const answer = await askedAnswer(h.user());
      await h.restart();
      const shown = await press(customIds(answer)[0]!, answer);
      expect(shown.final.body.data.embeds[0].footer.text).toBe(`${SEED_ID} ¶5 · paragraph 5 of 9`);
    });

    it('delete a public answer for the asker only', async () => {
      const asker = h.user('asker');
      const answer = await askedAnswer(asker);
      const deleteId = `del:${asker.id}`;

      const stranger = await press(deleteId, answer, { user: h.user('stranger') });
      expect(stranger.final.body).toMatchObject({
        type: 4,
        data: { flags: EPHEMERAL, content: 'Only the person who asked can delete this answer.' },
      });
      expect(stranger.requests.some((r) => r.method === 'DELETE')).toBe(false);

      const own = await press(deleteId, answer, { user: asker });
      expect(
        own.requests.map((r) => [r.method, isCallback(r) ? r.body.type : r.path.split('/').pop()]),
      ).toEqual([
        ['POST', 6],
        ['DELETE', '@original'],
      ]);
    });

    it('explain that an unknown or outdated button no longer works', async () => {
      for (const id of ['zzz:1', `src:${SEED_ID}:x`, 'src:no_such_story:1']) {
        const exchange = await press(id);
        expect(exchange.final.body.data.flags).toBe(EPHEMERAL);
        expect(exchange.final.body.data.content).toMatch(/no longer works|there is no story/);
      }
    });
  });

  describe('/search', () => {
    it('lists ranked cited excerpts privately, with buttons to open their paragraphs', async () => {
      const exchange = await command('search', { query: 'patriot missiles' });
      expect(firstCallback(exchange).body.data.flags).toBe(EPHEMERAL);
      const [embed] = finalMessage(exchange).embeds;
      expect(embed.title).toBe('Search: patriot missiles');
      expect(embed.fields.length).toBeGreaterThan(0);
      expect(embed.fields.length).toBeLessThanOrEqual(10);
      expect(embed.fields[0].value).toMatch(new RegExp(`^\`${SEED_ID} ¶3\` .*Patriot`));
      for (const field of embed.fields) expect(field.value).toMatch(/^(\[)?`[A-Za-z0-9_.-]+ ¶\d+`/);
      expect(customIds(finalMessage(exchange))[0]).toMatch(new RegExp(`^src:${SEED_ID}:3:[0-9a-z]{7}$`));
    });

    it('says so when nothing matches', async () => {
      const exchange = await command('search', { query: 'zebra quantum xylophone' });
      expect(finalMessage(exchange).embeds[0].description).toMatch(/^Nothing in the stories matches/);
    });

    it('suggests up to 25 ranked sentences as the user types', async () => {
      const exchange = await suggest('search', { query: 'drone' }, 'query');
      const { choices } = exchange.final.body.data;
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      expect(choices[0].name.toLowerCase()).toContain('drone');
      for (const choice of choices) {
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
      }
    });

    it('suggests nothing for an empty box or a story still being typed', async () => {
      expect((await suggest('search', { query: '' }, 'query')).final.body.data.choices).toEqual([]);
      expect(
        (await suggest('search', { query: 'drone', story: 'no_su' }, 'query')).final.body.data.choices,
      ).toEqual([]);
    });
  });

  describe('/source', () => {
    it('shows a paragraph word for word, with its citation and previous/next buttons', async () => {
      const exchange = await command('source', { story: SEED_ID, paragraph: 1 });
      expect(exchange.requests).toHaveLength(1);
      const { type, data } = exchange.final.body;
      expect(type).toBe(4);
      expect(data.flags ?? 0).toBe(0);
      expect(data.embeds[0].description).toMatch(/^U\.S\. President Donald Trump has stated/);
      expect(data.embeds[0].footer.text).toBe(`${SEED_ID} ¶1 · paragraph 1 of 9`);
      expect(buttonsOf(data).map((b) => [b.custom_id, b.disabled])).toEqual([
        [`nav:${SEED_ID}:0`, true],
        [`nav:${SEED_ID}:2`, false],
      ]);
    });

    it('tells the user alone that a paragraph does not exist', async () => {
      const exchange = await command('source', { story: SEED_ID, paragraph: 99 });
      expect(exchange.final.body).toMatchObject({
        type: 4,
        data: { flags: EPHEMERAL, content: expect.stringContaining('paragraph 99 does not exist in story') },
      });
    });

    it('treats a newsroom-only story as unknown', async () => {
      const exchange = await command('source', { story: 'newsroom_memo', paragraph: 1 });
      expect(exchange.final.body.data.content).toContain('there is no story "newsroom\\_memo"');
    });

    it('cuts a paragraph longer than an embed allows on a word', async () => {
      const exchange = await command('source', { story: 'marina_long', paragraph: 1 });
      const { description } = exchange.final.body.data.embeds[0];
      expect(description.length).toBeLessThanOrEqual(4096);
      expect(description).toMatch(/[a-z.] ?…$/);
    });

    it('escapes markdown in story text and titles', async () => {
      const exchange = await command('source', { story: 'council_budget', paragraph: 1 });
      const [embed] = exchange.final.body.data.embeds;
      expect(embed.description).toBe(
        '\\# The city council approved a budget of 12 million dollars for parks on Tuesday.',
      );
      expect(embed.title).toBe('Council approves \\*\\*new\\*\\* budget for \\<@123456789012345678> parks');
      expect(embed.url).toBe('https://news.example.com/budget_(final)?a=1');
    });

    it('suggests stories as the user types', async () => {
      const exchange = await suggest('source', { story: 'mari' }, 'story');
      expect(exchange.final.body.data.choices.map((c: any) => c.value)).toEqual(['marina_long']);
    });
  });

  describe('/stories and /help', () => {
    it('/stories lists the public stories privately', async () => {
      const exchange = await command('stories');
      const { data } = exchange.final.body;
      expect(data.flags).toBe(EPHEMERAL);
      const text = data.embeds[0].description;
      for (const id of [SEED_ID, 'council_budget', 'marina_long']) expect(text).toContain(`\`${id}\``);
      expect(text).not.toContain('newsroom_memo');
      expect(data.embeds[0].footer.text).toMatch(/^3 stories/);
    });

    it('/help describes every command', async () => {
      const exchange = await command('help', {}, { dm: true });
      const text = exchange.final.body.data.embeds[0].description;
      for (const name of ['ask', 'search', 'source', 'stories', 'help'])
        expect(text).toContain(`**/${name}**`);
    });
  });

  describe('Discord behaviour', () => {
    it('asks a user who goes too fast to wait, privately, without slowing anyone else', async () => {
      const user = h.user();
      await command('help', {}, { user });
      const second = await command('stories', {}, { user });
      expect(second.final.body).toMatchObject({
        type: 4,
        data: { flags: EPHEMERAL, content: expect.stringMatching(/try again in [1-3] seconds?\.$/) },
      });
      const other = await command('stories');
      expect(other.final.body.data.embeds).toHaveLength(1);
    });

    it('answers an unknown command with a short private message', async () => {
      const exchange = await command('retired');
      expect(exchange.final.body.data).toMatchObject({
        flags: EPHEMERAL,
        content: '/retired is not available right now.',
      });
    });

    it('survives Discord refusing a reply: one log line naming the command, a short private message', async () => {
      const payload = chatInput('ask', { question: KYIV_QUESTION }, where());
      h.fake.callbackFailures.set(payload.id, 400);
      const exchange = await h.run(payload);
      expect(exchange.requests[0]!.status).toBe(400);
      expect(exchange.final.body).toMatchObject({
        type: 4,
        data: {
          flags: EPHEMERAL,
          content: 'Something went wrong while answering. It has been logged; please try again in a moment.',
        },
      });
      const failures = h.logs.filter((line) => line.level >= 50 && line.interaction === payload.id);
      expect(failures).toEqual([expect.objectContaining({ msg: 'command failed', command: 'ask' })]);
      expect(JSON.stringify(h.logs)).not.toContain(payload.token);
      const after = await command('help');
      expect(after.final.status).toBe(204);
    });
  });

  // These run last and look at everything the bot sent above.
  describe('every request the bot made', () => {
    it('was accepted by Discord: known routes, bodies within the limits', () => {
      const refused = h.fake.requests
        .filter((r) => r.problems.length > 0)
        .map((r) => `${r.method} ${r.path}: ${r.problems.join('; ')}`);
      expect(refused).toEqual([]);
    });

    it('states allowed_mentions with parse [] on every reply, deferral, edit and follow-up; users only with mention', () => {
      const messages = h.fake.requests.filter((r) => messageBody(r) !== undefined);
      expect(messages.length).toBeGreaterThan(40);
      for (const request of messages) {
        const token = [...mentionedUsers.keys()].find((t) => request.path.includes(t));
        const expected = token ? { parse: [], users: [mentionedUsers.get(token)] } : { parse: [] };
        const { allowed_mentions } = messageBody(request);
        if (token && isCallback(request)) expect(allowed_mentions).toEqual({ parse: [] });
        else expect(allowed_mentions).toEqual(expected);
      }
    });

    it('acknowledged every interaction within 3 seconds', () => {
      const callbacks = h.fake.requests.filter((r) => isCallback(r));
      expect(callbacks.length).toBeGreaterThan(40);
      for (const callback of callbacks) {
        const id = callback.path.split('/')[4]!;
        expect(callback.at - h.fake.sentAt(id)!).toBeLessThan(3000);
      }
    });

    it('never sent a webhook request before acknowledging its interaction', () => {
      expect(h.fake.requests.filter((r) => isWebhook(r) && r.status === 404)).toEqual([]);
    });
  });
});
