/** Per-user command cooldown. */
export interface Cooldowns {
  /**
   * Records a use by `userId` and returns 0, or returns the seconds left (without
   * recording) when the user is still cooling down.
   */
  take(userId: string): number;
}

/** Above this many tracked users, expired entries are swept so the map cannot grow without end. */
const SWEEP_AT = 10_000;

/** `seconds` 0 turns cooldowns off. `now` is injectable for tests. */
export function createCooldowns(seconds: number, now: () => number = Date.now): Cooldowns {
  const until = new Map<string, number>();
  const span = seconds * 1000;
  return {
    take(userId) {
      if (span <= 0) return 0;
      const time = now();
      const end = until.get(userId);
      if (end !== undefined && end > time) return (end - time) / 1000;
      if (until.size >= SWEEP_AT) {
        for (const [user, expiry] of until) if (expiry <= time) until.delete(user);
      }
      until.set(userId, time + span);
      return 0;
    },
  };
}
