import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../fakeDiscord/FakeDiscord.js';
import {
  autocomplete,
  buttonPress,
  chatInput,
  GUILD_ID,
  MANAGER_PERMISSIONS,
  type FakeUser,
  type OptionValue,
  type SubcommandPath,
} from '../fakeDiscord/interactions.js';
import {
  captureLogs,
  isCallback,
  KYIV_QUESTION,
  messageBody,
  ROOT,
  SEED_ID,
  startHarness,
  type Exchange,
  type Harness,
} from './harness.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Moderator and newsroom operations through the fake Discord: /admin (reload, add, remove,
 * stats, channels), live index swaps, corrections, newsroom-only stories, feedback, audit.
 */

const EPHEMERAL = 64;
const ADMIN_ROLE = '1180000000000000001';
const NEWSROOM_ROLE = '1180000000000000002';
const NEWSROOM_CHANNEL = '1150000000000000009';
const AUDIT_CHANNEL = '1150000000000000010';
const OTHER_CHANNEL = '1150000000000000011';
const MEMO_QUESTION = 'When does the embargo on the harbour report lift?';

const HARBOUR_FIRE = [
  '---',
  'title: Fire at the harbour warehouse',
  'published: 2026-03-14',
  'updated: 2026-03-15',
  '---',
  'A fire destroyed a grain warehouse at the harbour on Tuesday night, the fire brigade said.',
  'Forty firefighters fought the blaze for six hours before bringing it under control.',
].join('\n');

let h: Harness;
let admin: FakeUser;

beforeAll(async () => {
  h = await startHarness({
    env: (fake) => ({
      ADMIN_ROLE_IDS: ADMIN_ROLE,
      NEWSROOM_CHANNEL_IDS: NEWSROOM_CHANNEL,
      NEWSROOM_ROLE_IDS: NEWSROOM_ROLE,
      AUDIT_CHANNEL_ID: AUDIT_CHANNEL,
      ATTACHMENT_HOSTS: `127.0.0.1:${fake.port}`,
      COOLDOWN_SECONDS: '0',
    }),
  });
  admin = h.user('editor');
});

afterAll(async () => {
  await h?.close();
});

interface As {
  user?: FakeUser;
  dm?: boolean;
  roles?: string[];
  permissions?: string;
  channelId?: string;
}

function where({ user, dm, roles, permissions, channelId }: As = {}) {
  return {
    user: user ?? h.user(),
    dm: dm ?? false,
    applicationId: h.fake.applicationId,
    roles,
    permissions,
    channelId,
  };
}

const asAdmin: As = {
  get user() {
    return admin;
  },
  roles: [ADMIN_ROLE],
};

function command(name: string, options: Record<string, OptionValue> = {}, as?: As, timeoutMs?: number) {
  return h.run(chatInput(name, options, where(as)), timeoutMs);
}

function adminCommand(path: SubcommandPath, options: Record<string, OptionValue> = {}, as: As = asAdmin) {
  return h.run(chatInput('admin', options, where(as), path), 10_000);
}

function suggest(
  name: string,
  options: Record<string, OptionValue>,
  focused: string,
  as?: As,
  path?: SubcommandPath,
) {
  return h.run(autocomplete(name, options, focused, where(as), path));
}

function press(
  customId: string,
  message: Record<string, unknown> = h.fake.message({ content: 'x' }),
  as?: As,
) {
  return h.run(buttonPress(customId, message, where(as)), 10_000);
}

function finalMessage(exchange: Exchange): any {
  const body = messageBody(exchange.final);
  if (!body) throw new Error(`no message in ${exchange.final.method} ${exchange.final.path}`);
  return body;
}

