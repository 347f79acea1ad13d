import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_USAGE,
  answerAdminLine,
  answerConsoleLine,
  CONSOLE_HELP,
  runConsole,
} from '../../src/cli/console.js';
import { openLibrary } from '../../src/store/openLibrary.js';
import { openStoryDesk } from '../../src/store/storyDesk.js';
import { captureLogs, type LogLine } from '../discord/harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEED_ID = '000_9f28cc2ec71faf02';
const SEED_TITLE =
  'U.S. President Donald Trump has stated that his recent phone call with Russian President Vladimir…';
const INJURED =
  'Overnight, Russia launched an extensive drone strike on Kyiv, injuring at least 14 civilians and igniting fires in multiple districts.';
const PARAGRAPH_5 = `${INJURED} A 16-story residential building in the Obolon district suffered rooftop damage, while other attacks disrupted railway infrastructure and damaged parked vehicles. Kyiv Mayor Vitali Klitschko confirmed that air defenses intercepted many drones, but falling debris caused substantial destruction.`;
const DECLINED_MERKEL =
  'The stories do not answer that (the stories do not mention Angela, Merkel).\nTry /search with a few key words to look through them.';

const library = openLibrary(join(ROOT, 'seeds'));
const answer = (line: string) => answerConsoleLine(library, line);

