import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../fakeDiscord/FakeDiscord.js';
import {
  autocomplete,
  buttonPress,
  chatInput,
  GUILD_ID,
  snowflake,
  type FakeUser,
  type OptionValue,
  type Where,
} from '../fakeDiscord/interactions.js';
import { isCallback, messageBody, SEED_ID, startHarness, type Exchange, type Harness } from './harness.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const EPHEMERAL = 64;
const CONTEXT_MENU = 'Verify against stories';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

function where(user?: FakeUser): Where {
  return { user: user ?? h.user(), applicationId: h.fake.applicationId };
}

function command(
  name: string,
  options: Record<string, OptionValue> = {},
  user?: FakeUser,
): Promise<Exchange> {
  return h.run(chatInput(name, options, where(user)));
}

function suggest(name: string, options: Record<string, OptionValue>, focused: string) {
  return h.run(autocomplete(name, options, focused, where()));
}

/** A right-click → Apps → "Verify against stories" on a message, as Discord sends it. */
function verifyMessage(message: Record<string, unknown>, user?: FakeUser): Promise<Exchange> {
  const payload = chatInput(CONTEXT_MENU, {}, where(user));
  const author = user ?? h.user('author');
  const target: Record<string, unknown> = {
    ...h.fake.message({}),
    type: 0,
    author,
    webhook_id: undefined,
    application_id: undefined,
    channel_id: payload.channel_id,
    ...message,
  };
  payload.data = {
    id: snowflake(),
    name: CONTEXT_MENU,
    type: 3,
    target_id: target.id,
    resolved: { messages: { [String(target.id)]: target } },
    guild_id: GUILD_ID,
  };
  return h.run(payload);
}

function firstCallback(exchange: Exchange): RecordedRequest {
  const callback = exchange.requests.find(isCallback);
  if (!callback) throw new Error('no interaction callback');
  return callback;
}

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

