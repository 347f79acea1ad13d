import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/core/queries.js';
import { renderAnswer } from '../../src/discord/render.js';
import { openLibrary, type Library } from '../../src/store/openLibrary.js';
import { chatInput } from '../fakeDiscord/interactions.js';
import { isCallback, messageBody, startHarness, type Exchange, type Harness } from '../discord/harness.js';
import { devQuestions, from, heapAfterGc, LEVEL, megabytes, percentile } from './support.js';

/**
 * 500 interactions dispatched at once through the fake Discord (gateway and REST over
 * sockets), each from a different user with the default cooldown on: every one answered
 * with exactly what the core answers for its question. Prints reply and acknowledgement
 * times and the heap before and after.
 */

const COUNT = 500;
let h: Harness;
let library: Library;

beforeAll(async () => {
  h = await startHarness();
  library = openLibrary(h.storyDir);
});

afterAll(async () => {
  await h?.close();
});

describe('load: concurrent', () => {
  it(
    `answers ${COUNT} concurrent questions from different users, each with exactly the core's answer`,
    { timeout: 90_000 },
    async () => {
      const { answerable, unanswerable } = devQuestions();
      const questions = [...answerable, ...unanswerable];
      // Warm up (first-call compilation), then measure from a collected heap.
      for (const question of questions.slice(0, 5)) await h.run(chatInput('ask', { question }, from(h)));
      const heapBefore = heapAfterGc();
      const since = h.logs.length;

      const payloads = Array.from({ length: COUNT }, (_, i) =>
        chatInput('ask', { question: questions[i % questions.length]! }, from(h)),
      );
      const started = Date.now();
      const exchanges: Exchange[] = await Promise.all(payloads.map((payload) => h.run(payload, 80_000)));
      const wall = Date.now() - started;
      const heapAfter = heapAfterGc();

      const replyMs = exchanges.map((e) => e.final.at - e.sentAt);
      const ackMs = exchanges.map((e) => e.requests.find(isCallback)!.at - e.sentAt);
      let wrong = 0;
      for (const exchange of exchanges) {
        const payload = exchange.payload as ReturnType<typeof chatInput>;
        const question = payload.data.options[0].value as string;
        const expected = renderAnswer(library.index, ask(library.index, question), {
          askerId: payload.member.user.id,
          hidden: false,
        });
        const body = messageBody(exchange.final);
        const same =
          JSON.stringify(body.embeds) === JSON.stringify(expected.embeds) &&
          JSON.stringify(body.components) === JSON.stringify(expected.components) &&
          body.content === expected.content &&
          JSON.stringify(body.allowed_mentions) === JSON.stringify({ parse: [] });
        if (!same) wrong++;
      }
      console.info(
        `[load] ${COUNT} concurrent /ask through the fake Discord: all answered in ${wall} ms; ` +
          `reply p50 ${percentile(replyMs, 50)} ms, p95 ${percentile(replyMs, 95)} ms, max ${Math.max(...replyMs)} ms; ` +
          `acknowledged: p95 ${percentile(ackMs, 95)} ms, max ${Math.max(...ackMs)} ms; heap ${megabytes(heapBefore)} before, ${megabytes(heapAfter)} after`,
      );
      expect(wrong).toBe(0);
      // Acknowledgement times are reported, not asserted: here the fake Discord shares the CPU
      // with the bot, so they measure the test machine as much as the bot (see README).
      expect(ackMs.every((ms) => ms >= 0)).toBe(true);
      expect(h.fake.requests.flatMap((r) => r.problems)).toEqual([]);
      expect(h.logs.slice(since).filter((line) => line.level >= LEVEL.warn)).toEqual([]);
    },
  );
});
