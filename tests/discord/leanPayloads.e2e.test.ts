import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/discord/createClient.js';
import { chatInput } from '../fakeDiscord/interactions.js';
import { KYIV_QUESTION, messageBody, SEED_ID, startHarness, type Harness } from './harness.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('createClient behind DISCORD_API_BASE', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    // A stand-in for Discord that answers GET /gateway/bot with the URL alone.
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ url: 'ws://127.0.0.1:9' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fills the gateway information a lean stand-in leaves out, so login does not fail on it', async () => {
    const client = createClient({ apiBase: base, botShards: null });
    client.rest.setToken('not-a-real-token');
    const info = (await client.rest.get(Routes.gatewayBot())) as any;
    expect(info.url).toBe('ws://127.0.0.1:9');
    expect(info.shards).toBe(1);
    expect(info.session_start_limit).toMatchObject({ remaining: 1000, max_concurrency: 1 });
    await client.destroy();
  });
});

describe('an interaction without entitlements', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('is still answered with the cited excerpt', async () => {
    const payload = chatInput(
      'ask',
      { question: KYIV_QUESTION },
      { user: h.user('lean'), applicationId: h.fake.applicationId },
    ) as any;
    delete payload.entitlements;
    const { final } = await h.run(payload);
    const body = messageBody(final);
    expect(JSON.stringify(body)).toContain('at least 14 civilians');
    expect(JSON.stringify(body)).toContain(`${SEED_ID} ¶5`);
  });
});
