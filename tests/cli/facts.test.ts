import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FACT_TYPES } from '../../src/core/facts/types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEED_ID = '000_9f28cc2ec71faf02';
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'stories');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const temp = mkdtempSync(join(tmpdir(), 'newsdesk-facts-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Runs the compiled CLI from the project root (run `npm run build` first). */
function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'silent',
    DATA_DIR: join(temp, 'data'),
    ...env,
  };
  delete childEnv.DISCORD_TOKEN;
  if (!env.SEEDS_DIR) delete childEnv.SEEDS_DIR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/launch.mjs', 'src/cli/main', ...args], {
      cwd: ROOT,
      env: childEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

function jsonOf(run: Run): Record<string, unknown> {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

/** A usage error: nothing on stdout, one line on stderr, no stack trace. */
function expectUsageError(run: Run, pattern: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
}

type FactJson = Record<string, unknown> & {
  type: string;
  text: string;
  story: string;
  paragraph: number;
  evidence: string;
};

describe('cli', { timeout: 60_000 }, () => {
  describe('facts', () => {
    it('lists facts with the contract fields, evidence verbatim and text inside it', async () => {
      const { facts } = jsonOf(await cli(['facts', '--json'])) as { facts: FactJson[] };
      expect(new Set(facts.map((f) => f.type))).toEqual(new Set(FACT_TYPES));
      for (const fact of facts) {
        expect(fact).toMatchObject({ story: SEED_ID });
        expect(typeof fact.paragraph).toBe('number');
        expect(fact.evidence).toContain(fact.text);
      }
      const klitschko = facts.find((f) => f.type === 'person' && f.name === 'Vitali Klitschko');
      expect(klitschko).toMatchObject({ role: 'Mayor', affiliation: 'Kyiv', paragraph: 5 });
      expect(klitschko!.mentions).toEqual([{ paragraph: 5, text: 'Kyiv Mayor Vitali Klitschko' }]);
      const quantity = facts.find((f) => f.type === 'quantity' && f.text === 'at least 14 civilians');
      expect(quantity).toMatchObject({ value: 14, unit: 'civilians', qualifier: 'at least' });
      expect(facts.find((f) => f.type === 'quote')).toMatchObject({
        quote: 'no progress at all',
        speaker: 'U.S. President Donald Trump',
      });
      expect(facts.find((f) => f.type === 'time')).toHaveProperty('date');
    });

    it('filters by type, story and entity', async () => {
      const people = jsonOf(await cli(['facts', '--json', '--type', 'person'])) as { facts: FactJson[] };
      expect(people.facts.length).toBeGreaterThan(0);
      expect(people.facts.every((f) => f.type === 'person')).toBe(true);
      const trump = jsonOf(await cli(['facts', '--json', '--entity', 'Trump', '--type', 'statement'])) as {
        facts: FactJson[];
      };
      expect(trump.facts.map((f) => f.verb)).toEqual(expect.arrayContaining(['stated', 'confirmed']));
      const flood = jsonOf(
        await cli(['facts', '--json', '--story', 'city_flood', '--type', 'place'], { SEEDS_DIR: FIXTURES }),
      ) as { facts: FactJson[] };
      expect(flood.facts.map((f) => f.name)).toEqual(
        expect.arrayContaining(['Carrowburn', 'Old Quay', 'Millbrook']),
      );
      expect(flood.facts.every((f) => f.story === 'city_flood')).toBe(true);
    });

    it('gives an empty list, exit 0, for an entity no story names', async () => {
      expect(jsonOf(await cli(['facts', '--json', '--entity', 'Xi Jinping']))).toEqual({ facts: [] });
    });

    it('refuses an unknown type, an empty entity and stray arguments with one line and exit 2', async () => {
      expectUsageError(
        await cli(['facts', '--json', '--type', 'persn']),
        /unknown fact type "persn" \(expected person, organization/,
      );
      expectUsageError(await cli(['facts', '--json', '--entity', ' ']), /--entity needs a name/);
      expectUsageError(await cli(['facts', '--json', 'Trump']), /facts takes no arguments/);
      expectUsageError(await cli(['facts', '--json', '--story', 'nope']), /no story "nope"/);
    });
  });

  describe('verify', () => {
    it('gives verdict, difference and cited results', async () => {
      const result = jsonOf(await cli(['verify', '--json', 'At least 14 civilians were injured in Kyiv']));
      expect(result).toMatchObject({
        claim: 'At least 14 civilians were injured in Kyiv',
        verdict: 'supported',
        difference: null,
      });
      expect(result.results).toEqual([
        expect.objectContaining({
          story: SEED_ID,
          paragraph: 5,
          citation: `${SEED_ID} ¶5`,
          excerpt: expect.stringContaining('at least 14 civilians'),
        }),
      ]);
      expect(
        jsonOf(await cli(['verify', '--json', 'At least 40 civilians were injured in Kyiv'])),
      ).toMatchObject({
        verdict: 'contradicted',
        difference: 'the story says at least 14, the claim says 40',
      });
    });

    it('answers not_found with exit 0', async () => {
      expect(
        jsonOf(await cli(['verify', '--json', 'The Red Cross opened a field hospital in Kyiv.'])),
      ).toEqual({
        claim: 'The Red Cross opened a field hospital in Kyiv.',
        verdict: 'not_found',
        difference: null,
        results: [],
      });
    });

    it('refuses a missing or empty claim with one line and exit 2', async () => {
      expectUsageError(await cli(['verify', '--json']), /verify needs a claim/);
      expectUsageError(await cli(['verify', '--json', '  ']), /verify needs a claim/);
    });

    it('prints a readable verdict without --json', async () => {
      const run = await cli([
        'verify',
        'Poland was the NATO ally that warned halting U.S. support could undermine European security.',
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /^Contradicted by the stories: the story says Denmark, the claim says Poland\n/,
      );
      expect(run.stdout).toContain(`${SEED_ID} ¶6`);
    });
  });

  describe('ask', () => {
    it('adds the facts that answer the question', async () => {
      const answer = jsonOf(await cli(['ask', '--json', 'Who is the mayor of Kyiv?'])) as {
        facts: FactJson[];
      };
      expect(answer.facts[0]).toMatchObject({
        type: 'person',
        name: 'Vitali Klitschko',
        role: 'Mayor',
        story: SEED_ID,
        paragraph: 5,
      });
    });
  });
});
