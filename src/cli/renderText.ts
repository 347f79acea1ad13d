import type { Answer } from '../core/answer/answerQuestion.js';
import type { ExcerptResult } from '../core/answer/types.js';
import type { NewsIndex } from '../core/search/buildIndex.js';
import type { SearchResponse, SourceResponse, StorySummary } from '../core/queries.js';

/** Confidence in words, as readers see it. */
export function confidenceWords(confidence: number): string {
  if (confidence >= 0.8) return 'high confidence';
  if (confidence >= 0.6) return 'medium confidence';
  return 'low confidence';
}

function titleOf(index: NewsIndex, storyId: string): string {
  const position = index.storyPositions.get(storyId);
  return position === undefined ? storyId : index.stories[position]!.title;
}

function renderExcerpt(index: NewsIndex, result: ExcerptResult): string {
  return `  “${result.excerpt}”\n  — ${titleOf(index, result.story)}, ${result.citation}`;
}

/** An answer as text: the quoted excerpt with its citation, or a plain decline. */
export function renderAnswerText(index: NewsIndex, answer: Answer, searchHint = '/search'): string {
  const [top, ...others] = answer.results;
  if (!top) {
    const why = answer.declineReason ? ` (${answer.declineReason})` : '';
    return `The stories do not answer that${why}.\nTry ${searchHint} with a few key words to look through them.`;
  }
  const lines = [renderExcerpt(index, top), `  (${confidenceWords(answer.confidence)})`];
  if (others.length > 0) {
    lines.push('', 'Also relevant:');
    for (const other of others) lines.push(`  - ${other.citation}: ${other.excerpt}`);
  }
  return lines.join('\n');
}

export function renderSearchText(index: NewsIndex, response: SearchResponse): string {
  if (response.results.length === 0) return `Nothing in the stories matches "${response.query}".`;
  return response.results
    .map((result, i) => `${i + 1}. ${result.excerpt}\n   — ${titleOf(index, result.story)}, ${result.citation}`)
    .join('\n');
}

export function renderSourceText(source: SourceResponse): string {
  return `${source.title} — ${source.citation} (paragraph ${source.paragraph} of ${source.paragraphs})\n\n${source.text}`;
}

export function renderStoriesText(stories: readonly StorySummary[]): string {
  return stories
    .map((story) => {
      const details = [`${story.paragraphs} paragraphs`, story.published && `published ${story.published}`]
        .filter(Boolean)
        .join(', ');
      return `${story.id} — ${story.title} (${details})${story.url ? `\n    ${story.url}` : ''}`;
    })
    .join('\n');
}
