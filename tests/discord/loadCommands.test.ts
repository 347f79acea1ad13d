import { fileURLToPath } from 'node:url';
import type { ChatInputCommandInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import * as admin from '../../commands/admin.js';
import * as ask from '../../commands/ask.js';
import * as facts from '../../commands/facts.js';
import * as help from '../../commands/help.js';
import * as search from '../../commands/search.js';
import * as source from '../../commands/source.js';
import * as stories from '../../commands/stories.js';
import * as verify from '../../commands/verify.js';
import * as verifyMessage from '../../commands/verifyMessage.js';
import { loadCommands } from '../../src/discord/loadCommands.js';
import type { CommandModule } from '../../src/discord/types.js';
import { captureLogs, type LogLine } from './harness.js';

// Compile-time check: every command file has the shape the loader expects.
const chatModules: CommandModule<ChatInputCommandInteraction>[] = [
  admin,
  ask,
  facts,
  help,
  search,
  source,
  stories,
  verify,
];
const menuModules: CommandModule<MessageContextMenuCommandInteraction>[] = [verifyMessage];
const modules = [...chatModules, ...menuModules];

function capture() {
  const lines: LogLine[] = [];
  const log = captureLogs(lines);
  return { log, lines };
}

describe('loadCommands', () => {
  it('loads every module under commands/ with its definition, summary and buttons', async () => {
    const { log, lines } = capture();
    const loaded = await loadCommands(log);
    expect([...loaded.commands.keys()].sort()).toEqual([
      '1:admin',
      '1:ask',
      '1:facts',
      '1:help',
      '1:search',
      '1:source',
      '1:stories',
      '1:verify',
      '3:Verify against stories',
    ]);
    expect(loaded.summaries.map((s) => s.name)).toEqual([
      'admin',
      'ask',
      'facts',
      'help',
      'search',
      'source',
      'stories',
      'verify',
    ]);
    expect(loaded.definitions).toHaveLength(modules.length);
    expect([...loaded.buttons.keys()].sort()).toEqual(['adm', 'fb', 'fct', 'nav', 'src']);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('registers autocomplete only where the module can answer it', async () => {
    const { log } = capture();
    const { definitions } = await loadCommands(log);
    const autocompleted = definitions.flatMap((d) =>
      ('options' in d ? (d.options ?? []) : [])
        .filter((o) => 'autocomplete' in o && o.autocomplete)
        .map((o) => `${d.name}.${o.name}`),
    );
    expect(autocompleted.sort()).toEqual([
      'ask.story',
      'facts.entity',
      'facts.story',
      'search.query',
      'search.story',
      'source.story',
    ]);
  });

  it('refuses each broken module with one log line naming the file, and keeps the good ones', async () => {
    const { log, lines } = capture();
    const dir = fileURLToPath(new URL('./fixtures/commands/', import.meta.url));
    const loaded = await loadCommands(log, dir);
    expect([...loaded.commands.keys()].sort()).toEqual(['1:boom', '1:ping']);
    const refusals = lines.filter((line) => line.level >= 50).map((line) => [line.file, line.msg]);
    expect(refusals).toEqual([
      ['invalidBuilder.ts', expect.stringMatching(/^refused command module: its builder is invalid/)],
      [
        'missingAutocomplete.ts',
        'refused command module: an option uses autocomplete but the module exports no `autocomplete` function',
      ],
      ['noData.ts', 'refused command module: it does not export `data` (a command builder with toJSON)'],
      ['noExecute.ts', 'refused command module: it does not export an `execute` function'],
      ['throwsOnImport.ts', 'refused command module: it does not load'],
      ['zDuplicate.ts', 'refused command module: another module already defines this command'],
    ]);
  });
});
