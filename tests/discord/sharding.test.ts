import { Client, type APIInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { collectStats, countQuestions, type ShardBroadcaster } from '../../src/discord/sharding.js';
import { chatInput, fakeUser } from '../fakeDiscord/interactions.js';

const APPLICATION_ID = '1100000000000000001';

/** Builds an Interaction from a raw payload and emits it, as the gateway (and the HTTP endpoint) does. */
function receive(client: Client, payload: unknown): void {
  (
    client as unknown as { actions: { InteractionCreate: { handle(data: APIInteraction): void } } }
  ).actions.InteractionCreate.handle(payload as APIInteraction);
}

describe('discord/sharding', () => {
  describe('collectStats', () => {
    it('counts the /ask questions an unsharded process received, and nothing else', async () => {
      const client = new Client({ intents: [] });
      const before = await collectStats(client);
      countQuestions(client);
      const where = { user: fakeUser(), applicationId: APPLICATION_ID };
      receive(client, chatInput('ask', { question: 'Who?' }, where));
      receive(client, chatInput('ask', { question: 'What?' }, where));
      receive(client, chatInput('stories', {}, where));
      expect(await collectStats(client)).toEqual({ shards: 1, guilds: 0, questions: before.questions + 2 });
      await client.destroy();
    });

    it('sums the figures every shard reports', async () => {
      const shards = [
        { guilds: { cache: { size: 3 } } },
        { guilds: { cache: { size: 4 } } },
      ] as unknown as Client[];
      const broadcaster: ShardBroadcaster = {
        broadcastEval: async (fn) => shards.map((shard) => fn(shard)),
      };
      const stats = await collectStats(broadcaster);
      expect(stats.shards).toBe(2);
      expect(stats.guilds).toBe(7);
    });
  });
});