describe('/facts, /verify and "Verify against stories" against a local fake Discord', () => {
  describe('/facts', () => {
    it('shows person cards privately: Vitali Klitschko with role Mayor, cited to ¶5', async () => {
      const exchange = await command('facts', { type: 'person' });
      expect(firstCallback(exchange).body).toEqual({
        type: 5,
        data: { flags: EPHEMERAL, allowed_mentions: { parse: [] } },
      });
      const [embed] = finalMessage(exchange).embeds;
      expect(embed.title).toBe('Facts: Person');
      const card = embed.fields.find((field: any) => field.name === 'Person · Vitali Klitschko');
      expect(card).toBeDefined();
      expect(card.value).toContain('**Role:** Mayor');
      expect(card.value).toContain('**Affiliation:** Kyiv');
      expect(card.value).toContain(
        '> Kyiv Mayor Vitali Klitschko confirmed that air defenses intercepted many drones',
      );
      expect(card.value).toContain(`\`${SEED_ID} ¶5\``);
      for (const field of embed.fields) expect(field.name).toMatch(/^Person · /);
      expect(embed.footer.text).toMatch(/^1–4 of 4 facts · evidence quoted word for word/);
      expect(customIds(finalMessage(exchange))).toEqual([]);
    });

    it('finds an entity by another spelling, and gives quantity cards their value, unit and qualifier', async () => {
      const people = finalMessage(await command('facts', { entity: 'Zelensky', type: 'person' }));
      expect(people.embeds[0].fields.map((field: any) => field.name)).toEqual([
        'Person · Volodymyr Zelenskiy',
      ]);
      const numbers = finalMessage(await command('facts', { type: 'quantity', entity: 'civilians' }));
      expect(numbers.embeds[0].fields[0]).toEqual({
        name: 'Quantity · at least 14 civilians',
        value: expect.stringContaining('**Value:** 14 · **Unit:** civilians · **Qualifier:** at least'),
      });
    });

    it('pages through all facts with buttons that carry the filters and turn the page in place', async () => {
      const exchange = await command('facts', { story: SEED_ID });
      const message = finalMessage(exchange);
      expect(message.embeds[0].fields).toHaveLength(8);
      expect(message.embeds[0].footer.text).toMatch(/^1–8 of \d+ facts · page 1 of \d+/);
      expect(customIds(message)).toEqual([`fct:1:*:${SEED_ID}:*`, `fct:2:*:${SEED_ID}:*`]);
      const turned = await h.run(buttonPress(customIds(message)[1]!, h.fake.message(message), where()));
      expect(turned.final.body.type).toBe(7);
      expect(turned.final.body.data.embeds[0].footer.text).toMatch(/^9–16 of \d+ facts · page 2 of \d+/);
      expect(turned.final.body.data.allowed_mentions).toEqual({ parse: [] });
    });

    it('answers with a plain friendly line when no fact matches', async () => {
      const exchange = await command('facts', { entity: 'Angela Merkel' });
      const message = finalMessage(exchange);
      expect(message.embeds ?? []).toEqual([]);
      expect(message.content).toBe(
        'I found no facts matching that. Try another type or name, or `/facts` without filters.',
      );
    });

    it('treats a newsroom-only story as unknown, telling the user alone without deferring', async () => {
      const exchange = await command('facts', { story: 'newsroom_memo' });
      expect(exchange.requests).toHaveLength(1);
      expect(exchange.final.body).toMatchObject({
        type: 4,
        data: { flags: EPHEMERAL, content: expect.stringContaining('there is no story "newsroom\\_memo"') },
      });
    });

    it('suggests at most 25 entity names, best match first, from stories the user may see', async () => {
      const all = await suggest('facts', { entity: '' }, 'entity');
      expect(all.final.body.type).toBe(8);
      const { choices } = all.final.body.data;
      expect(choices.length).toBeGreaterThan(10);
      expect(choices.length).toBeLessThanOrEqual(25);
      expect(choices).toContainEqual({ name: 'Donald Trump · person', value: 'Donald Trump' });
      expect(new Set(choices.map((c: any) => c.value)).size).toBe(choices.length);
      expect(JSON.stringify(choices)).not.toMatch(/editor|embargo|harbour/i);

      const typed = await suggest('facts', { entity: 'kl' }, 'entity');
      expect(typed.final.body.data.choices[0]).toEqual({
        name: 'Vitali Klitschko · person',
        value: 'Vitali Klitschko',
      });

      const people = await suggest('facts', { type: 'person', entity: '' }, 'entity');
      expect(people.final.body.data.choices.map((c: any) => c.value)).toEqual([
        'Donald Trump',
        'Vladimir Putin',
        'Volodymyr Zelenskiy',
        'Vitali Klitschko',
      ]);
    });

    it('suggests stories for the story option like /source, leaving out newsroom-only ones', async () => {
      const exchange = await suggest('facts', { story: '' }, 'story');
      expect(exchange.final.body.data.choices.map((c: any) => c.value)).toEqual([
        SEED_ID,
        'council_budget',
        'marina_long',
      ]);
    });
  });

  describe('/verify', () => {
    it('supports a true restatement, quoting the evidence with its citation, in public', async () => {
      const user = h.user();
      const exchange = await command('verify', { claim: 'At least 14 civilians were injured in Kyiv' }, user);
      expect(firstCallback(exchange).body).toEqual({
        type: 5,
        data: { flags: 0, allowed_mentions: { parse: [] } },
      });
      const message = finalMessage(exchange);
      const [embed] = message.embeds;
      expect(embed.title).toBe('✅ Supported by the stories');
      expect(embed.description).toContain('**Claim:** At least 14 civilians were injured in Kyiv');
      expect(embed.description).toContain(
        '> Overnight, Russia launched an extensive drone strike on Kyiv, injuring at least 14 civilians',
      );
      expect(embed.description).toContain(`\`${SEED_ID} ¶5\``);
      expect(customIds(message)).toEqual([
        expect.stringMatching(new RegExp(`^src:${SEED_ID}:5:[0-9a-z]{7}$`)),
        `del:${user.id}`,
      ]);
    });

    it('says what differs when the stories contradict a claim', async () => {
      const exchange = await command('verify', { claim: '40 civilians were injured in Kyiv' });
      const [embed] = finalMessage(exchange).embeds;
      expect(embed.title).toBe('❌ Contradicted by the stories');
      expect(embed.description).toContain('**What differs:** The story says at least 14, the claim says 40.');
      expect(embed.description).toContain('injuring at least 14 civilians');
      expect(embed.description).toContain(`\`${SEED_ID} ¶5\``);
    });

    it('says plainly when no story bears on a claim, citing nothing', async () => {
      const exchange = await command('verify', { claim: 'Germany sent tanks', hide: true });
      expect(firstCallback(exchange).body.data.flags).toBe(EPHEMERAL);
      const message = finalMessage(exchange);
      const [embed] = message.embeds;
      expect(embed.title).toBe('❔ Not found in the stories');
      expect(embed.description).toContain('No story bears on this claim');
      expect(embed.description).not.toContain('¶');
      expect(customIds(message)).toEqual([]);
    });

    it('pings nobody for an @everyone claim and shows it without the mass mention', async () => {
      const exchange = await command('verify', {
        claim: '@everyone @here 40 civilians were injured in Kyiv <@123456789012345678>',
      });
      const message = finalMessage(exchange);
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(JSON.stringify(exchange.requests.map((r) => r.body))).not.toMatch(/@(everyone|here)/);
      expect(message.embeds[0].description).toContain('\\<@123456789012345678>');
    });

    it('refuses a 6,000-character claim privately, without deferring, within the limits', async () => {
      const exchange = await command('verify', {
        claim: `${'Kyiv was hit by drones overnight. '.repeat(176)}`.slice(0, 6000),
      });
      expect(exchange.requests).toHaveLength(1);
      const { data } = exchange.final.body;
      expect(data.flags).toBe(EPHEMERAL);
      expect(data.content).toMatch(/^Verify: the claim is too long \(\d+ characters, at most 1000\)$/);
      expect(data.content.length).toBeLessThanOrEqual(2000);
    });

    it('keeps a long claim full of markdown within the limits and escaped', async () => {
      const claim =
        `**40** civilians were [injured](https://evil.example) in Kyiv ${'# ~~x~~ ||y|| '.repeat(60)}`.slice(
          0,
          1000,
        );
      const exchange = await command('verify', { claim });
      const [embed] = finalMessage(exchange).embeds;
      expect(embed.description.length).toBeLessThanOrEqual(4096);
      expect(embed.description).toContain(
        '\\*\\*40\\*\\* civilians were \\[injured\\](https://evil.example)',
      );
    });
  });

  describe('"Verify against stories" (message context menu)', () => {
    it('gives the verdict on a message privately, linking to the message', async () => {
      const exchange = await verifyMessage({ content: '40 civilians were injured in Kyiv' });
      expect(firstCallback(exchange).body).toEqual({
        type: 5,
        data: { flags: EPHEMERAL, allowed_mentions: { parse: [] } },
      });
      const message = finalMessage(exchange);
      const [embed] = message.embeds;
      expect(embed.title).toBe('❌ Contradicted by the stories');
      expect(embed.url).toMatch(new RegExp(`^https://discord\\.com/channels/${GUILD_ID}/\\d+/\\d+$`));
      expect(embed.description).toContain('**Message:** 40 civilians were injured in Kyiv');
      expect(embed.description).toContain('the claim says 40');
      expect(embed.description).toContain(`\`${SEED_ID} ¶5\``);
      // Private: no delete button.
      expect(customIds(message)).toEqual([expect.stringMatching(/^src:/)]);
    });

    it('reads past mentions, emoji and mass mentions in the message, and pings nobody', async () => {
      const exchange = await verifyMessage({
        content:
          '@everyone <@123456789012345678> <:kyiv:123456789012345678> At least 14 civilians were injured in Kyiv',
      });
      const message = finalMessage(exchange);
      expect(message.embeds[0].title).toBe('✅ Supported by the stories');
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(JSON.stringify(exchange.requests.map((r) => r.body))).not.toMatch(/@(everyone|here)|<@\d/);
    });

    it('explains that an empty or attachment-only message has no text to check', async () => {
      for (const content of ['', '<@123456789012345678>']) {
        const exchange = await verifyMessage({
          content,
          attachments: [
            {
              id: snowflake(),
              filename: 'photo.png',
              size: 10,
              url: 'https://cdn.example/p.png',
              proxy_url: 'https://cdn.example/p.png',
            },
          ],
        });
        expect(exchange.requests).toHaveLength(1);
        expect(exchange.final.body).toMatchObject({
          type: 4,
          data: { flags: EPHEMERAL, content: expect.stringContaining('That message has no text to check') },
        });
      }
    });

    it('explains that a message too long for one claim cannot be checked', async () => {
      const exchange = await verifyMessage({ content: 'Kyiv was hit by drones overnight. '.repeat(117) });
      expect(exchange.final.body.data.flags).toBe(EPHEMERAL);
      expect(exchange.final.body.data.content).toMatch(/^That message is too long to check as one claim/);
    });
  });

  it('/help lists /facts and /verify', async () => {
    const exchange = await command('help');
    const text = exchange.final.body.data.embeds[0].description;
    for (const name of ['facts', 'verify']) expect(text).toContain(`**/${name}**`);
  });

  // These run last and look at everything the bot sent above.
  describe('every request the bot made', () => {
    it('was accepted by Discord: known routes, bodies within the limits', () => {
      const refused = h.fake.requests
        .filter((r) => r.problems.length > 0)
        .map((r) => `${r.method} ${r.path}: ${r.problems.join('; ')}`);
      expect(refused).toEqual([]);
    });

    it('states allowed_mentions with parse [] on every reply, deferral, edit and update', () => {
      const messages = h.fake.requests.filter((r) => messageBody(r) !== undefined);
      expect(messages.length).toBeGreaterThan(20);
      for (const request of messages) expect(messageBody(request).allowed_mentions).toEqual({ parse: [] });
    });

    it('acknowledged every interaction within 3 seconds', () => {
      const callbacks = h.fake.requests.filter((r) => isCallback(r));
      for (const callback of callbacks) {
        const id = callback.path.split('/')[4]!;
        expect(callback.at - h.fake.sentAt(id)!).toBeLessThan(3000);
      }
    });
  });
});
