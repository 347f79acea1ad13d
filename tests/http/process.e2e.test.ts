import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakeDiscord/FakeDiscord.js';
import { chatInput, fakeUser } from '../fakeDiscord/interactions.js';
import { FAKE_TOKEN, KYIV_QUESTION, makeStoryDir, messageBody } from '../discord/harness.js';
import { buildOnce, freePort, runEntry, waitForLog, type Running } from '../discord/runEntry.js';
import { httpRequest, makeSigner } from './signing.js';

/** `npm start` with INTERACTIONS_PORT and DISCORD_PUBLIC_KEY: the compiled HTTP face in its own process. */

let storyDir: string;
let workDir: string;
const running: Running[] = [];
const fakes: FakeDiscord[] = [];

beforeAll(() => {
  buildOnce();
  storyDir = makeStoryDir();
  workDir = mkdtempSync(join(tmpdir(), 'newsdesk-cwd-'));
}, 180_000);

afterAll(async () => {
  for (const { child } of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(fakes.map((fake) => fake.stop()));
  rmSync(storyDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

describe('npm start with INTERACTIONS_PORT and DISCORD_PUBLIC_KEY', { timeout: 60_000 }, () => {
  it('serves signed interactions without a gateway connection and finishes a reply in progress on SIGTERM', async () => {
    const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
    fakes.push(fake);
    const signer = makeSigner();
    const port = await freePort();
    const server = runEntry(fake, {
      cwd: workDir,
      storyDir,
      dataDir: join(workDir, 'data'),
      env: { INTERACTIONS_PORT: String(port), DISCORD_PUBLIC_KEY: signer.publicKeyHex },
    });
    running.push(server);
    await waitForLog(server, 'interactions endpoint listening');
    const url = `http://127.0.0.1:${port}/interactions`;
    const ping = '{"type":1}';
    expect(JSON.parse((await httpRequest(url, { body: ping, headers: signer.headers(ping) })).text)).toEqual({
      type: 1,
    });

    const payload = chatInput(
      'ask',
      { question: KYIV_QUESTION },
      { user: fakeUser(), applicationId: fake.applicationId },
    );
    fake.expectInteraction(payload);
    // Discord takes 1.5 s to accept the deferral, so SIGTERM arrives mid-reply.
    fake.callbackDelays.set(payload.id, 1500);
    const body = JSON.stringify(payload);
    expect((await httpRequest(url, { body, headers: signer.headers(body) })).status).toBe(202);
    await fake.waitForRequest((r) => r.path.endsWith(`${payload.token}/callback`));
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const edit = await fake.waitForRequest((r) => r.path.endsWith(`${payload.token}/messages/@original`));
    expect(JSON.stringify(messageBody(edit))).toContain('at least 14 civilians');
    const { code, at } = await server.exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(5000);
    expect(edit.at).toBeLessThan(at);

    expect(fake.gatewayFrames).toEqual([]);
    expect(fake.requests.some((r) => r.path.endsWith('/gateway/bot'))).toBe(false);
    expect(server.stderr()).not.toContain(FAKE_TOKEN);
    expect(server.stderr()).not.toContain(payload.token);
  });
});
