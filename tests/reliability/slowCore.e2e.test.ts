import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chatInput } from '../fakeDiscord/interactions.js';
import { isCallback, KYIV_QUESTION, messageBody, startHarness, type Harness } from '../discord/harness.js';
import { from } from './support.js';

/**
 * Core work slower than Discord's 3 s: a test-only hook makes the core's `ask`
 * block the event loop for 3.5 s whenever the text contains SLOW_MARK (the core is
 * synchronous, so this is what a huge question or corpus would do). Nothing changes for users:
 * the hook lives only in this file's module graph.
 */

const SLOW_MARK = 'drone strike';
const SLOW_MS = 3500;

function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: the event loop is blocked, as by a heavy synchronous core call
  }
}

vi.mock('../../src/core/queries.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/queries.js')>();
  return {
    ...original,
    ask: (...args: Parameters<typeof original.ask>) => {
      if (args[1].includes(SLOW_MARK)) blockFor(SLOW_MS);
      return original.ask(...args);
    },
  };
});

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { COOLDOWN_SECONDS: '0' } });
});

afterAll(async () => {
  await h?.close();
});

describe('core work slower than 3 s', { timeout: 20_000 }, () => {
  it('defers /ask within 3 s, then edits in the answer when the slow core is done', async () => {
    const exchange = await h.run(chatInput('ask', { question: KYIV_QUESTION }, from(h)), 10_000);
    const [ack] = exchange.requests.filter(isCallback);
    expect(ack!.body).toEqual({ type: 5, data: { flags: 0, allowed_mentions: { parse: [] } } });
    expect(ack!.at - exchange.sentAt).toBeLessThan(3000);
    expect(exchange.final.at - exchange.sentAt).toBeGreaterThanOrEqual(SLOW_MS);
    expect(exchange.final.method).toBe('PATCH');
    expect(JSON.stringify(messageBody(exchange.final))).toContain('at least 14 civilians');
  });
});
