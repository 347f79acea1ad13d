import type { Answer } from '../core/answer/answerQuestion.js';
import type { Verification } from '../core/answer/verifyClaim.js';
import type { Fact } from '../core/facts/types.js';
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
    .map(
      (result, i) => `${i + 1}. ${result.excerpt}\n   — ${titleOf(index, result.story)}, ${result.citation}`,
    )
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

/** One fact on one line: what it says, then where. */
export function renderFactLine(fact: Fact): string {
  let body: string;
  switch (fact.type) {
    case 'person': {
      const title = [
        fact.role,
        fact.affiliation && !fact.role?.includes(fact.affiliation) ? fact.affiliation : null,
      ]
        .filter(Boolean)
        .join(', ');
      body = title ? `${fact.name} — ${title}` : fact.name;
      break;
    }
    case 'organization':
    case 'equipment':
      body = fact.name;
      break;
    case 'place':
      body = fact.kind ? `${fact.name} (${fact.kind})` : fact.name;
      break;
    case 'quantity':
      body = fact.text;
      break;
    case 'quote':
      body = `“${fact.quote}” — ${fact.speaker ?? 'unattributed'}`;
      break;
    case 'statement':
      body = `${fact.speaker} ${fact.verb}: ${fact.content}`;
      break;
    case 'time':
      body = fact.date ? `${fact.text} (${fact.date})` : fact.text;
      break;
  }
  return `${fact.type}: ${body} [${fact.citation}]`;
}

/** The facts of an answer as a card shown under its excerpt; empty when there are none. */
export function renderFactCard(facts: readonly Fact[]): string {
  if (facts.length === 0) return '';
  return ['', '  Facts:', ...facts.map((fact) => `  • ${renderFactLine(fact)}`)].join('\n');
}

/** At most this many facts are listed as text; JSON output always has them all. */
const MAX_FACT_LINES = 40;

/** A list of facts as text, one per line, or a plain line when none match. */
export function renderFactsText(facts: readonly Fact[]): string {
  if (facts.length === 0) return 'No facts match (try another type or name, or /facts without filters).';
  const lines = facts.slice(0, MAX_FACT_LINES).map((fact) => `- ${renderFactLine(fact)}`);
  if (facts.length > MAX_FACT_LINES) {
    lines.push(`… and ${facts.length - MAX_FACT_LINES} more (narrow it with a type or a name).`);
  }
  return lines.join('\n');
}

const VERDICT_WORDS: Readonly<Record<Verification['verdict'], string>> = {
  supported: 'Supported by the stories',
  contradicted: 'Contradicted by the stories',
  not_found: 'Not found in the stories',
};

/** A verdict as text: the verdict, what differs, and the cited excerpt it rests on. */
export function renderVerificationText(index: NewsIndex, verification: Verification): string {
  const lines = [
    `${VERDICT_WORDS[verification.verdict]}${verification.difference ? `: ${verification.difference}` : '.'}`,
  ];
  for (const result of verification.results) lines.push(renderExcerpt(index, result));
  if (verification.verdict === 'not_found')
    lines.push('No story bears on that claim; nothing in them confirms or denies it.');
  return lines.join('\n');
}
