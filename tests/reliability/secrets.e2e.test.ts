import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInteractionsServer } from '../../src/http/startInteractionsServer.js';
import { chatInput, MANAGER_PERMISSIONS } from '../fakeDiscord/interactions.js';
import {
  captureLogs,
  FAKE_TOKEN,
  KYIV_QUESTION,
  makeStoryDir,
  messageBody,
  startHarness,
  testConfig,
  type Harness,
  type LogLine,
} from '../discord/harness.js';
import { httpRequest, makeSigner } from '../http/signing.js';
import { eventually, from, LEVEL } from './support.js';

/**
 * Errors whose URLs and bodies carry the bot token and interaction tokens, forced through the
 * fake Discord and a careless command: no log line may contain either.
 */

const AUDIT_CHANNEL = '1150000000000000099';
let h: Harness;
let leaky: Harness;

beforeAll(async () => {
  [h, leaky] = await Promise.all([
    startHarness({ env: { COOLDOWN_SECONDS: '0', AUDIT_CHANNEL_ID: AUDIT_CHANNEL } }),
    startHarness({ commandsDir: fileURLToPath(new URL('./fixtures/commands/', import.meta.url)) }),
  ]);
});

afterAll(async () => {
  await Promise.all([h?.close(), leaky?.close()]);
});

/** Every log line as written (JSON), with the lines that contain any of `secrets`. */
function leaks(lines: readonly LogLine[], secrets: readonly string[]): string[] {
  return lines
    .map((line) => JSON.stringify(line))
    .filter((text) => secrets.some((secret) => text.includes(secret)));
}

/** A Discord error body that echoes what it was sent, secrets included (as proxies and buggy edges do). */
function echoingBody(interactionToken: string) {
  return {
    message: `Invalid Form Body (token ${interactionToken}, authorization Bot ${FAKE_TOKEN})`,
    code: 50035,
    errors: {
      token: { _errors: [{ code: 'BASE_TYPE_INVALID', message: `Bad token ${interactionToken}` }] },
      authorization: { _errors: [{ code: 'BASE_TYPE_INVALID', message: `Bot ${FAKE_TOKEN}` }] },
    },
  };
}

describe('secrets in logs', () => {
  it('logs neither token when Discord refuses an edit with a body echoing both', async () => {
    const payload = chatInput('ask', { question: KYIV_QUESTION }, from(h));
    h.fake.faults.push({
      match: (r) => r.method === 'PATCH' && r.path.includes(payload.token),
      respond: { status: 400, json: echoingBody(payload.token) },
    });
    const since = h.logs.length;
    await h.run(payload);
    const lines = h.logs.slice(since);
    const failure = lines.find((line) => line.msg === 'command failed');
    // The failure is there and says what Discord said — minus the secrets.
    expect(JSON.stringify(failure)).toContain('Invalid Form Body');
    expect(JSON.stringify(failure)).toContain('[redacted]');
    expect(leaks(lines, [FAKE_TOKEN, payload.token])).toEqual([]);
  });

  it('logs neither token when a command throws them in message, URL, cause, code and fields', async () => {
    const payload = chatInput('leak', {}, from(leaky));
    const since = leaky.logs.length;
    const exchange = await leaky.run(payload);
    expect(messageBody(exchange.final).content).toContain('Something went wrong');
    const lines = leaky.logs.slice(since);
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['command failed']));
    expect(lines.find((line) => line.msg === 'command failed')!.err).toMatchObject({
      cause: expect.objectContaining({ message: expect.stringContaining('[redacted]') }),
    });
    expect(leaks(lines, [FAKE_TOKEN, payload.token])).toEqual([]);
  });

  it('logs neither token when a log call carries them in headers, arrays and free text', async () => {
    const payload = chatInput('leak', {}, from(leaky));
    const since = leaky.logs.length;
    await leaky.run(payload);
    const call = leaky.logs.slice(since).find((line) => line.level === LEVEL.info && 'request' in line);
    expect(call).toBeDefined();
    expect(leaks([call!], [FAKE_TOKEN, payload.token])).toEqual([]);
  });

  it('logs neither token when posting to the audit channel (bot-authorised) fails with an echoing body', async () => {
    h.fake.faults.push({
      match: (r) => r.path.endsWith(`/channels/${AUDIT_CHANNEL}/messages`),
      respond: { status: 403, json: { message: `Missing Access for Bot ${FAKE_TOKEN}`, code: 50001 } },
    });
    const payload = chatInput(
      'admin',
      {},
      { ...from(h), permissions: MANAGER_PERMISSIONS },
      { subcommand: 'stats' },
    );
    const since = h.logs.length;
    await h.run(payload);
    await eventually(
      () => h.logs.slice(since).some((line) => line.msg === 'could not post to the audit channel'),
      'the audit failure to be logged',
    );
    const request = h.fake.requests.find((r) => r.path.endsWith(`/channels/${AUDIT_CHANNEL}/messages`));
    expect(request!.headers.authorization).toBe(`Bot ${FAKE_TOKEN}`); // the secret was really in play
    expect(leaks(h.logs.slice(since), [FAKE_TOKEN, payload.token])).toEqual([]);
  });

  it('logs neither token on the HTTP interactions endpoint when the callback fails with an echoing body', async () => {
    const signer = makeSigner();
    const storyDir = makeStoryDir();
    const dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-data-'));
    const lines: LogLine[] = [];
    const config = testConfig(h.fake, storyDir, dataDir, {
      INTERACTIONS_PORT: '8080',
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      COOLDOWN_SECONDS: '0',
    });
    // Only the bot token is a known secret, as in production: interaction tokens are found by shape.
    const server = await startInteractionsServer(config, captureLogs(lines, [FAKE_TOKEN]), {
      ownsProcess: false,
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const payload = chatInput('source', { story: '000_9f28cc2ec71faf02', paragraph: 5 }, from(h));
      h.fake.expectInteraction(payload);
      h.fake.faults.push({
        match: (r) => r.path.includes(`/${payload.token}/`),
        respond: { status: 400, json: echoingBody(payload.token) },
        times: Infinity,
      });
      const body = JSON.stringify(payload);
      const answer = await httpRequest(`http://127.0.0.1:${server.port}/interactions`, {
        body,
        headers: signer.headers(body),
      });
      expect(answer.status).toBe(202);
      await eventually(() => lines.some((line) => line.level >= LEVEL.warn), 'the failure to be logged');
      expect(leaks(lines, [FAKE_TOKEN, payload.token])).toEqual([]);
    } finally {
      h.fake.faults.length = 0;
      await server.stop();
      rmSync(storyDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
