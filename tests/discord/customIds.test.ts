import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUTTONS, decodeCustomId, encodeCustomId, paragraphArg } from '../../src/discord/customIds.js';

describe('customIds', () => {
  describe('encodeCustomId', () => {
    it('joins the prefix and arguments with ":"', () => {
      expect(encodeCustomId(BUTTONS.paragraph, '000_9f28cc2ec71faf02', 5)).toBe('src:000_9f28cc2ec71faf02:5');
    });

    it('refuses ids over 100 characters and arguments holding ":" instead of cutting state', () => {
      expect(encodeCustomId('src', 'a'.repeat(94), 5)).toBe(`src:${'a'.repeat(94)}:5`);
      expect(encodeCustomId('src', 'a'.repeat(95), 55)).toBeNull();
      expect(encodeCustomId('src', 'a:b', 1)).toBeNull();
      expect(encodeCustomId('src', '', 1)).toBeNull();
    });

    it('round-trips through decodeCustomId whenever it fits', () => {
      const part = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => !s.includes(':'));
      fc.assert(
        fc.property(part, fc.array(fc.oneof(part, fc.nat()), { maxLength: 4 }), (prefix, args) => {
          const id = encodeCustomId(prefix, ...args);
          if (id === null) return;
          expect(id.length).toBeLessThanOrEqual(100);
          expect(decodeCustomId(id)).toEqual({ prefix, args: args.map(String) });
        }),
      );
    });
  });

  describe('paragraphArg', () => {
    it('accepts whole numbers only', () => {
      expect(paragraphArg('12')).toBe(12);
      expect(paragraphArg('1e3')).toBeNull();
      expect(paragraphArg('-1')).toBeNull();
      expect(paragraphArg(undefined)).toBeNull();
    });
  });
});
