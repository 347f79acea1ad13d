import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimited } from '../fakeDiscord/FakeDiscord.js';
import { chatInput } from '../fakeDiscord/interactions.js';
import {
  isCallback,
  isWebhook,
  KYIV_QUESTION,
  messageBody,
  SEED_ID,
  startHarness,
  type Harness,
} from '../discord/harness.js';
import { from, LEVEL, linesSince, requestsOf } from './support.js';

/**
 * Discord misbehaving, through the local fake Discord: rate limits, server errors, expired
 * and already-acknowledged interactions, and gateway disconnects. The bot must answer when
 * Discord lets it, log one clear line when it cannot, and keep serving either way.
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { COOLDOWN_SECONDS: '0' } });
});

afterAll(async () => {
  await h?.close();
});

const UNKNOWN_INTERACTION = { status: 404, json: { message: 'Unknown interaction', code: 10062 } };
const ALREADY_ACKNOWLEDGED = {
  status: 400,
  json: { message: 'Interaction has already been acknowledged.', code: 40060 },
};

function askPayload(question = KYIV_QUESTION) {
  return chatInput('ask', { question }, from(h));
}

function sourcePayload() {
  return chatInput('source', { story: SEED_ID, paragraph: 5 }, from(h));
}

const edits = (token: string) => (r: { method: string; path: string }) =>
  r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`);

/** The bot still answers a plain question: the process survived whatever came before. */
async function stillServing(): Promise<void> {
  const exchange = await h.run(askPayload());
  expect(JSON.stringify(messageBody(exchange.final))).toContain('at least 14 civilians');
}

