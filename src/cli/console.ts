import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { asOf, readableTime } from '../core/corpus/asOf.js';
import { UserError } from '../core/errors.js';
import { isFactType } from '../core/facts/types.js';
import { ask, facts, listStories, search, source, verify } from '../core/queries.js';
import type { Logger } from '../log.js';
import type { Library } from '../store/openLibrary.js';
import { describeIndexing } from '../store/libraryHolder.js';
import { describeDiff, type StoryDesk } from '../store/storyDesk.js';
import {
  renderAnswerText,
  renderFactCard,
  renderFactsText,
  renderSearchText,
  renderSourceText,
  renderStoriesText,
  renderVerificationText,
} from './renderText.js';

export const CONSOLE_HELP = `Commands (the same ones the Discord bot answers):
  /ask QUESTION         the best cited excerpt from the stories (plain text without a / works too)
  /search QUERY         ranked cited sentences matching the words
  /source STORY N       paragraph N of a story, verbatim
  /stories              the stories being served
  /facts [TYPE] [NAME]  facts of the stories, e.g. /facts person, /facts quote Trump, /facts Kyiv
  /verify CLAIM         is the claim supported, contradicted or not in the stories?
  /admin reload         re-read the story folder and serve it; shows what changed
  /admin add FILE [--replace]  add a story from a local .txt/.md file (--replace corrects one)
  /admin remove ID      stop serving a story and delete its file
  /admin stats          stories, questions answered and declined, reader feedback
  /help                 this help
  /quit                 leave (Ctrl+D works too)`;

export const ADMIN_USAGE =
  'Usage: /admin reload | /admin add FILE [--replace] | /admin remove ID | /admin stats';

/**
 * `/facts [TYPE] [NAME]`: a first word naming a type (singular or plural, "people" too)
 * is the type; whatever else is the name of the entity.
 */
export function factArguments(rest: string): { type?: string; entity?: string } {
  const words = rest.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.toLowerCase() ?? '';
  const singular = first === 'people' ? 'person' : first.replace(/ies$/, 'y').replace(/s$/, '');
  const type = isFactType(first) ? first : isFactType(singular) && singular !== first ? singular : undefined;
  const entity = (type ? words.slice(1) : words).join(' ');
  return { ...(type ? { type } : {}), ...(entity ? { entity } : {}) };
}

/** "As of" under an answer: when its story was last updated (front matter) or saved. */
function asOfLine(library: Library, storyId: string | undefined): string {
  const position = storyId === undefined ? undefined : library.index.storyPositions.get(storyId);
  const when = asOf(position === undefined ? undefined : library.stories[position]);
  return when ? `\n  (quoted from the story as of ${when})` : '';
}

/**
 * Answers one console line as the bot would, rendered as text. With `desk`, `/source`
 * marks paragraphs a reload found corrected.
 */