/** What the user reads: content and embed text, markdown escapes removed. */
function text(exchange: Exchange): string {
  const message = finalMessage(exchange);
  const parts = [message.content ?? ''];
  for (const embed of message.embeds ?? []) {
    parts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.filter(Boolean).join('\n').replace(/\\(.)/g, '$1');
}

function customIds(message: any): string[] {
  return (message.components ?? []).flatMap((row: any) => row.components.map((b: any) => b.custom_id));
}

/** Every file in the story folder with a hash of its bytes. */
function folderState(): string[] {
  return readdirSync(h.storyDir)
    .sort()
    .map(
      (name) =>
        `${name}:${createHash('sha256')
          .update(readFileSync(join(h.storyDir, name)))
          .digest('hex')}`,
    );
}

function auditMessage(match: (content: string) => boolean): Promise<RecordedRequest> {
  return h.fake.waitForRequest(
    (r) => r.path === `/api/v10/channels/${AUDIT_CHANNEL}/messages` && match(String(r.body?.content ?? '')),
  );
}

function upload(
  name: string,
  bytes: string | Uint8Array,
  options?: Parameters<Harness['fake']['serveAttachment']>[2],
) {
  return { attachment: h.fake.serveAttachment(name, bytes, options) };
}

describe('/admin through the fake Discord', () => {
  it('is registered for servers only, hidden from members without Manage Server', async () => {
    const { loadCommands } = await import('../../src/discord/loadCommands.js');
    const loaded = await loadCommands(captureLogs([]));
    const json = loaded.definitions.find((d) => d.name === 'admin') as any;
    expect(json.default_member_permissions).toBe('32');
    expect(json.contexts).toEqual([0]);
    expect(json.options.map((o: any) => o.name)).toEqual(['reload', 'add', 'remove', 'stats', 'channels']);
  });

  describe('a member who is not an admin', () => {
    it('is refused with a clear private message, and nothing changes', async () => {
      const before = folderState();
      const downloads = h.fake.attachmentDownloads.length;
      const attempts: [SubcommandPath, Record<string, OptionValue>][] = [
        [{ subcommand: 'add' }, { file: upload('sneaky.txt', 'A sneaky story about nothing at all.') }],
        [{ subcommand: 'reload' }, {}],
        [{ subcommand: 'remove' }, { story: SEED_ID }],
        [{ subcommand: 'stats' }, {}],
        [{ group: 'channels', subcommand: 'add' }, { channel: { channel: { id: OTHER_CHANNEL } } }],
      ];
      // Manage Server is not enough once ADMIN_ROLE_IDS names the admins.
      for (const as of [{}, { permissions: MANAGER_PERMISSIONS }, { roles: [NEWSROOM_ROLE] }]) {
        for (const [path, options] of attempts) {
          const exchange = await adminCommand(path, options, as);
          expect(exchange.requests).toHaveLength(1);
          expect(exchange.final.body).toMatchObject({
            type: 4,
            data: { flags: EPHEMERAL, allowed_mentions: { parse: [] } },
          });
          expect(text(exchange)).toMatch(
            /^Only this server's admins can use \/admin .*Nothing was changed\.$/,
          );
        }
      }
      expect(folderState()).toEqual(before);
      expect(h.fake.attachmentDownloads.length).toBe(downloads);
      const settings = join(h.config.dataDir, 'settings.json');
      expect(existsSync(settings) ? readFileSync(settings, 'utf8') : '').not.toContain(OTHER_CHANNEL);
      // An ordinary member can still use the bot.
      const answer = await command('ask', { question: KYIV_QUESTION });
      expect(text(answer)).toContain('at least 14 civilians');
    });

    it('leaves a refused entry in the audit trail: a log line and a message that pings nobody', async () => {
      const user = h.user('curious');
      await adminCommand({ subcommand: 'reload' }, {}, { user });
      const posted = await auditMessage((content) => content.includes(user.id));
      expect(posted.body).toEqual({
        content: expect.stringMatching(/^⛔ <@\d+> in <#\d+> · `\/admin reload` · refused: not an admin$/),
        allowed_mentions: { parse: [] },
      });
      expect(posted.headers.authorization).toBe(`Bot ${h.fake.token}`);
      expect(h.logs).toContainEqual(
        expect.objectContaining({
          audit: true,
          action: 'reload',
          outcome: 'refused',
          user: user.id,
          guild: GUILD_ID,
        }),
      );
    });

    it('gets no story suggestions from /admin remove', async () => {
      const exchange = await suggest('admin', { story: '' }, 'story', {}, { subcommand: 'remove' });
      expect(exchange.final.body.data.choices).toEqual([]);
    });
  });

  describe('an admin', () => {
    it('adds a story from an attachment, and a question about it is answered at once', async () => {
      const exchange = await adminCommand(
        { subcommand: 'add' },
        { file: upload('harbour_fire.md', HARBOUR_FIRE, { contentType: 'text/markdown' }) },
      );
      expect(exchange.requests.find(isCallback)!.body.data.flags).toBe(EPHEMERAL);
      expect(text(exchange)).toMatch(
        /^Story added — served now\n`harbour_fire` — \*\*Fire at the harbour warehouse\*\*\n2 paragraphs/,
      );
      expect(readFileSync(join(h.storyDir, 'harbour_fire.md'), 'utf8')).toBe(HARBOUR_FIRE);

      const answer = await command('ask', { question: 'How many firefighters fought the harbour blaze?' });
      const [embed] = finalMessage(answer).embeds;
      expect(embed.description).toContain('Forty firefighters fought the blaze');
      expect(embed.fields[0].value).toContain('`harbour_fire ¶2`');
      expect(embed.footer.text).toMatch(/quoted word for word from the story as of 2026-03-15$/);

      const posted = await auditMessage((content) => content.includes('added story harbour\\_fire'));
      expect(posted.body.content).toMatch(
        /^🛠️ <@\d+> in <#\d+> · `\/admin add` · done: added story harbour\\_fire \(2 paragraphs\)$/,
      );
      expect(h.logs).toContainEqual(
        expect.objectContaining({
          audit: true,
          action: 'add',
          outcome: 'done',
          story: 'harbour_fire',
          user: admin.id,
        }),
      );
    });

    it('refuses invalid uploads with the reason, leaving the story folder unchanged', async () => {
      const before = folderState();
      const logsBefore = h.logs.length;
      const big = 'A paragraph that is long enough to fill a big file. '.repeat(25_000);
      const cases: [string, Record<string, OptionValue>, RegExp][] = [
        [
          'too big',
          { file: upload('big.txt', big) },
          /^Upload: the file is \d+ KB; stories are at most 1024 KB$/,
        ],
        [
          'too big, though its size says small',
          { file: upload('liar.txt', big, { size: 100 }) },
          /^Upload: the file is (over )?\d+ KB; stories are at most 1024 KB$/,
        ],
        [
          'binary',
          { file: upload('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49])) },
          /^Upload: refused because it looks like a binary file \(it contains NUL bytes\)$/,
        ],
        [
          'not UTF-8',
          { file: upload('latin.txt', Buffer.from('Caf\xe9 au lait on the harbour.', 'latin1')) },
          /not valid UTF-8/,
        ],
        [
          'bad front matter',
          { file: upload('bad_meta.md', '---\ntitle: Leak\nvisibility: secret\n---\nSome text.') },
          /^Upload: refused because .*visibility "secret" \(expected public or internal\)$/,
        ],
        [
          'a ../ name',
          { file: upload('../../escape.txt', 'Escaping the folder.') },
          /^Upload: refused because the file name "\.\.\/\.\.\/escape\.txt" contains a path$/,
        ],
        ['a ..\\ name', { file: upload('..\\escape.txt', 'Escaping the folder.') }, /contains a path$/],
        ['no usable id', { file: upload('...txt', 'Dots.') }, /does not give a usable story id$/],
        ['not .txt or .md', { file: upload('story.pdf', 'Some text.') }, /is not a \.txt or \.md file$/],
        [
          'a duplicate id',
          { file: upload(`${SEED_ID}.txt`, 'A second story with the seed id.') },
          new RegExp(
            `^Upload: a story with the id "${SEED_ID}" already exists \\(use replace to correct it\\)$`,
          ),
        ],
        [
          'a host not allowed',
          { file: upload('remote.txt', 'Remote text.', { url: 'https://files.example.com/remote.txt' }) },
          /^Upload: refused because it is not hosted on an allowed host \(127\.0\.0\.1:\d+\), but on files\.example\.com$/,
        ],
        [
          "Discord's CDN when the operator allowed only the test host",
          {
            file: upload('cdn.txt', 'CDN text.', {
              url: 'https://cdn.discordapp.com/attachments/1/2/cdn.txt',
            }),
          },
          /not hosted on an allowed host .* but on cdn\.discordapp\.com$/,
        ],
      ];
      for (const [why, options, reason] of cases) {
        const exchange = await adminCommand({ subcommand: 'add' }, options);
        const message = finalMessage(exchange);
        expect(message.allowed_mentions, why).toEqual({ parse: [] });
        expect(message.embeds ?? [], why).toEqual([]);
        expect(text(exchange), why).toMatch(reason);
      }
      expect(folderState()).toEqual(before);
      expect(
        h.fake.attachmentDownloads.some((r) => r.path.includes('big.txt') || r.path.includes('escape')),
      ).toBe(false);
      // The audit line follows the reply.
      await expect
        .poll(() =>
          h.logs
            .slice(logsBefore)
            .filter((l) => l.audit === true && l.action === 'add')
            .map((l) => l.outcome),
        )
        .toEqual(cases.map(() => 'refused'));
    });

    it('answers 200 questions that arrive while a reload runs, all of them', async () => {
      writeFileSync(
        join(h.storyDir, 'ferry_strike.txt'),
        'Ferry crews walked out on Monday over pay, the union said.\n',
      );
      const questions = Array.from({ length: 200 }, () =>
        chatInput('ask', { question: KYIV_QUESTION }, where()),
      );
      const first = questions.slice(0, 100).map((payload) => h.run(payload, 60_000));
      const reload = adminCommand({ subcommand: 'reload' });
      const rest = questions.slice(100).map((payload) => h.run(payload, 60_000));
      const [reloaded, ...answers] = await Promise.all([reload, ...first, ...rest]);
      expect(text(reloaded!)).toMatch(/^Stories reloaded\nAdded: ferry_strike\n/);
      expect(answers).toHaveLength(200);
      for (const answer of answers) {
        expect(answer.requests.every((r) => r.status < 400)).toBe(true);
        expect(finalMessage(answer).embeds[0].description).toContain('at least 14 civilians');
      }
      const after = await command('ask', { question: 'Why did the ferry crews walk out?' });
      expect(finalMessage(after).embeds[0].fields[0].value).toContain('`ferry_strike ¶1`');
    }, 90_000);

    it('reloads with a diff of the stories added, removed and paragraphs changed', async () => {
      writeFileSync(
        join(h.storyDir, 'ferry_strike.txt'),
        'Ferry crews walked out on Tuesday over pay, the union said.\nTalks resume Friday.\n',
      );
      const exchange = await adminCommand({ subcommand: 'reload' });
      expect(text(exchange)).toMatch(
        /^Stories reloaded\nChanged: ferry_strike ¶1, ¶2 \(1 → 2 paragraphs\)\n/,
      );
      const again = await adminCommand({ subcommand: 'reload' });
      expect(text(again)).toMatch(/^Stories reloaded\nNo change: the stories are the same as before\./);
      await auditMessage((content) => content.includes('`/admin reload` · done: Changed: ferry\\_strike'));
    });

    it('removes a story only after confirming, and only as an admin', async () => {
      const ask = await adminCommand({ subcommand: 'remove' }, { story: 'ferry_strike' });
      const confirm = finalMessage(ask);
      expect(confirm.flags).toBe(EPHEMERAL);
      expect(text(ask)).toMatch(/^Remove `ferry_strike` — .*\? Its file is deleted/);
      expect(customIds(confirm)).toEqual(['adm:rm:ferry_strike', 'adm:keep:ferry_strike']);
      expect(existsSync(join(h.storyDir, 'ferry_strike.txt'))).toBe(true);

      const stranger = await press('adm:rm:ferry_strike', h.fake.message(confirm), {
        permissions: MANAGER_PERMISSIONS,
      });
      expect(text(stranger)).toMatch(/^Only this server's admins/);
      expect(existsSync(join(h.storyDir, 'ferry_strike.txt'))).toBe(true);

      const kept = await press('adm:keep:ferry_strike', h.fake.message(confirm), asAdmin);
      expect(kept.final.body.type).toBe(7);
      expect(text(kept)).toBe('Kept `ferry_strike`; nothing was removed.');
      expect(existsSync(join(h.storyDir, 'ferry_strike.txt'))).toBe(true);

      const removed = await press('adm:rm:ferry_strike', h.fake.message(confirm), asAdmin);
      expect(removed.requests.map((r) => (isCallback(r) ? r.body.type : r.method))).toEqual([6, 'PATCH']);
      expect(text(removed)).toMatch(
        /^Removed `ferry_strike`; it is no longer served\.\nRemoved: ferry_strike$/,
      );
      expect(customIds(finalMessage(removed))).toEqual([]);
      expect(existsSync(join(h.storyDir, 'ferry_strike.txt'))).toBe(false);
      const gone = await command('source', { story: 'ferry_strike', paragraph: 1 });
      expect(text(gone)).toContain('there is no story "ferry_strike"');
      await auditMessage((content) => content.includes('done: removed story ferry\\_strike'));
    });

    it('suggests every story for /admin remove, newsroom-only ones too', async () => {
      const exchange = await suggest('admin', { story: 'news' }, 'story', asAdmin, { subcommand: 'remove' });
      expect(exchange.final.body.data.choices.map((c: any) => c.value)).toEqual(['newsroom_memo']);
    });

    it('sees stories, questions answered and declined, and feedback in /admin stats', async () => {
      const declined = 'What did the aliens say about the lighthouse?';
      await command('ask', { question: declined });
      const answer = await command('ask', { question: KYIV_QUESTION });
      const [, up] = customIds(finalMessage(answer));
      const voted = await press(up!, h.fake.message(finalMessage(answer)));
      expect(voted.final.body).toMatchObject({
        type: 4,
        data: { flags: EPHEMERAL, content: 'Thanks — glad the answer helped.' },
      });
      const stats = await adminCommand({ subcommand: 'stats' });
      const shown = text(stats);
      expect(shown).toMatch(/Stories\n5 \(1 newsroom only\) · \d+ paragraphs/);
      expect(shown).toMatch(/Questions\n2\d\d answered · [1-9]\d* declined/);
      expect(shown).toContain(`• ${declined} — `);
      expect(shown).toMatch(/Feedback\n👍 [1-9]\d* · 👎 0/);
    });
  });

  describe('channels', () => {
    it('restricts the bot to listed channels: elsewhere a polite private refusal; the setting and feedback survive a restart', async () => {
      const set = await adminCommand(
        { group: 'channels', subcommand: 'add' },
        { channel: { channel: { id: NEWSROOM_CHANNEL } } },
      );
      expect(text(set)).toBe(
        `Added <#${NEWSROOM_CHANNEL}>.\nThe bot answers only in <#${NEWSROOM_CHANNEL}>.\n\`/admin\` itself works everywhere.`,
      );
      try {
        const refused = await command('ask', { question: KYIV_QUESTION });
        expect(refused.requests).toHaveLength(1);
        expect(refused.final.body).toMatchObject({
          type: 4,
          data: { flags: EPHEMERAL, allowed_mentions: { parse: [] } },
        });
        expect(refused.final.body.data.content).toBe(
          `Sorry, I don't answer in this channel — this server's moderators set me up for <#${NEWSROOM_CHANNEL}>. Please ask there.`,
        );
        const none = await suggest('ask', { question: 'x', story: '' }, 'story');
        expect(none.final.body.data.choices).toEqual([]);
        const there = await command('ask', { question: KYIV_QUESTION }, { channelId: NEWSROOM_CHANNEL });
        expect(text(there)).toContain('at least 14 civilians');
        const down = customIds(finalMessage(there))[2]!;
        await press(down, h.fake.message(finalMessage(there)), { channelId: NEWSROOM_CHANNEL });
        const dm = await command('ask', { question: KYIV_QUESTION }, { dm: true });
        expect(text(dm)).toContain('at least 14 civilians');

        // An old question stored long ago is dropped when the bot starts (retention 90 days).
        const statsFile = join(h.config.dataDir, 'stats.json');
        await h.restart();
        const stored = JSON.parse(readFileSync(statsFile, 'utf8'));
        stored.declinedQuestions.unshift({
          guild: GUILD_ID,
          question: 'A question from long ago',
          at: '2020-01-01T00:00:00.000Z',
        });
        writeFileSync(statsFile, JSON.stringify(stored));
        await h.restart();
        expect(JSON.parse(readFileSync(statsFile, 'utf8')).declinedQuestions).not.toContainEqual(
          expect.objectContaining({ question: 'A question from long ago' }),
        );

        const still = await command('search', { query: 'drone' });
        expect(still.final.body.data.content).toMatch(/^Sorry, I don't answer in this channel/);
        const list = await adminCommand({ group: 'channels', subcommand: 'list' });
        expect(text(list)).toBe(
          `The bot answers only in <#${NEWSROOM_CHANNEL}>.\n\`/admin\` itself works everywhere.`,
        );
        const stats = await adminCommand({ subcommand: 'stats' });
        expect(text(stats)).toMatch(/Feedback\n👍 [1-9]\d* · 👎 1/);
        expect(text(stats)).toContain(`${SEED_ID} ¶5\` 👎 1`);
      } finally {
        const cleared = await adminCommand({ group: 'channels', subcommand: 'clear' });
        expect(text(cleared)).toBe('Cleared the list.\nThe bot answers in every channel (no restriction).');
      }
      const open = await command('ask', { question: KYIV_QUESTION });
      expect(text(open)).toContain('at least 14 civilians');
    });
  });

  describe('newsroom-only stories', () => {
    const outside: [string, As][] = [
      ['an ordinary channel', {}],
      ['DMs', { dm: true }],
      ['DMs, even for a newsroom member', { dm: true, roles: [NEWSROOM_ROLE] }],
      ['an admin outside the newsroom', { roles: [ADMIN_ROLE] }],
    ];

    it.each(outside)(
      'do not exist in %s: ask, search, source, stories, autocomplete, buttons',
      async (_where, as) => {
        const asked = await command('ask', { question: MEMO_QUESTION }, as);
        expect(JSON.stringify(finalMessage(asked))).not.toMatch(/newsroom_memo|noon on Friday/);
        const searched = await command('search', { query: 'embargo harbour report' }, as);
        expect(JSON.stringify(finalMessage(searched))).not.toMatch(/newsroom_memo|noon on Friday/);
        const source = await command('source', { story: 'newsroom_memo', paragraph: 1 }, as);
        expect(text(source)).toContain('there is no story "newsroom_memo"');
        const limited = await command('ask', { question: MEMO_QUESTION, story: 'newsroom_memo' }, as);
        expect(text(limited)).toContain('there is no story "newsroom_memo"');
        const stories = await command('stories', {}, as);
        expect(text(stories)).not.toContain('newsroom_memo');
        for (const [name, options, focused] of [
          ['ask', { question: 'x', story: 'news' }, 'story'],
          ['source', { story: 'newsroom' }, 'story'],
          ['search', { query: 'embargo' }, 'query'],
        ] as const) {
          const suggested = await suggest(name, options, focused, as);
          expect(JSON.stringify(suggested.final.body.data.choices)).not.toMatch(
            /newsroom_memo|noon on Friday/,
          );
        }
        for (const id of ['src:newsroom_memo:1', 'nav:newsroom_memo:1', 'fb:up:newsroom_memo:1']) {
          const pressed = await press(id, undefined, as);
          expect(text(pressed)).toContain('there is no story "newsroom_memo"');
        }
      },
    );

    it.each([
      ['a newsroom channel', { channelId: NEWSROOM_CHANNEL }],
      ['a member with a newsroom role', { roles: [NEWSROOM_ROLE] }],
    ] as [string, As][])('are served in %s', async (_where, as) => {
      const asked = await command('ask', { question: MEMO_QUESTION }, as);
      expect(finalMessage(asked).embeds[0].description).toContain('noon on Friday');
      expect(finalMessage(asked).embeds[0].fields[0].value).toContain('`newsroom_memo ¶1`');
      const [show] = customIds(finalMessage(asked));
      const shown = await press(show!, h.fake.message(finalMessage(asked)), as);
      expect(text(shown)).toContain('noon on Friday');
      const suggested = await suggest('source', { story: 'newsroom' }, 'story', as);
      expect(suggested.final.body.data.choices.map((c: any) => c.value)).toEqual(['newsroom_memo']);
      const stories = await command('stories', {}, as);
      expect(text(stories)).toContain('newsroom_memo');
    });
  });

  describe('corrections', () => {
    it('an old button says the paragraph changed; /source marks it corrected; the diff lists it', async () => {
      const answer = await command('ask', { question: KYIV_QUESTION });
      const oldMessage = h.fake.message(finalMessage(answer));
      const [oldButton] = customIds(finalMessage(answer));
      expect(oldButton).toMatch(new RegExp(`^src:${SEED_ID}:5:[0-9a-z]{7}$`));

      const original = readFileSync(join(ROOT, 'seeds', `${SEED_ID}.txt`), 'utf8');
      const corrected = original.replace(
        'A 16-story residential building',
        'A 17-story residential building',
      );
      expect(corrected).not.toBe(original);
      const exchange = await adminCommand(
        { subcommand: 'add' },
        { file: upload(`${SEED_ID}.txt`, corrected), replace: true },
      );
      expect(text(exchange)).toMatch(
        new RegExp(`^Story corrected — served now\\n[^]*Changed: ${SEED_ID} ¶5`),
      );

      const pressed = await press(oldButton!, oldMessage);
      expect(pressed.final.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
      expect(text(pressed)).toBe(
        `This paragraph has changed since this answer was given (the story was corrected). See the current text with /source story:${SEED_ID} paragraph:5.`,
      );

      const source = await command('source', { story: SEED_ID, paragraph: 5 });
      expect(finalMessage(source).embeds[0].description).toContain('A 17-story residential building');
      expect(finalMessage(source).embeds[0].footer.text).toMatch(
        new RegExp(
          `^${SEED_ID} ¶5 · paragraph 5 of 9 · ✏️ corrected \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC$`,
        ),
      );
      const untouched = await command('source', { story: SEED_ID, paragraph: 4 });
      expect(finalMessage(untouched).embeds[0].footer.text).toBe(`${SEED_ID} ¶4 · paragraph 4 of 9`);

      const fresh = await command('ask', { question: KYIV_QUESTION });
      const [newButton] = customIds(finalMessage(fresh));
      expect(newButton).not.toBe(oldButton);
      const shown = await press(newButton!, h.fake.message(finalMessage(fresh)));
      expect(text(shown)).toContain('A 17-story residential building');

      // The correction mark survives a restart.
      await h.restart();
      const after = await command('source', { story: SEED_ID, paragraph: 5 });
      expect(finalMessage(after).embeds[0].footer.text).toContain('✏️ corrected');
    });
  });

  describe('leaving a server', () => {
    it("deletes the server's settings, feedback and stats, but not for an outage", async () => {
      await adminCommand(
        { group: 'channels', subcommand: 'add' },
        { channel: { channel: { id: OTHER_CHANNEL } } },
      );
      await adminCommand({ group: 'channels', subcommand: 'clear' });
      const read = (name: string) => readFileSync(join(h.config.dataDir, name), 'utf8');
      expect(read('stats.json')).toContain(GUILD_ID);
      expect(read('feedback.json')).toContain(GUILD_ID);
      expect(read('settings.json')).toContain(GUILD_ID);

      h.fake.dispatchEvent('GUILD_DELETE', { id: GUILD_ID, unavailable: true });
      await command('help');
      expect(read('stats.json')).toContain(GUILD_ID);

      h.fake.dispatchEvent('GUILD_DELETE', { id: GUILD_ID });
      await expect
        .poll(() => h.logs.some((l) => l.guild === GUILD_ID && String(l.msg).startsWith('left a server')))
        .toBe(true);
      for (const name of ['stats.json', 'feedback.json', 'settings.json'])
        expect(read(name)).not.toContain(GUILD_ID);
    });
  });

  describe('every request the bot made', () => {
    it('was accepted by Discord and pinged nobody', () => {
      const refused = h.fake.requests
        .filter((r) => r.problems.length > 0)
        .map((r) => `${r.method} ${r.path}: ${r.problems.join('; ')}`);
      expect(refused).toEqual([]);
      for (const request of h.fake.requests.filter(
        (r) => messageBody(r) !== undefined || r.path.includes('/channels/'),
      )) {
        expect((messageBody(request) ?? request.body).allowed_mentions).toEqual({ parse: [] });
      }
    });
  });
});

describe('/admin without ADMIN_USER_IDS or ADMIN_ROLE_IDS', () => {
  let plain: Harness;
  beforeAll(async () => {
    plain = await startHarness({ env: { COOLDOWN_SECONDS: '0' } });
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('lets members with Manage Server in, and nobody else', async () => {
    const run = (permissions?: string) =>
      plain.run(
        chatInput(
          'admin',
          {},
          {
            user: plain.user(),
            applicationId: plain.fake.applicationId,
            ...(permissions && { permissions }),
          },
          { subcommand: 'stats' },
        ),
      );
    const member = await run();
    expect(member.final.body.data.content).toMatch(/^Only this server's admins/);
    const manager = await run(MANAGER_PERMISSIONS);
    expect(manager.final.body.data.embeds[0].title).toBe('newsdesk in this server');
    // No audit channel configured: nothing is posted anywhere.
    expect(plain.fake.requests.some((r) => r.path.includes('/channels/'))).toBe(false);
  });
});