describe('Discord faults', () => {
  describe('rate limits (429 with retry_after)', () => {
    it('retries a reply refused with 429 after retry_after and then answers', async () => {
      const payload = sourcePayload();
      h.fake.faults.push({
        match: (r) => r.path.endsWith(`/${payload.token}/callback`),
        respond: rateLimited(0.4),
      });
      const since = h.logs.length;
      const exchange = await h.run(payload);
      const callbacks = exchange.requests.filter(isCallback);
      expect(callbacks.map((r) => r.status)).toEqual([429, 204]);
      expect(callbacks[1]!.at - callbacks[0]!.at).toBeGreaterThanOrEqual(390);
      expect(messageBody(exchange.final).embeds[0].description).toContain('at least 14 civilians');
      expect(linesSince(h, since, LEVEL.error)).toEqual([]);
    });

    it('retries an edit of a deferred answer refused with 429 and delivers the answer', async () => {
      const payload = askPayload();
      h.fake.faults.push({ match: edits(payload.token), respond: rateLimited(0.3) });
      const exchange = await h.run(payload);
      expect(requestsOf(h, payload.token, edits(payload.token)).map((r) => r.status)).toEqual([429, 200]);
      expect(JSON.stringify(messageBody(exchange.final))).toContain('at least 14 civilians');
    });
  });

  describe('server errors (500/502)', () => {
    it('retries an edit that failed with 502 and delivers the answer', async () => {
      const payload = askPayload();
      h.fake.faults.push({
        match: edits(payload.token),
        respond: { status: 502, json: { message: 'Bad Gateway', code: 0 } },
        times: 2,
      });
      const since = h.logs.length;
      const exchange = await h.run(payload);
      expect(requestsOf(h, payload.token, edits(payload.token)).map((r) => r.status)).toEqual([
        502, 502, 200,
      ]);
      expect(JSON.stringify(messageBody(exchange.final))).toContain('at least 14 civilians');
      expect(linesSince(h, since, LEVEL.error)).toEqual([]);
    });

    it('logs one clear failure when every edit gets 500, tells the user, and keeps serving', async () => {
      const payload = askPayload();
      h.fake.faults.push({
        match: edits(payload.token),
        respond: { status: 500, json: { message: 'Internal Server Error', code: 0 } },
        times: Infinity,
      });
      const since = h.logs.length;
      // The edit never lands; the user is told through a follow-up (a different route).
      const exchange = await h.run(payload, 10_000);
      const attempts = requestsOf(h, payload.token, edits(payload.token));
      expect(attempts.length).toBeGreaterThan(1); // retried
      expect(attempts.length).toBeLessThanOrEqual(4); // but bounded
      expect(attempts.every((r) => r.status === 500)).toBe(true);
      expect(exchange.final.method).toBe('POST');
      expect(messageBody(exchange.final)).toMatchObject({
        content: expect.stringContaining('Something went wrong'),
        flags: 64,
        allowed_mentions: { parse: [] },
      });
      const problems = linesSince(h, since);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ level: LEVEL.error, msg: 'command failed', command: 'ask' });
      // Clear: which request failed and how, without the interaction token in the URL.
      expect(problems[0]!.err).toMatchObject({
        type: 'HTTPError',
        status: 500,
        method: 'PATCH',
        url: expect.stringMatching(/\/webhooks\/\d+\/\[redacted\]\/messages\//),
      });
      expect(JSON.stringify(problems[0])).not.toContain(payload.token);
      h.fake.faults.length = 0;
      await stillServing();
    });
  });

  describe('interactions Discord no longer accepts', () => {
    it('handles an expired interaction (10062) with one warning and no second attempt', async () => {
      const payload = askPayload();
      h.fake.faults.push({
        match: (r) => r.path.includes(`/${payload.token}`),
        respond: UNKNOWN_INTERACTION,
        times: Infinity,
      });
      const since = h.logs.length;
      h.fake.sendInteraction(payload);
      await h.fake.waitForRequest((r) => r.path.endsWith(`/${payload.token}/callback`));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(h.fake.requestsFor(payload.token)).toHaveLength(1);
      const problems = linesSince(h, since);
      expect(problems).toEqual([expect.objectContaining({ level: LEVEL.warn, command: 'ask', code: 10062 })]);
      h.fake.faults.length = 0;
      await stillServing();
    });

    it('carries on with the answer when the deferral was already acknowledged (40060)', async () => {
      const payload = askPayload();
      // Discord took the deferral but its answer was lost: the callback reports 40060.
      h.fake.faults.push({
        match: (r) => r.path.endsWith(`/${payload.token}/callback`),
        respond: ALREADY_ACKNOWLEDGED,
        applyFirst: true,
      });
      const since = h.logs.length;
      const exchange = await h.run(payload);
      expect(exchange.requests.filter(isCallback)).toHaveLength(1);
      expect(exchange.final.method).toBe('PATCH');
      expect(JSON.stringify(messageBody(exchange.final))).toContain('at least 14 civilians');
      expect(linesSince(h, since, LEVEL.error)).toEqual([]);
    });

    it('does not answer twice when a direct reply meets 40060 (already acknowledged elsewhere)', async () => {
      const payload = sourcePayload();
      h.fake.expectInteraction(payload);
      const since = h.logs.length;
      h.fake.sendInteraction(payload);
      h.fake.acknowledge(payload.id);
      await h.fake.waitForRequest((r) => r.path.endsWith(`/${payload.token}/callback`));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const requests = h.fake.requestsFor(payload.token);
      expect(requests.map((r) => r.status)).toEqual([400]);
      expect(requests.filter(isWebhook)).toEqual([]);
      expect(linesSince(h, since)).toEqual([
        expect.objectContaining({ level: LEVEL.warn, command: 'source', code: 40060 }),
      ]);
      await stillServing();
    });
  });

  describe('gateway disconnects', () => {
    it('resumes the session after Discord closes the gateway with a resumable code (4000)', async () => {
      const identifies = h.fake.framesWithOp(2);
      const resumed = h.fake.waitForResumed();
      h.fake.closeGateway(4000, 'Unknown error');
      await resumed;
      expect(h.fake.framesWithOp(6)).toBeGreaterThanOrEqual(1);
      expect(h.fake.framesWithOp(2)).toBe(identifies);
      await stillServing();
    });

    it('reconnects after the connection drops without a close frame', async () => {
      const resumes = h.fake.framesWithOp(6);
      const resumed = h.fake.waitForResumed(15_000);
      h.fake.dropGateway();
      await resumed;
      expect(h.fake.framesWithOp(6)).toBe(resumes + 1);
      await stillServing();
    });
  });
});