export function answerConsoleLine(library: Library, line: string, desk?: StoryDesk): string {
  const text = line.trim();
  if (!text) return '';
  const match = /^\/(\S+)\s*(.*)$/s.exec(text);
  const [command, rest] = match ? [match[1]!.toLowerCase(), match[2]!] : ['ask', text];
  try {
    switch (command) {
      case 'ask': {
        const answer = ask(library.index, rest);
        return (
          renderAnswerText(library.index, answer) +
          asOfLine(library, answer.results[0]?.story) +
          renderFactCard(answer.facts)
        );
      }
      case 'facts':
        return renderFactsText(facts(library.index, factArguments(rest)).facts);
      case 'verify':
        if (!rest.trim())
          return 'Usage: /verify CLAIM — for example /verify At least 14 civilians were injured in Kyiv';
        return renderVerificationText(library.index, verify(library.index, rest));
      case 'search':
        return renderSearchText(library.index, search(library.index, rest));
      case 'source': {
        const [story, number, ...extra] = rest.split(/\s+/).filter(Boolean);
        if (!story || !number || extra.length > 0 || !/^\d{1,9}$/.test(number)) {
          return (
            'Usage: /source STORY N — for example /source ' + (library.stories[0]?.id ?? 'story-id') + ' 1'
          );
        }
        const corrected = desk?.correctedAt(story, Number(number));
        const text = renderSourceText(source(library.index, story, Number(number)));
        return corrected ? `${text}\n\n(corrected ${readableTime(corrected)})` : text;
      }
      case 'stories':
        return renderStoriesText(listStories(library.index));
      case 'help':
        return CONSOLE_HELP;
      case 'admin':
        return ADMIN_USAGE;
      default:
        return `Unknown command /${command.slice(0, 40)} — type /help for the list.`;
    }
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
}

/** True for a console line that is an `/admin` action (answered by `answerAdminLine`). */
export function isAdminLine(line: string): boolean {
  return /^\/admin(\s|$)/i.test(line.trim());
}

/** Usage figures as text: the console's `/admin stats` (all servers together). */
function statsText(desk: StoryDesk): string {
  const stats = desk.stats(null);
  const lines = [
    `Stories: ${stats.stories} (${stats.internal} newsroom only), ${stats.paragraphs} paragraphs`,
    `Questions: ${stats.served} answered, ${stats.declined} declined`,
    `Feedback: ${stats.votes.up} up, ${stats.votes.down} down`,
    `Index: ${describeIndexing(stats.indexing)}`,
  ];
  if (stats.recentDeclined.length) {
    lines.push(
      'Recently declined:',
      ...stats.recentDeclined.map((q) => `  - ${q.question} (${readableTime(q.at)})`),
    );
  }
  if (stats.mostDownVoted.length) {
    lines.push(
      'Most down-voted:',
      ...stats.mostDownVoted.map((p) => `  - ${p.story} ¶${p.paragraph}: ${p.down} down, ${p.up} up`),
    );
  }
  return lines.join('\n');
}

/**
 * The newsroom's `/admin` actions on the owner's machine (no permission check): reload,
 * add a local file, remove a story, stats. Each action is one structured log line.
 */
export async function answerAdminLine(desk: StoryDesk, line: string, log?: Logger): Promise<string> {
  const [, action = '', ...args] = line.trim().split(/\s+/);
  const record = (summary: string, details: Record<string, unknown> = {}) =>
    log?.info(
      { audit: true, action, outcome: 'done', face: 'console', ...details },
      `admin ${action} done: ${summary}`,
    );
  try {
    switch (action.toLowerCase()) {
      case 'reload': {
        const { diff, warnings } = await desk.reload();
        const lines = describeDiff(diff);
        record(lines.join('; '), { diff });
        return [...lines, ...warnings.map((w) => `Skipped: ${w}`)].join('\n');
      }
      case 'add': {
        const replace = args.includes('--replace');
        const path = args.filter((arg) => arg !== '--replace').join(' ');
        if (!path) return ADMIN_USAGE;
        let bytes: Buffer;
        try {
          bytes = readFileSync(path);
        } catch (error) {
          return `Upload: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
        }
        const added = await desk.add(basename(path), bytes, replace);
        const count = `${added.paragraphs} paragraph${added.paragraphs === 1 ? '' : 's'}`;
        const head = `${added.replaced ? 'Corrected' : 'Added'} ${added.id} — ${added.title} (${count}${added.internal ? ', newsroom only' : ''}); served now.`;
        record(head, { story: added.id, replaced: added.replaced, diff: added.diff });
        return added.replaced ? [head, ...describeDiff(added.diff)].join('\n') : head;
      }
      case 'remove': {
        const [id, ...extra] = args;
        if (!id || extra.length) return ADMIN_USAGE;
        const { diff } = await desk.remove(id);
        record(`removed story ${id}`, { story: id, diff });
        return [`Removed ${id}; it is no longer served.`, ...describeDiff(diff)].join('\n');
      }
      case 'stats':
        record('viewed stats');
        return statsText(desk);
      default:
        return ADMIN_USAGE;
    }
  } catch (error) {
    if (error instanceof UserError) {
      log?.info(
        { audit: true, action, outcome: 'refused', face: 'console' },
        `admin ${action} refused: ${error.message}`,
      );
      return error.message;
    }
    throw error;
  }
}

export interface ConsoleOptions {
  /** Story folder operations for `/admin`; without it `/admin` only prints its usage. */
  desk?: StoryDesk;
  log?: Logger;
}

export interface ConsoleIo {
  input: Readable & { isTTY?: boolean };
  output: Writable;
}

/**
 * The offline console: reads commands line by line and prints the answers. Interactive on
 * a terminal; otherwise it answers each input line and returns at end of input.
 */
export async function runConsole(
  library: Library,
  io: ConsoleIo,
  options: ConsoleOptions = {},
): Promise<void> {
  const { desk, log } = options;
  const current = () => desk?.library ?? library;
  const interactive = io.input.isTTY === true;
  const lines = createInterface({
    input: io.input,
    output: interactive ? io.output : undefined,
    terminal: interactive,
  });
  const write = (text: string) => io.output.write(`${text}\n`);
  if (interactive) {
    write(
      `newsdesk offline console — ${library.stories.length} stor${library.stories.length === 1 ? 'y' : 'ies'} loaded.`,
    );
    write('Type /help for commands, /quit to leave. Try: /ask How many civilians were injured?');
    lines.setPrompt('newsdesk> ');
    lines.prompt();
  }
  for await (const line of lines) {
    if (/^\/(quit|exit)\b/i.test(line.trim())) break;
    const reply =
      desk && isAdminLine(line)
        ? await answerAdminLine(desk, line, log)
        : answerConsoleLine(current(), line, desk);
    if (reply) write(interactive ? `\n${reply}\n` : reply);
    if (interactive) lines.prompt();
  }
  lines.close();
}