const temp = mkdtempSync(join(tmpdir(), 'newsdesk-console-'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm start` without a token: the offline console, fed from a pipe. */
function startConsole(input: string, env: Record<string, string> = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'silent',
    DISCORD_TOKEN: '',
    DATA_DIR: join(temp, 'data'),
    ...env,
  };
  if (!env.SEEDS_DIR) delete childEnv.SEEDS_DIR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/launch.mjs', 'src/main'], { cwd: ROOT, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('console', () => {
  describe('answerConsoleLine', () => {
    it('answers the issue’s /ask example with the verbatim sentence, the title and the citation', () => {
      expect(
        answer('/ask How many civilians were injured in the Kyiv drone strike?').split('\n').slice(0, 3),
      ).toEqual([`  “${INJURED}”`, `  — ${SEED_TITLE}, 000_9f28cc2ec71faf02 ¶5`, '  (high confidence)']);
    });

    it('treats a line without a slash as a question and ignores the command’s case', () => {
      const expected = answer('/ask How many civilians were injured in the Kyiv drone strike?');
      expect(answer('How many civilians were injured in the Kyiv drone strike?')).toBe(expected);
      expect(answer('/ASK How many civilians were injured in the Kyiv drone strike?')).toBe(expected);
    });

    it('says plainly when the stories do not answer and suggests /search', () => {
      expect(answer('/ask What did Angela Merkel say about the drone strike?')).toBe(DECLINED_MERKEL);
    });

    // Bug: "Constructor" hits Object.prototype.constructor in the tokenizer's lookups; the
    // TypeError escapes and `npm start` ends with "newsdesk: could not start: word.replace is not a function".
    it('declines a question with a word that names an Object.prototype member', () => {
      expect(answer('/ask Who won Constructor of the year?')).toMatch(/^The stories do not answer that/);
    });

    it('explains an empty or overlong question in one line', () => {
      expect(answer('/ask')).toBe('Ask: the question is empty');
      expect(answer(`/ask ${'why '.repeat(20_000)}`)).toBe(
        'Ask: the question is too long (79999 characters, at most 1000)',
      );
    });

    it('returns nothing for a blank line', () => {
      expect(answer('')).toBe('');
      expect(answer('   \t')).toBe('');
    });

    it('lists matching sentences for /search, or says nothing matches', () => {
      expect(answer('/search patriot missiles').split('\n').slice(0, 2)).toEqual([
        '1. The pause includes Patriot air defense missiles, precision-guided munitions, GMLRS rockets, and AIM missiles for Ukraine’s U.S.-donated F-16s.',
        `   — ${SEED_TITLE}, 000_9f28cc2ec71faf02 ¶3`,
      ]);
      expect(answer('/search xyzzy')).toBe('Nothing in the stories matches "xyzzy".');
      expect(answer('/search')).toBe('Search: the query is empty');
    });

    it('prints a paragraph verbatim for /source STORY N', () => {
      expect(answer(`/source ${SEED_ID} 5`)).toBe(
        `${SEED_TITLE} — 000_9f28cc2ec71faf02 ¶5 (paragraph 5 of 9)\n\n${PARAGRAPH_5}`,
      );
    });

    it('explains a bad /source in one line', () => {
      const usage = 'Usage: /source STORY N — for example /source 000_9f28cc2ec71faf02 1';
      expect(answer('/source')).toBe(usage);
      expect(answer(`/source ${SEED_ID}`)).toBe(usage);
      expect(answer(`/source ${SEED_ID} five`)).toBe(usage);
      expect(answer(`/source ${SEED_ID} 1 2`)).toBe(usage);
      expect(answer(`/source ${SEED_ID} 10`)).toBe(
        'Source: paragraph 10 does not exist in story 000_9f28cc2ec71faf02 (it has 9)',
      );
      expect(answer(`/source ${SEED_ID} 0`)).toBe(
        'Source: the paragraph number must be a whole number from 1, got 0',
      );
      expect(answer('/source ../../etc/passwd 1')).toBe('Stories: "../../etc/passwd" is not a story id');
      expect(answer('/source nosuch 1')).toBe(
        'Stories: there is no story "nosuch" (list them with /stories)',
      );
    });

    it('lists the stories for /stories', () => {
      expect(answer('/stories')).toBe(`${SEED_ID} — ${SEED_TITLE} (9 paragraphs)`);
    });

    it('shows the help for /help', () => {
      expect(answer('/help')).toBe(CONSOLE_HELP);
      expect(CONSOLE_HELP).toContain('/ask QUESTION');
      expect(CONSOLE_HELP).toContain('/source STORY N');
    });

    it('names an unknown command and points to /help', () => {
      expect(answer('/frobnicate now')).toBe('Unknown command /frobnicate — type /help for the list.');
    });
  });

  describe('/admin (the newsroom on its own machine)', () => {
    const FIRE =
      '---\ntitle: Harbour fire\n---\nForty firefighters fought the blaze at the harbour warehouse.\n';

    function newsroom() {
      const dir = mkdtempSync(join(temp, 'admin-'));
      const seeds = join(dir, 'seeds');
      mkdirSync(seeds);
      copyFileSync(join(ROOT, 'seeds', `${SEED_ID}.txt`), join(seeds, `${SEED_ID}.txt`));
      writeFileSync(join(dir, 'harbour_fire.md'), FIRE);
      const { desk } = openStoryDesk(
        { seedsDir: seeds, dataDir: join(dir, 'data'), dataRetentionDays: 90 },
        () => undefined,
      );
      return { dir, seeds, desk };
    }

    it('adds a local file, serves it at once, lists stats, reloads and removes, logging each action', async () => {
      const { dir, seeds, desk } = newsroom();
      const logs: LogLine[] = [];
      const log = captureLogs(logs);
      expect(await answerAdminLine(desk, `/admin add ${join(dir, 'harbour_fire.md')}`, log)).toBe(
        'Added harbour_fire — Harbour fire (1 paragraph); served now.',
      );
      expect(answerConsoleLine(desk.library, '/ask How many firefighters fought the blaze?', desk)).toContain(
        'harbour_fire ¶1',
      );
      expect(await answerAdminLine(desk, `/admin add ${join(dir, 'harbour_fire.md')}`, log)).toBe(
        'Upload: a story with the id "harbour_fire" already exists (use replace to correct it)',
      );
      writeFileSync(join(dir, 'harbour_fire.md'), FIRE.replace('Forty', 'Fifty'));
      expect(await answerAdminLine(desk, `/admin add ${join(dir, 'harbour_fire.md')} --replace`, log)).toBe(
        'Corrected harbour_fire — Harbour fire (1 paragraph); served now.\nChanged: harbour_fire ¶1',
      );
      expect(answerConsoleLine(desk.library, '/source harbour_fire 1', desk)).toMatch(
        /^Harbour fire — harbour_fire ¶1 \(paragraph 1 of 1\)\n\nFifty firefighters.*\n\n\(corrected \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)$/,
      );
      expect(await answerAdminLine(desk, '/admin stats', log)).toMatch(
        /^Stories: 2 \(0 newsroom only\), 10 paragraphs\nQuestions: 0 answered, 0 declined/,
      );
      expect(await answerAdminLine(desk, '/admin reload', log)).toBe(
        'No change: the stories are the same as before.',
      );
      expect(await answerAdminLine(desk, '/admin remove harbour_fire', log)).toBe(
        'Removed harbour_fire; it is no longer served.\nRemoved: harbour_fire',
      );
      expect(readdirSync(seeds)).toEqual([`${SEED_ID}.txt`]);
      expect(await answerAdminLine(desk, '/admin remove harbour_fire', log)).toBe(
        'Stories: there is no story "harbour_fire" to remove',
      );
      expect(await answerAdminLine(desk, `/admin add ${join(dir, 'missing.txt')}`, log)).toBe(
        `Upload: cannot read ${join(dir, 'missing.txt')} (ENOENT)`,
      );
      expect(await answerAdminLine(desk, '/admin frobnicate', log)).toBe(ADMIN_USAGE);
      expect(logs.filter((line) => line.audit === true).map((line) => [line.action, line.outcome])).toEqual([
        ['add', 'done'],
        ['add', 'refused'],
        ['add', 'done'],
        ['stats', 'done'],
        ['reload', 'done'],
        ['remove', 'done'],
        ['remove', 'refused'],
      ]);
    });

    it('runs /admin lines in runConsole, answering later questions from the new stories', async () => {
      const { dir, desk } = newsroom();
      const input = new PassThrough();
      const output = new PassThrough();
      let printed = '';
      output.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
      input.end(`/admin add ${join(dir, 'harbour_fire.md')}\n/stories\n`);
      await runConsole(desk.library, { input, output }, { desk });
      expect(printed).toBe(
        `Added harbour_fire — Harbour fire (1 paragraph); served now.\n${SEED_ID} — ${SEED_TITLE} (9 paragraphs)\nharbour_fire — Harbour fire (1 paragraphs)\n`,
      );
    });

    it('without a desk only explains itself', () => {
      expect(answer('/admin reload')).toBe(ADMIN_USAGE);
    });
  });

  describe('runConsole', () => {
    it('answers each piped line, skips blank ones, stops at /quit and returns at end of input', async () => {
      const input = new PassThrough();
      const output = new PassThrough();
      let printed = '';
      output.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
      input.end('/stories\n\n/frob\n/quit\n/help\n');
      await runConsole(library, { input, output });
      expect(printed).toBe(
        `${SEED_ID} — ${SEED_TITLE} (9 paragraphs)\nUnknown command /frob — type /help for the list.\n`,
      );
    });
  });

  // A spawn waits for a rebuild when a source changed since the build: allow for one.
  describe('npm start without DISCORD_TOKEN', { timeout: 60_000 }, () => {
    beforeAll(() => {
      execFileSync(process.execPath, ['scripts/launch.mjs', '--build'], { cwd: ROOT, stdio: 'ignore' });
    }, 120_000);

    it('answers every piped command in order and exits 0 at end of input', async () => {
      const lines = [
        '/ask How many civilians were injured in the Kyiv drone strike?',
        'What did Angela Merkel say about the drone strike?',
        '/search patriot missiles',
        `/source ${SEED_ID} 5`,
        '/stories',
        '/help',
        '/frobnicate',
      ];
      const run = await startConsole(`${lines.join('\n')}\n`);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(`${lines.map((line) => answer(line)).join('\n')}\n`);
      expect(run.stdout).toContain('at least 14 civilians');
      expect(run.stdout).toContain('000_9f28cc2ec71faf02 ¶5');
    });

    it('runs /admin add from a pipe and answers from the new story at once', async () => {
      const dir = mkdtempSync(join(temp, 'piped-'));
      const seeds = join(dir, 'seeds');
      mkdirSync(seeds);
      copyFileSync(join(ROOT, 'seeds', `${SEED_ID}.txt`), join(seeds, `${SEED_ID}.txt`));
      writeFileSync(
        join(dir, 'tram.txt'),
        'The new tram line to the airport opens on 3 May, the city said.\n',
      );
      const run = await startConsole(
        `/admin add ${join(dir, 'tram.txt')}\n/ask When does the tram line to the airport open?\n`,
        {
          SEEDS_DIR: seeds,
          DATA_DIR: join(dir, 'data'),
        },
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /^Added tram — The new tram line to the airport opens on 3 May, the city said\. \(1 paragraph\); served now\.\n/,
      );
      expect(run.stdout).toContain('tram ¶1');
      expect(existsSync(join(seeds, 'tram.txt'))).toBe(true);
    });

    it('exits 1 with one line when the story folder is missing', async () => {
      const missing = join(temp, 'missing');
      const run = await startConsole('/stories\n', { SEEDS_DIR: missing });
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr: `newsdesk: Stories: folder ${missing} does not exist (set SEEDS_DIR)\n`,
      });
    });
  });
});
