import { citation, isValidStoryId } from './corpus/parseStory.js';
import type { Story } from './corpus/types.js';
import { answerQuestion, searchStories, type Answer, type AskOptions } from './answer/answerQuestion.js';
import type { ExcerptResult, ScopeOptions } from './answer/types.js';
import { UserError } from './errors.js';
import type { NewsIndex } from './search/buildIndex.js';
import { verifyClaim, type Verification, type VerifyOptions } from './answer/verifyClaim.js';
import {
  factTableFor,
  factTableOf,
  selectFacts,
  storyFacts,
  type FactQuery,
} from './facts/buildFactTable.js';
import { factsForAnswer } from './facts/factsForAnswer.js';
import { FACT_TYPES, isFactType, type Fact } from './facts/types.js';

/** Longest question or query accepted; longer ones are refused rather than cut silently. */
export const MAX_QUESTION_LENGTH = 1000;

/** Trims a question and refuses empty or overlong ones with a `UserError`. */
export function checkQuestion(kind: string, text: string): string {
  const question = text.replace(/\s+/g, ' ').trim();
  if (!question) throw new UserError(`${kind}: the ${kind === 'Search' ? 'query' : 'question'} is empty`);
  if (question.length > MAX_QUESTION_LENGTH) {
    throw new UserError(
      `${kind}: the ${kind === 'Search' ? 'query' : 'question'} is too long (${question.length} characters, at most ${MAX_QUESTION_LENGTH})`,
    );
  }
  return question;
}

/** Finds a story the caller may see, or explains why not. */
export function findStory(index: NewsIndex, id: string, scope: ScopeOptions = {}): Story {
  if (!isValidStoryId(id)) throw new UserError(`Stories: "${id.slice(0, 80)}" is not a story id`);
  const position = index.storyPositions.get(id);
  const story = position === undefined ? undefined : index.stories[position];
  if (!story || (story.visibility === 'internal' && !scope.includeInternal)) {
    throw new UserError(`Stories: there is no story "${id}" (list them with /stories)`);
  }
  return story;
}

function checkScope(index: NewsIndex, scope: ScopeOptions): void {
  if (scope.story !== undefined) findStory(index, scope.story, scope);
}

/** An answer with the facts that bear on it: DESIGN.md's `ask` shape. */
export interface AskResponse extends Answer {
  /** Facts stated in the answer's excerpts that answer the question (empty when it declines). */
  facts: Fact[];
}

/**
 * Answers a question (see `answerQuestion`), after checking it and the story it is limited
 * to, and adds the facts of its excerpts that answer it (see `factsForAnswer`), unless
 * `withFacts` is false (a face that shows no facts need not extract them).
 */
export function ask(
  index: NewsIndex,
  question: string,
  options: AskOptions & { withFacts?: boolean } = {},
): AskResponse {
  const checked = checkQuestion('Ask', question);
  checkScope(index, options);
  const { withFacts = true, ...askOptions } = options;
  const answer = answerQuestion(index, checked, askOptions);
  if (!withFacts) return { ...answer, facts: [] };
  const factsOfStory = (id: string) => storyFacts(index, index.stories[index.storyPositions.get(id)!]!);
  return { ...answer, facts: factsForAnswer(factsOfStory, checked, answer.results) };
}

export interface FactsResponse {
  facts: Fact[];
}

/**
 * The facts of the stories, narrowed by type, story and entity. An unknown type, an unknown
 * story or an empty entity is a `UserError`; an entity no fact names gives an empty list.
 */
export function facts(
  index: NewsIndex,
  query: Omit<FactQuery, 'type'> & { type?: string | undefined } = {},
): FactsResponse {
  const { type } = query;
  if (type !== undefined && !isFactType(type)) {
    throw new UserError(`Facts: unknown type "${type.slice(0, 40)}" (expected ${FACT_TYPES.join(', ')})`);
  }
  if (query.entity !== undefined && !query.entity.trim())
    throw new UserError('Facts: the entity name is empty');
  if (query.entity !== undefined && query.entity.length > MAX_QUESTION_LENGTH) {
    throw new UserError(`Facts: the entity name is too long (at most ${MAX_QUESTION_LENGTH} characters)`);
  }
  checkScope(index, query);
  // A story named: only its facts are needed, never the whole table.
  const table =
    query.story === undefined
      ? factTableOf(index)
      : factTableFor(index, [findStory(index, query.story, query)]);
  return { facts: selectFacts(table, { ...query, type, entity: query.entity?.trim() }) };
}

/** Checks a claim against the stories (see `verifyClaim`), after checking the claim and its scope. */
export function verify(index: NewsIndex, claim: string, options: VerifyOptions = {}): Verification {
  const text = claim.replace(/\s+/g, ' ').trim();
  if (!text) throw new UserError('Verify: the claim is empty');
  if (text.length > MAX_QUESTION_LENGTH) {
    throw new UserError(
      `Verify: the claim is too long (${text.length} characters, at most ${MAX_QUESTION_LENGTH})`,
    );
  }
  checkScope(index, options);
  return verifyClaim(index, text, options);
}

export interface SearchResponse {
  query: string;
  results: ExcerptResult[];
}

/** Ranked cited sentences for a query, up to 10, without abstention. */
export function search(
  index: NewsIndex,
  query: string,
  scope: ScopeOptions & { limit?: number } = {},
): SearchResponse {
  const checked = checkQuestion('Search', query);
  checkScope(index, scope);
  return { query: checked, results: searchStories(index, checked, scope) };
}

export interface SourceResponse {
  story: string;
  paragraph: number;
  title: string;
  text: string;
  citation: string;
  /** How many paragraphs the story has. */
  paragraphs: number;
}

/** One paragraph of a story, verbatim, with its citation. */
export function source(
  index: NewsIndex,
  storyId: string,
  paragraph: number,
  scope: ScopeOptions = {},
): SourceResponse {
  const story = findStory(index, storyId, scope);
  if (!Number.isInteger(paragraph) || paragraph < 1) {
    throw new UserError(`Source: the paragraph number must be a whole number from 1, got ${paragraph}`);
  }
  const found = story.paragraphs[paragraph - 1];
  if (!found) {
    throw new UserError(
      `Source: paragraph ${paragraph} does not exist in story ${story.id} (it has ${story.paragraphs.length})`,
    );
  }
  return {
    story: story.id,
    paragraph,
    title: story.title,
    text: found.text,
    citation: citation(story.id, paragraph),
    paragraphs: story.paragraphs.length,
  };
}

export interface StorySummary {
  id: string;
  title: string;
  paragraphs: number;
  url: string | null;
  published: string | null;
  updated: string | null;
}

/** The stories the caller may see, in id order. */
export function listStories(index: NewsIndex, scope: ScopeOptions = {}): StorySummary[] {
  return index.stories
    .filter((story) => story.visibility !== 'internal' || scope.includeInternal)
    .map((story) => ({
      id: story.id,
      title: story.title,
      paragraphs: story.paragraphs.length,
      url: story.url,
      published: story.published,
      updated: story.updated,
    }));
}
