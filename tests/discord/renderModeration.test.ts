import { describe, expect, it } from 'vitest';
import { asOf, readableTime } from '../../src/core/corpus/asOf.js';
import { paragraphHash } from '../../src/core/corpus/paragraphHash.js';
import type { NewsIndex } from '../../src/core/search/buildIndex.js';
import type { Reply } from '../../src/discord/limits.js';
import { paragraphButtonId, renderSource } from '../../src/discord/render.js';
import {
  renderAdded,
  renderChannelRefusal,
  renderReload,
  renderRemoveConfirm,
  renderStats,
} from '../../src/discord/renderModeration.js';
import { problemsWithMessage } from '../fakeDiscord/discordLimits.js';

function body(reply: Reply) {
  return { content: reply.content, embeds: reply.embeds, components: reply.components };
}

function indexWith(id: string, text: string): NewsIndex {
  return {
    stories: [{ id, title: 'T', url: null, paragraphs: [{ number: 1, text, sentences: [] }] }],
    storyPositions: new Map([[id, 0]]),
  } as unknown as NewsIndex;
}

describe('renderModeration', () => {
  it('fits a reload diff of hundreds of stories within Discord limits', () => {
    const ids = Array.from({ length: 600 }, (_, i) => `story_${i}_with_a_longish_identifier`);
    const reply = renderReload(
      {
        diff: {
          added: ids,
          removed: ids.slice(0, 100),
          changed: ids
            .slice(0, 300)
            .map((story) => ({ story, paragraphs: [1, 2, 3, 9], before: 9, after: 10 })),
        },
        warnings: ids.map((id) => `Stories: skipped seeds/${id}.txt: it is not valid UTF-8 text`),
      },
      600,
    );
    expect(problemsWithMessage(body(reply))).toEqual([]);
    expect(reply.embeds[0]!.description).toMatch(/^Added: story\\_0\\_with/);
    expect(reply.ephemeral).toBe(true);
  });

  it('escapes story titles and reader questions, and pings nobody', () => {
    const added = renderAdded({
      id: 'x',
      title: '**Bold** @everyone <@123456789012345678>',
      paragraphs: 1,
      internal: true,
      replaced: false,
      diff: { added: ['x'], removed: [], changed: [] },
      warnings: [],
    });
    expect(added.embeds[0]!.description).toBe(
      '`x` — **\\*\\*Bold\\*\\* @\u200Beveryone \\<@123456789012345678>**\n1 paragraph · newsroom only (visibility: internal)',
    );
    const stats = renderStats({
      indexing: { state: 'ready', phase: 'idle', done: 1, total: 1, facts: { done: 1, total: 1 } },
      stories: 3,
      internal: 1,
      paragraphs: 20,
      served: 10,
      declined: 2,
      recentDeclined: [
        {
          guild: 'g',
          question: '@here what about [this](https://evil.example)?',
          at: '2026-05-01T10:00:00.000Z',
        },
      ],
      votes: { up: 4, down: 1 },
      mostDownVoted: [{ story: 'kyiv', paragraph: 5, up: 0, down: 1 }],
    });
    expect(problemsWithMessage(body(stats))).toEqual([]);
    expect(stats.embeds[0]!.fields![3]!.value).toBe(
      '• @\u200Bhere what about \\[this\\](https://evil.example)? — 2026-05-01 10:00 UTC',
    );
    expect(stats.allowedMentions).toEqual({ parse: [] });
    const confirm = renderRemoveConfirm({ id: 'kyiv', title: 'Drones', paragraphs: [] });
    expect(confirm.components[0]!.components.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual([
      'adm:rm:kyiv',
      'adm:keep:kyiv',
    ]);
  });

  it('names the channels the bot answers in when it refuses', () => {
    const reply = renderChannelRefusal(['111111111111111111', '222222222222222222']);
    expect(reply.content).toBe(
      "Sorry, I don't answer in this channel — this server's moderators set me up for <#111111111111111111>, <#222222222222222222>. Please ask there.",
    );
    expect(reply.ephemeral).toBe(true);
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });
});

describe('corrections in render', () => {
  it('puts the paragraph hash in "Show paragraph", or leaves it out when the id is too long', () => {
    expect(paragraphButtonId(indexWith('kyiv', 'Text.'), 'kyiv', 1)).toBe(
      `src:kyiv:1:${paragraphHash('Text.')}`,
    );
    const long = 'a'.repeat(88);
    expect(paragraphButtonId(indexWith(long, 'Text.'), long, 1)).toBe(`src:${long}:1`);
  });

  it('marks a corrected paragraph in the /source footer', () => {
    const source = { story: 's', paragraph: 2, title: 'T', text: 'Text.', citation: 's ¶2', paragraphs: 3 };
    expect(renderSource(source, null).embeds[0]!.footer!.text).toBe('s ¶2 · paragraph 2 of 3');
    expect(
      renderSource(source, null, { correctedAt: '2026-03-15T14:02:09.000Z' }).embeds[0]!.footer!.text,
    ).toBe('s ¶2 · paragraph 2 of 3 · ✏️ corrected 2026-03-15 14:02 UTC');
  });

  it('says "as of" from updated, else the file time', () => {
    expect(asOf({ updated: '2026-03-15', modified: '2026-04-01T08:00:00.000Z' })).toBe('2026-03-15');
    expect(asOf({ updated: null, modified: '2026-04-01T08:00:00.000Z' })).toBe('2026-04-01 08:00 UTC');
    expect(asOf({ updated: null })).toBeNull();
    expect(readableTime('2026-03-15T10:00+02:00')).toBe('2026-03-15 08:00 UTC');
  });
});
