import type { Readable } from 'node:stream';
import { UserError } from '../core/errors.js';
import { ask, facts, listStories, search, source, verify } from '../core/queries.js';
import type { Library } from '../store/openLibrary.js';
import {
  renderAnswerText,
  renderFactCard,
  renderFactsText,
  renderSearchText,
  renderSourceText,
  renderStoriesText,
  renderVerificationText,
} from './renderText.js';
import type { Answer } from '../core/answer/answerQuestion.js';
import { FACT_TYPES, isFactType, type Fact } from '../core/facts/types.js';

/** A malformed command line: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const CLI_USAGE = `Usage: npm run -s cli -- <command> [--json] [arguments]

Commands:
  ask "question"          the best cited excerpt answering the question
  ask                     batch: one question per line on standard input, one answer per line
  search "query"          up to 10 ranked cited sentences
  source STORY N          paragraph N of a story, verbatim
  stories                 the stories being served
  facts                   facts of the stories: people, organizations, places, quantities,
                          quotes, statements, equipment, times (filter with --type, --story, --entity)
  verify "claim"          supported, contradicted or not_found, with the cited excerpt

Options:
  --json                  machine-readable output (the contract in DESIGN.md)
  --story ID              ask/search/facts/verify: only this story
  --type T                facts: only this type (${FACT_TYPES.join(', ')})
  --entity NAME           facts: only facts about this person, organization, place or thing
  -h, --help              this help

Exit codes: 0 answered or declined (also a not_found verdict or no matching facts), 2 usage
error, 1 runtime error (e.g. story folder missing).
SEEDS_DIR chooses the story folder (default: seeds).
`;

export interface CommandOptions {
  json?: boolean | undefined;
  story?: string | undefined;
  type?: string | undefined;
  entity?: string | undefined;
}

export interface CommandIo {
  stdin: Readable & { isTTY?: boolean };
  write: (text: string) => void;
}

/** The JSON shape of an answer (DESIGN.md's contract); `facts` comes from `ask` in src/core/queries. */
export function answerJson(answer: Answer & { facts?: readonly Fact[] }) {
  return {
    query: answer.query,
    answered: answer.answered,
    confidence: answer.confidence,
    results: answer.results,
    facts: answer.facts ?? [],
  };
}

/** Checks the `facts` options before any story is read, so a typo fails fast with exit code 2. */
function factOptions(options: CommandOptions): { type?: string; story?: string; entity?: string } {
  const { type, story, entity } = options;
  if (type !== undefined && !isFactType(type.trim())) {
    throw new UsageError(
      `newsdesk: unknown fact type "${type.slice(0, 40)}" (expected ${FACT_TYPES.join(', ')})`,
    );
  }
  if (story !== undefined && !story.trim()) throw new UsageError('newsdesk: --story needs a story id');
  if (entity !== undefined && !entity.trim()) throw new UsageError('newsdesk: --entity needs a name');
  return {
    ...(type === undefined ? {} : { type: type.trim() }),
    ...(story === undefined ? {} : { story }),
    ...(entity === undefined ? {} : { entity }),
  };
}

async function readLines(stdin: Readable): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0);
}

function oneArgument(command: string, args: readonly string[], what: string): string {
  if (args.length === 0 || !args.join(' ').trim()) throw new UsageError(`newsdesk: ${command} needs ${what}`);
  return args.join(' ');
}

function paragraphNumber(text: string | undefined): number {
  if (text === undefined) throw new UsageError('newsdesk: source needs a story id and a paragraph number');
  if (!/^\d{1,9}$/.test(text))
    throw new UsageError(`newsdesk: "${text.slice(0, 40)}" is not a paragraph number`);
  return Number(text);
}

async function runBatchAsk(library: Library, options: CommandOptions, io: CommandIo): Promise<number> {
  if (io.stdin.isTTY) throw new UsageError('newsdesk: ask needs a question (or questions on standard input)');
  let failed = false;
  for (const line of await readLines(io.stdin)) {
    try {
      io.write(`${JSON.stringify(answerJson(ask(library.index, line, { story: options.story })))}\n`);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      failed = true;
      io.write(`${JSON.stringify({ query: line.slice(0, 200), error: error.message })}\n`);
    }
  }
  return failed ? 1 : 0;
}

/**
 * Runs one CLI command and returns its exit code. Usage problems throw `UsageError`,
 * bad requests `UserError`; the caller turns both into one line on stderr.
 */
export async function runCommand(
  positionals: readonly string[],
  options: CommandOptions,
  getLibrary: () => Library,
  io: CommandIo,
): Promise<number> {
  const [command, ...args] = positionals;
  const print = (json: unknown, text: string) =>
    io.write(options.json ? `${JSON.stringify(json)}\n` : `${text}\n`);
  switch (command) {
    case 'ask': {
      if (args.length === 0) return runBatchAsk(getLibrary(), options, io);
      const library = getLibrary();
      const answer = ask(library.index, oneArgument('ask', args, 'a question'), { story: options.story });
      print(
        answerJson(answer),
        renderAnswerText(library.index, answer, 'the search command') + renderFactCard(answer.facts),
      );
      return 0;
    }
    case 'facts': {
      if (args.length > 0)
        throw new UsageError('newsdesk: facts takes no arguments (use --type, --story, --entity)');
      const query = factOptions(options);
      const response = facts(getLibrary().index, query);
      print(response, renderFactsText(response.facts));
      return 0;
    }
    case 'verify': {
      const claim = oneArgument('verify', args, 'a claim');
      const library = getLibrary();
      const verification = verify(library.index, claim, { story: options.story });
      print(verification, renderVerificationText(library.index, verification));
      return 0;
    }
    case 'search': {
      const library = getLibrary();
      const response = search(library.index, oneArgument('search', args, 'a query'), {
        story: options.story,
      });
      print(response, renderSearchText(library.index, response));
      return 0;
    }
    case 'source': {
      if (args.length !== 2) throw new UsageError('newsdesk: source needs a story id and a paragraph number');
      const number = paragraphNumber(args[1]);
      const response = source(getLibrary().index, args[0]!, number);
      print(response, renderSourceText(response));
      return 0;
    }
    case 'stories': {
      const stories = listStories(getLibrary().index);
      print({ stories }, renderStoriesText(stories));
      return 0;
    }
    case undefined:
      throw new UsageError('newsdesk: no command given (try --help)');
    default:
      throw new UsageError(`newsdesk: unknown command "${command.slice(0, 40)}" (try --help)`);
  }
}
