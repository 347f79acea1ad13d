import fc from 'fast-check';
import { ButtonStyle, ComponentType, type APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  cutOnWord,
  ELLIPSIS,
  embedLength,
  finishReply,
  fitChoices,
  LIMITS,
  type ButtonRow,
} from '../../src/discord/limits.js';
import { problemsWithChoices, problemsWithMessage } from '../fakeDiscord/discordLimits.js';

/** The body discord.js would send for a reply (what the fake Discord checks). */
function body(reply: ReturnType<typeof finishReply>) {
  return {
    content: reply.content,
    embeds: reply.embeds,
    components: reply.components,
    allowed_mentions: reply.allowedMentions,
  };
}

const words = fc
  .array(
    fc.oneof(
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.constantFrom(' ', ' ', '\\', '\\\\', '😀', 'é', '…'),
    ),
    { maxLength: 400 },
  )
  .map((parts) => parts.join(''));
const longText = fc.oneof(words, fc.string({ maxLength: 7000 }), fc.constant('word '.repeat(2000)));

describe('limits', () => {
  describe('cutOnWord', () => {
    it('returns text that fits unchanged', () => {
      expect(cutOnWord('short text', 20)).toBe('short text');
    });

    it('cuts on the last word boundary and adds an ellipsis', () => {
      expect(cutOnWord('the quick brown fox jumps', 17)).toBe('the quick brown…');
    });

    it('never leaves a dangling backslash that would escape the ellipsis', () => {
      expect(cutOnWord('x'.repeat(9) + '\\*yz', 11)).toBe('x'.repeat(9) + '…');
    });

    it('fits within the limit, keeps a prefix of the text and never splits a surrogate pair, for any text', () => {
      fc.assert(
        fc.property(longText, fc.integer({ min: 2, max: 5000 }), (text, max) => {
          const cut = cutOnWord(text, max);
          expect(cut.length).toBeLessThanOrEqual(max);
          if (text.length <= max) {
            expect(cut).toBe(text);
            return;
          }
          expect(cut.endsWith(ELLIPSIS)).toBe(true);
          const kept = cut.slice(0, -ELLIPSIS.length);
          expect(text.startsWith(kept)).toBe(true);
          expect(kept).not.toMatch(/[\uD800-\uDBFF]$/);
          expect((/\\+$/.exec(kept)?.[0].length ?? 0) % 2).toBe(0);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('finishReply', () => {
    it('pings nobody unless one user is named', () => {
      expect(finishReply({ content: 'x' }).allowedMentions).toEqual({ parse: [] });
      expect(finishReply({ content: 'x', mentionUser: '123456789012345678' }).allowedMentions).toEqual({
        parse: [],
        users: ['123456789012345678'],
      });
    });

    it('drops buttons whose custom_id is too long instead of cutting their state', () => {
      const row: ButtonRow = {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'ok',
            custom_id: 'a'.repeat(100),
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'too long',
            custom_id: 'b'.repeat(101),
          },
        ],
      };
      expect(
        finishReply({ content: 'x', components: [row] }).components[0]!.components.map((b) =>
          'label' in b ? b.label : '',
        ),
      ).toEqual(['ok']);
    });

    it('never sends an empty message', () => {
      expect(finishReply({ content: '   ' }).content).toBe(ELLIPSIS);
    });

    it('produces bodies Discord accepts, whatever the sizes, and keeps the 6000 total', () => {
      const field = fc.record({
        name: fc.oneof(longText, fc.constant('')),
        value: fc.oneof(longText, fc.constant('')),
      });
      const embed = fc.record(
        {
          title: longText,
          description: longText,
          fields: fc.array(field, { maxLength: 40 }),
          footer: fc.record({ text: longText }),
          author: fc.record({ name: longText }),
        },
        { requiredKeys: [] },
      );
      const button = fc.record({
        type: fc.constant(ComponentType.Button as const),
        style: fc.constant(ButtonStyle.Primary as const),
        label: longText,
        custom_id: fc.string({ minLength: 1, maxLength: 130 }),
      });
      const row = fc.record({
        type: fc.constant(ComponentType.ActionRow as const),
        components: fc.uniqueArray(button, { maxLength: 8, selector: (b) => b.custom_id }),
      });
      fc.assert(
        fc.property(
          fc.option(longText, { nil: undefined }),
          fc.array(embed, { maxLength: 12 }),
          fc.array(row, { maxLength: 7 }),
          (content, embeds, components) => {
            const unique = new Set<string>();
            const distinctRows = components.map((r) => ({
              ...r,
              components: r.components.filter((b) => !unique.has(b.custom_id) && unique.add(b.custom_id)),
            }));
            const reply = finishReply({ content, embeds: embeds as APIEmbed[], components: distinctRows });
            expect(problemsWithMessage(body(reply))).toEqual([]);
            expect(reply.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(
              LIMITS.embedTotal,
            );
          },
        ),
        { numRuns: 150 },
      );
    });
  });

  describe('fitChoices', () => {
    it('keeps at most 25 unique choices with names and values Discord accepts', () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ name: longText, value: fc.string({ maxLength: 140 }) }), { maxLength: 60 }),
          (choices) => {
            const fitted = fitChoices(choices);
            expect(problemsWithChoices({ choices: fitted })).toEqual([]);
            expect(new Set(fitted.map((c) => c.value)).size).toBe(fitted.length);
            for (const choice of fitted) expect(choices.some((c) => c.value === choice.value)).toBe(true);
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
