import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { UserError } from '../core/errors.js';
import { ask, listStories, search, source } from '../core/queries.js';
import type { Library } from '../store/openLibrary.js';
import { renderAnswerText, renderSearchText, renderSourceText, renderStoriesText } from './renderText.js';

export const CONSOLE_HELP = `Commands (the same ones the Discord bot answers):
  /ask QUESTION         the best cited excerpt from the stories (plain text without a / works too)
  /search QUERY         ranked cited sentences matching the words
  /source STORY N       paragraph N of a story, verbatim
  /stories              the stories being served
  /help                 this help
  /quit                 leave (Ctrl+D works too)`;

/** Answers one console line as the bot would, rendered as text. */
export function answerConsoleLine(library: Library, line: string): string {
  const text = line.trim();
  if (!text) return '';
  const match = /^\/(\S+)\s*(.*)$/s.exec(text);
  const [command, rest] = match ? [match[1]!.toLowerCase(), match[2]!] : ['ask', text];
  try {
    switch (command) {
      case 'ask':
        return renderAnswerText(library.index, ask(library.index, rest));
      case 'search':
        return renderSearchText(library.index, search(library.index, rest));
      case 'source': {
        const [story, number, ...extra] = rest.split(/\s+/).filter(Boolean);
        if (!story || !number || extra.length > 0 || !/^\d{1,9}$/.test(number)) {
          return 'Usage: /source STORY N — for example /source ' + (library.stories[0]?.id ?? 'story-id') + ' 1';
        }
        return renderSourceText(source(library.index, story, Number(number)));
      }
      case 'stories':
        return renderStoriesText(listStories(library.index));
      case 'help':
        return CONSOLE_HELP;
      default:
        return `Unknown command /${command.slice(0, 40)} — type /help for the list.`;
    }
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
}

export interface ConsoleIo {
  input: Readable & { isTTY?: boolean };
  output: Writable;
}

/**
 * The offline console: reads commands line by line and prints the answers. Interactive on
 * a terminal; otherwise it answers each input line and returns at end of input.
 */
export async function runConsole(library: Library, io: ConsoleIo): Promise<void> {
  const interactive = io.input.isTTY === true;
  const lines = createInterface({ input: io.input, output: interactive ? io.output : undefined, terminal: interactive });
  const write = (text: string) => io.output.write(`${text}\n`);
  if (interactive) {
    write(`newsdesk offline console — ${library.stories.length} stor${library.stories.length === 1 ? 'y' : 'ies'} loaded.`);
    write('Type /help for commands, /quit to leave. Try: /ask How many civilians were injured?');
    lines.setPrompt('newsdesk> ');
    lines.prompt();
  }
  for await (const line of lines) {
    if (/^\/(quit|exit)\b/i.test(line.trim())) break;
    const reply = answerConsoleLine(library, line);
    if (reply) write(interactive ? `\n${reply}\n` : reply);
    if (interactive) lines.prompt();
  }
  lines.close();
}
