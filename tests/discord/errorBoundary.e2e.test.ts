import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInput } from '../fakeDiscord/interactions.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  // Fixture commands: one that works, one that fails like a bug, and several the loader refuses.
  h = await startHarness({ commandsDir: fileURLToPath(new URL('./fixtures/commands/', import.meta.url)) });
});

afterAll(async () => {
  await h?.close();
});

describe('the error boundary', () => {
  it('answers a command that throws with a short private message and logs it once with the command name', async () => {
    const payload = chatInput('boom', {}, { user: h.user(), applicationId: h.fake.applicationId });
    const exchange = await h.run(payload);
    expect(exchange.requests).toHaveLength(1);
    expect(exchange.final.body).toEqual({
      type: 4,
      data: expect.objectContaining({
        content: 'Something went wrong while answering. It has been logged; please try again in a moment.',
        flags: 64,
        allowed_mentions: { parse: [] },
      }),
    });
    const errors = h.logs.filter((line) => line.level >= 50 && line.msg === 'command failed');
    expect(errors).toEqual([
      expect.objectContaining({
        command: 'boom',
        err: expect.objectContaining({ message: 'the database is on fire' }),
      }),
    ]);
  });

  it('keeps serving after the failure, with the modules it could load', async () => {
    const exchange = await h.run(
      chatInput('ping', {}, { user: h.user(), applicationId: h.fake.applicationId }),
    );
    expect(exchange.final.body.data.content).toBe('pong');
    expect(h.logs.filter((line) => String(line.msg).startsWith('refused command module'))).toHaveLength(6);
  });
});
