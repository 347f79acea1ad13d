import { describe, expect, it } from 'vitest';
import { createCooldowns } from '../../src/discord/cooldowns.js';

describe('cooldowns', () => {
  describe('createCooldowns', () => {
    it('lets a user through, then reports the seconds left until the cooldown ends', () => {
      let now = 1_000_000;
      const cooldowns = createCooldowns(3, () => now);
      expect(cooldowns.take('a')).toBe(0);
      now += 1000;
      expect(cooldowns.take('a')).toBe(2);
      expect(cooldowns.take('b')).toBe(0);
      now += 2000;
      expect(cooldowns.take('a')).toBe(0);
    });

    it('does not extend the cooldown when a user is refused', () => {
      let now = 0;
      const cooldowns = createCooldowns(3, () => now);
      cooldowns.take('a');
      now = 2500;
      cooldowns.take('a');
      now = 3000;
      expect(cooldowns.take('a')).toBe(0);
    });

    it('is off at 0 seconds', () => {
      const cooldowns = createCooldowns(0);
      expect(cooldowns.take('a')).toBe(0);
      expect(cooldowns.take('a')).toBe(0);
    });
  });
});
