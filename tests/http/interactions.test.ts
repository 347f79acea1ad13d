import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInteractionsServer, type RunningServer } from '../../src/http/startInteractionsServer.js';
import { FakeDiscord, type RecordedRequest } from '../fakeDiscord/FakeDiscord.js';
import { autocomplete, chatInput, fakeUser, type InteractionPayload } from '../fakeDiscord/interactions.js';
import {
  captureLogs,
  FAKE_TOKEN,
  KYIV_QUESTION,
  makeStoryDir,
  messageBody,
  SEED_ID,
  testConfig,
  type LogLine,
} from '../discord/harness.js';
import { httpRequest, makeSigner } from './signing.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The HTTP interactions endpoint in this process, against a local fake Discord: signed
 * requests from a generated key pair, answers through the fake's callback and webhook routes.
 */

const signer = makeSigner();
let fake: FakeDiscord;
let server: RunningServer;
let url: string;
let storyDir: string;
let dataDir: string;
const logs: LogLine[] = [];

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
  storyDir = makeStoryDir();
  dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-data-'));
  const config = testConfig(fake, storyDir, dataDir, {
    INTERACTIONS_PORT: '8080',
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    COOLDOWN_SECONDS: '0',
  });
  server = await startInteractionsServer(config, captureLogs(logs, [FAKE_TOKEN]), {
    ownsProcess: false,
    port: 0,
    host: '127.0.0.1',
  });
  url = `http://127.0.0.1:${server.port}/interactions`;
});

afterAll(async () => {
  await server?.stop();
  await fake?.stop();
  rmSync(storyDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

function signed(payload: unknown, timestamp?: number) {
  const body = JSON.stringify(payload);
  return httpRequest(url, { headers: signer.headers(body, timestamp), body });
}

/** Posts an interaction as Discord would, after telling the fake Discord to expect its callback. */
function post(payload: InteractionPayload) {
  fake.expectInteraction(payload);
  return signed(payload);
}

function where() {
  return { user: fakeUser(), applicationId: fake.applicationId };
}

function completed(payload: InteractionPayload, match: (request: RecordedRequest) => boolean) {
  return fake.waitForRequest((request) => request.path.includes(`/${payload.token}`) && match(request), 5000);
}

describe('http/startInteractionsServer', () => {
  describe('POST /interactions', () => {
    it('answers a signed PING with PONG in the response body', async () => {
      const answer = await signed({ id: '1', token: 't', type: 1, application_id: fake.applicationId });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json');
      expect(JSON.parse(answer.text)).toEqual({ type: 1 });
    });

    it('answers 401 when the signature headers are missing', async () => {
      const answer = await httpRequest(url, {
        body: '{"type":1}',
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status).toBe(401);
    });

    it('answers 401 when the request was signed with another key or the body was changed', async () => {
      const body = '{"type":1}';
      expect((await httpRequest(url, { body, headers: makeSigner().headers(body) })).status).toBe(401);
      expect((await httpRequest(url, { body: '{"type":1 }', headers: signer.headers(body) })).status).toBe(
        401,
      );
    });

    it('answers 401 to a correctly signed request whose timestamp is more than five minutes old', async () => {
      const answer = await signed({ type: 1 }, Math.floor(Date.now() / 1000) - 6 * 60);
      expect(answer.status).toBe(401);
    });

    it('answers 413 without reading a body that declares more than 64 KB', async () => {
      const body = JSON.stringify({ type: 1, padding: 'x'.repeat(70 * 1024) });
      const answer = await httpRequest(url, { body, headers: signer.headers(body) });
      expect(answer.status).toBe(413);
      expect(answer.headers.connection).toBe('close');
    });

    it('answers 413 once a body sent without a length grows past 64 KB', async () => {
      const chunks = Array.from({ length: 40 }, () => Buffer.alloc(4096, 'x'));
      const answer = await httpRequest(url, { chunks, headers: signer.headers(Buffer.concat(chunks)) });
      expect(answer.status).toBe(413);
    });

    it('answers 400 to a signed body that is not an interaction', async () => {
      const body = 'not json';
      expect((await httpRequest(url, { body, headers: signer.headers(body) })).status).toBe(400);
    });

    it('answers /ask with 202 and sends the cited answer through the callback and webhook, pinging nobody', async () => {
      const payload = chatInput('ask', { question: KYIV_QUESTION }, where());
      const answer = await post(payload);
      expect(answer.status).toBe(202);
      expect(answer.text).toBe('');
      const edit = await completed(
        payload,
        (r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'),
      );
      const callback = fake.requestsFor(payload.token).find((r) => r.path.endsWith('/callback'))!;
      expect(callback.body).toMatchObject({ type: 5, data: { allowed_mentions: { parse: [] } } });
      const body = messageBody(edit);
      expect(JSON.stringify(body)).toContain('at least 14 civilians');
      expect(JSON.stringify(body)).toContain(`${SEED_ID} ¶5`);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      // Callbacks and webhooks carry no bot token, and every body passed Discord's limits.
      expect(fake.requestsFor(payload.token).flatMap((r) => r.problems)).toEqual([]);
      expect(fake.requestsFor(payload.token).every((r) => r.status < 400)).toBe(true);
    });

    it('answers autocomplete through the same router: story suggestions as a type 8 callback', async () => {
      const payload = autocomplete('ask', { question: 'drone', story: '000' }, 'story', where());
      expect((await post(payload)).status).toBe(202);
      const callback = await completed(payload, (r) => r.path.endsWith('/callback'));
      expect(callback.body.type).toBe(8);
      expect(callback.body.data.choices.map((c: any) => c.value)).toEqual([SEED_ID]);
    });

    it('reports a user error privately, as the gateway bot does', async () => {
      const payload = chatInput('ask', { question: KYIV_QUESTION, story: 'no_such_story' }, where());
      expect((await post(payload)).status).toBe(202);
      const callback = await completed(payload, (r) => r.path.endsWith('/callback'));
      expect(callback.body.type).toBe(4);
      expect(callback.body.data.flags & 64).toBe(64);
      expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
    });

    it('never logs the interaction token', () => {
      expect(JSON.stringify(logs)).not.toContain(FAKE_TOKEN);
      for (const request of fake.requests.filter((r) => r.path.includes('/interactions/'))) {
        const token = request.path.split('/')[5]!;
        expect(JSON.stringify(logs)).not.toContain(token);
      }
    });
  });

  describe('other requests', () => {
    it('answers 405 with Allow: POST to other methods on /interactions', async () => {
      const answer = await httpRequest(url, { method: 'GET' });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('POST');
    });

    it('answers 404 to other paths', async () => {
      expect((await httpRequest(`http://127.0.0.1:${server.port}/`, { body: '{}' })).status).toBe(404);
    });

    it('answers GET /healthz with 200 for load balancers', async () => {
      const answer = await httpRequest(`http://127.0.0.1:${server.port}/healthz`, { method: 'GET' });
      expect(answer.status).toBe(200);
    });
  });
});
