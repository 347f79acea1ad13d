import type { NewsIndex } from '../search/buildIndex.js';
import { topCandidates, type Candidate } from '../search/bm25.js';
import type { QuestionPlan } from './analyzeQuestion.js';
import type { ScopeOptions } from './types.js';

const internalStories = new WeakMap<NewsIndex, boolean>();

function hasInternalStories(index: NewsIndex): boolean {
  let has = internalStories.get(index);
  if (has === undefined) {
    has = index.stories.some((story) => story.visibility === 'internal');
    internalStories.set(index, has);
  }
  return has;
}

/** The filter for sentences the caller may see; null when every sentence is allowed. */
function inScope(index: NewsIndex, scope: ScopeOptions): ((position: number) => boolean) | null {
  const only = scope.story === undefined ? undefined : index.storyPositions.get(scope.story);
  if (only === undefined && (scope.includeInternal === true || !hasInternalStories(index))) return null;
  return (position) => {
    const story = index.sentenceStory[position]!;
    if (only !== undefined && story !== only) return false;
    return scope.includeInternal === true || index.stories[story]!.visibility !== 'internal';
  };
}

/**
 * The sentences worth scoring for a question: the best `limit` by BM25 over its terms, each
 * term boosted by its unit's weight and how well it matches, within the caller's scope.
 */
export function candidateSentences(
  index: NewsIndex,
  plan: QuestionPlan,
  scope: ScopeOptions,
  limit: number,
): Candidate[] {
  const boosts = new Map<number, number>();
  for (const unit of plan.units) {
    for (const [id, match] of unit.matches)
      boosts.set(id, Math.max(boosts.get(id) ?? 0, unit.weight * match));
  }
  if (boosts.size === 0) return [];
  if (scope.story !== undefined && !index.storyPositions.has(scope.story)) return [];
  return topCandidates(index, boosts, inScope(index, scope), limit);
}
