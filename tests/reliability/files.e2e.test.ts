import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STORY_BYTES } from '../../src/store/loadStories.js';
import {
  buttonPress,
  chatInput,
  MANAGER_PERMISSIONS,
  type OptionValue,
  type SubcommandPath,
} from '../fakeDiscord/interactions.js';
import { messageBody, ROOT, SEED_ID, startHarness, type Exchange, type Harness } from '../discord/harness.js';
import { from } from './support.js';

/**
 * Story files and uploads that try to reach outside the story folder, or are not text: path
 * traversal and absolute paths in story ids and upload names, symlinks pointing out, files
 * over the size limit, binary and mixed encodings, duplicate ids. Each is refused with its
 * reason, and nothing outside the folder is read or written.
 */

const SECRET_WORD = 'XYLOPHONEVAULT';
const SECRET = `The ${SECRET_WORD} code is 4242, the treasurer said in a memo.`;
const STORY = 'A ferry strike stopped every crossing to the islands on Monday, the union said.';

let sandbox: string;
let stories: string;
let outside: string;
let h: Harness;

/** Files under a folder with a hash of their bytes (links as links). */
function state(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const link = lstatSync(path);
      if (link.isSymbolicLink()) return `${name} -> link`;
      if (link.isDirectory()) return `${name}/`;
      return `${name}:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    });
}

/** Sets a file's access time two days back: with relatime, any later read moves it to now. */
function ageAccessTime(path: string): void {
  const old = new Date(Date.now() - 2 * 86_400_000);
  utimesSync(path, old, old);
}

const read = (path: string) => statSync(path).atimeMs > Date.now() - 86_400_000;

beforeAll(async () => {
  sandbox = mkdtempSync(join(tmpdir(), 'newsdesk-files-'));
  stories = join(sandbox, 'stories');
  outside = join(sandbox, 'outside');
  mkdirSync(stories);
  mkdirSync(outside);
  copyFileSync(join(ROOT, 'seeds', `${SEED_ID}.txt`), join(stories, `${SEED_ID}.txt`));
  writeFileSync(join(stories, 'dupe.txt'), 'The dupe story is about a bridge closure in the old town.');
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  writeFileSync(join(outside, 'secret2.md'), SECRET);
  writeFileSync(join(outside, 'control.txt'), SECRET);
  // Links out of the folder: relative, absolute, and to a folder.
  symlinkSync('../outside/secret.txt', join(stories, 'leak.txt'));
  symlinkSync(join(outside, 'secret2.md'), join(stories, 'abs_leak.md'));
  symlinkSync('../outside', join(stories, 'dirlink.txt'));
  // Too big, binary, not UTF-8, UTF-16, and a BOM (which is fine).
  writeFileSync(join(stories, 'huge.txt'), Buffer.alloc(MAX_STORY_BYTES + 1, 'a'));
  writeFileSync(
    join(stories, 'binary.txt'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  );
  writeFileSync(
    join(stories, 'latin1.txt'),
    Buffer.from('Caf\xe9 owners in the old town protested on Friday.', 'latin1'),
  );
  writeFileSync(
    join(stories, 'mixed.md'),
    Buffer.concat([
      Buffer.from('The mayor said the plan was “final”. '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(' Then more.'),
    ]),
  );
  writeFileSync(
    join(stories, 'utf16.txt'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A tram derailed near the depot.', 'utf16le')]),
  );
  writeFileSync(
    join(stories, 'bom.txt'),
    Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('---\ntitle: Tram depot reopens\n---\nThe tram depot reopened on Sunday after repairs.'),
    ]),
  );
  for (const name of ['secret.txt', 'secret2.md', 'control.txt']) ageAccessTime(join(outside, name));
  h = await startHarness({
    env: (fake) => ({
      SEEDS_DIR: stories,
      DATA_DIR: join(sandbox, 'data'),
      ATTACHMENT_HOSTS: `127.0.0.1:${fake.port}`,
      COOLDOWN_SECONDS: '0',
    }),
  });
});

afterAll(async () => {
  await h?.close();
  rmSync(sandbox, { recursive: true, force: true });
});

const asAdmin = () => ({ ...from(h), permissions: MANAGER_PERMISSIONS });

function admin(path: SubcommandPath, options: Record<string, OptionValue> = {}): Promise<Exchange> {
  return h.run(chatInput('admin', options, asAdmin(), path), 10_000);
}

function upload(name: string, bytes: string | Uint8Array, options?: { size?: number; chunked?: boolean }) {
  return { attachment: h.fake.serveAttachment(name, bytes, options) };
}

/** What the user reads, markdown escapes removed. */
function text(exchange: Exchange): string {
  const body = messageBody(exchange.final) ?? {};
  const parts = [body.content ?? ''];
  for (const embed of body.embeds ?? []) {
    parts.push(embed.title ?? '', embed.description ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.join('\n').replace(/\\(.)/g, '$1');
}

async function expectNoSecretServed(): Promise<void> {
  const search = await h.run(chatInput('search', { query: `${SECRET_WORD} code treasurer memo` }, from(h)));
  expect(text(search)).not.toContain('4242');
}

describe('story files and uploads', () => {
  it('skips links out of the folder, oversize, binary and mis-encoded files at start, each with its reason', () => {
    const warnings = h.logs.filter((line) => line.level === 40).map((line) => line.msg);
    const reason = (file: string) => warnings.find((w) => w.includes(`${file}:`));
    expect(reason('leak.txt')).toMatch(/symbolic link to a file outside the folder/);
    expect(reason('abs_leak.md')).toMatch(/symbolic link to a file outside the folder/);
    expect(reason('dirlink.txt')).toMatch(/outside the folder|not a regular file/);
    expect(reason('huge.txt')).toMatch(/larger than 4 MB/);
    expect(reason('binary.txt')).toMatch(/binary/);
    expect(reason('utf16.txt')).toMatch(/binary|UTF-8/);
    expect(reason('latin1.txt')).toMatch(/not valid UTF-8/);
    expect(reason('mixed.md')).toMatch(/not valid UTF-8/);
    expect(reason('bom.txt')).toBeUndefined();
  });

  it('serves a UTF-8 file with a byte-order mark, without the mark in its title', async () => {
    const exchange = await h.run(chatInput('source', { story: 'bom', paragraph: 1 }, from(h)));
    expect(messageBody(exchange.final).embeds[0].title).toBe('Tram depot reopens');
  });

  it('never reads or serves what a link out of the folder points at', async () => {
    await expectNoSecretServed();
    for (const id of ['leak', 'abs_leak']) {
      const exchange = await h.run(chatInput('source', { story: id, paragraph: 1 }, from(h)));
      expect(text(exchange)).toMatch(/there is no story/);
    }
    // With relatime, a read moves the access time of an aged file to now; the control shows it does here.
    readFileSync(join(outside, 'control.txt'));
    if (read(join(outside, 'control.txt'))) {
      expect(read(join(outside, 'secret.txt'))).toBe(false);
      expect(read(join(outside, 'secret2.md'))).toBe(false);
    }
  });

  it('refuses traversal and absolute story ids in /source, /ask, /admin remove and crafted buttons', async () => {
    const before = state(sandbox);
    const ids = [
      '../outside/secret',
      '../../etc/passwd',
      '/etc/passwd',
      '..',
      '..\\outside\\secret',
      'C:\\Windows\\win',
      '%2e%2e%2foutside%2fsecret',
      `${stories}/dupe`,
    ];
    for (const id of ids) {
      for (const payload of [
        chatInput('source', { story: id, paragraph: 1 }, from(h)),
        chatInput('ask', { question: 'What is the code?', story: id }, from(h)),
        chatInput('admin', { story: id }, asAdmin(), { subcommand: 'remove' }),
        buttonPress(`adm:rm:${id}`, h.fake.message({ content: 'x' }), asAdmin()),
        buttonPress(`src:${id}:1`, h.fake.message({ content: 'x' }), from(h)),
      ]) {
        const exchange = await h.run(payload);
        expect(text(exchange), `${payload.data.name ?? payload.data.custom_id} ${id}`).toMatch(
          /is not a story id|there is no story|no longer works|there is no file/,
        );
        // Private: a reply or follow-up for the user alone, or the button's own prompt edited.
        if (exchange.final.method === 'POST') expect(messageBody(exchange.final).flags).toBe(64);
      }
    }
    expect(state(sandbox)).toEqual(before);
  });

  it('refuses upload names with paths or without a usable id, without downloading or writing', async () => {
    const before = state(sandbox);
    for (const name of [
      '../outside/evil.txt',
      '../../evil.txt',
      '/etc/cron.d/evil.txt',
      '..\\evil.txt',
      'C:\\Users\\evil.txt',
      'evil.txt\0.sh',
      '..txt',
      '.txt',
      '...txt',
      'evil.exe',
    ]) {
      const served = upload(name, `${STORY}\n`);
      const exchange = await admin({ subcommand: 'add' }, { file: served });
      expect(text(exchange), name).toMatch(/contains a path|usable story id|not a \.txt or \.md file/);
      expect(h.fake.attachmentDownloads.filter((r) => r.path.includes(served.attachment.id))).toEqual([]);
    }
    expect(state(sandbox)).toEqual(before);
  });

  it('refuses uploads over 1 MB whether or not the attachment declares its size honestly', async () => {
    const before = state(sandbox);
    const big = Buffer.alloc(1024 * 1024 + 512 * 1024, 'a');
    const declared = upload('big.txt', big);
    const honest = await admin({ subcommand: 'add' }, { file: declared });
    expect(text(honest)).toMatch(/at most 1024 KB/);
    expect(h.fake.attachmentDownloads.filter((r) => r.path.includes(declared.attachment.id))).toEqual([]);
    const lying = await admin({ subcommand: 'add' }, { file: upload('big.txt', big, { size: 1000 }) });
    expect(text(lying)).toMatch(/the file is 1536 KB; stories are at most 1024 KB/);
    // A server that does not say how big: the download stops past 1 MB.
    const unsaid = await admin(
      { subcommand: 'add' },
      { file: upload('big.txt', big, { size: 1000, chunked: true }) },
    );
    expect(text(unsaid)).toMatch(/over 1024 KB/);
    expect(state(sandbox)).toEqual(before);
  });

  it('refuses binary, UTF-16, Latin-1 and mixed-encoding uploads with the reason', async () => {
    const before = state(sandbox);
    for (const name of ['binary.txt', 'utf16.txt', 'latin1.txt', 'mixed.md']) {
      const exchange = await admin(
        { subcommand: 'add' },
        { file: upload(`new_${name}`, readFileSync(join(stories, name))) },
      );
      expect(text(exchange), name).toMatch(/binary file|not valid UTF-8/);
    }
    expect(state(sandbox)).toEqual(before);
  });

  it('refuses an upload reusing an id, and one reusing it with the other extension', async () => {
    const before = state(sandbox);
    const same = await admin({ subcommand: 'add' }, { file: upload('dupe.txt', `${STORY}\n`) });
    expect(text(same)).toMatch(/already exists \(use replace/);
    const other = await admin(
      { subcommand: 'add' },
      { file: upload('dupe.md', `${STORY}\n`), replace: true },
    );
    expect(text(other)).toMatch(/exists as dupe\.txt/);
    expect(state(sandbox)).toEqual(before);
  });

  it('replaces a link out of the folder with a real file on a correction, never writing through it', async () => {
    const outsideBefore = state(outside);
    const exchange = await admin(
      { subcommand: 'add' },
      { file: upload('leak.txt', `${STORY}\n`), replace: true },
    );
    expect(text(exchange)).toMatch(/leak/);
    expect(lstatSync(join(stories, 'leak.txt')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(stories, 'leak.txt'), 'utf8')).toBe(`${STORY}\n`);
    expect(state(outside)).toEqual(outsideBefore);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe(SECRET);
  });

  it('fails a reload over duplicate ids with the reason, naming both files, and keeps serving', async () => {
    writeFileSync(join(stories, 'dupe.md'), 'Another dupe, same id.');
    try {
      const exchange = await admin({ subcommand: 'reload' });
      expect(text(exchange)).toMatch(
        /dupe\.md and dupe\.txt .*same story id "dupe".*still serving the previous stories/,
      );
      expect(exchange.requests[0]!.body.data.flags).toBe(64); // deferred privately
      const still = await h.run(chatInput('source', { story: 'dupe', paragraph: 1 }, from(h)));
      expect(text(still)).toContain('bridge closure');
    } finally {
      rmSync(join(stories, 'dupe.md'));
    }
    expect(existsSync(join(outside, 'secret.txt'))).toBe(true);
  });
});
