import { answerTypeOf, type AnswerType } from '../answer/analyzeQuestion.js';
import type { ExcerptResult } from '../answer/types.js';
import { nameTerms } from './buildFactTable.js';
import type { Fact, FactType } from './types.js';

export interface AnswerFactOptions {
  /** At most this many facts. */
  maxFacts?: number;
}

export const defaultAnswerFactOptions = { maxFacts: 3 } as const;

/** The fact types that answer each kind of question, best first. */
const WANTED: Readonly<Record<AnswerType, readonly FactType[]>> = {
  person: ['person', 'quote', 'statement'],
  age: ['person', 'quantity'],
  clock: ['time'],
  score: ['quantity'],
  measure: ['quantity'],
  quantity: ['quantity'],
  money: ['quantity'],
  percent: ['quantity'],
  duration: ['quantity', 'time'],
  time: ['time'],
  place: ['place'],
  reason: ['statement', 'quote'],
  name: ['equipment', 'organization', 'person', 'place'],
};

/** Asking what someone said wants their quotes and statements first. */
const SPEECH_QUESTION =
  /\b(say|said|says|tell|told|warn|warned|confirm|confirmed|state|stated|announce|announced|quote|call|called)\b/i;

/** Is the fact stated in the excerpt (its text or one of its mentions lies in it)? */
function inExcerpt(fact: Fact, result: ExcerptResult): boolean {
  if (fact.story !== result.story) return false;
  const here = (paragraph: number, text: string) =>
    paragraph === result.paragraph && result.excerpt.includes(text.replace(/['’]s?$/u, ''));
  if (fact.type === 'person' || fact.type === 'organization' || fact.type === 'place') {
    return fact.mentions.some((m) => here(m.paragraph, m.text));
  }
  return (
    fact.paragraph === result.paragraph &&
    (result.excerpt.includes(fact.text) || fact.evidence.includes(result.excerpt))
  );
}

/** Words of the fact a reader would ask with: name, role, unit, speaker … */
function factWords(fact: Fact): string {
  switch (fact.type) {
    case 'person':
      return [fact.name, fact.role, fact.affiliation].filter(Boolean).join(' ');
    case 'quantity':
      return `${fact.text} ${fact.unit ?? ''}`;
    case 'quote':
      return `${fact.speaker ?? ''} ${fact.quote}`;
    case 'statement':
      return `${fact.speaker} ${fact.verb} ${fact.content}`;
    case 'time':
      return fact.text;
    default:
      return fact.name;
  }
}

/**
 * The facts that answer a question, taken from the excerpts of its answer (only the cited
 * stories' facts are asked for): for "Who is the
 * mayor of Kyiv?" the person fact for Vitali Klitschko (role Mayor, affiliation Kyiv); for
 * "How many civilians were injured?" the quantity "at least 14 civilians". Facts of the kind
 * the question asks for come first, then those sharing most words with it. No results, no facts.
 */
export function factsForAnswer(
  factsOfStory: (storyId: string) => readonly Fact[],
  question: string,
  results: readonly ExcerptResult[],
  options: AnswerFactOptions = {},
): Fact[] {
  const { maxFacts } = { ...defaultAnswerFactOptions, ...options };
  if (results.length === 0 || maxFacts <= 0) return [];
  const answerType = answerTypeOf(question);
  const wanted: readonly FactType[] =
    answerType === 'person' && SPEECH_QUESTION.test(question)
      ? ['quote', 'statement', 'person']
      : answerType
        ? WANTED[answerType]
        : [];
  const questionTerms = new Set(nameTerms(question));
  const scored: { fact: Fact; score: number }[] = [];
  const seen = new Set<Fact>();
  results.forEach((result, rank) => {
    for (const fact of factsOfStory(result.story)) {
      if (seen.has(fact) || !inExcerpt(fact, result)) continue;
      seen.add(fact);
      const terms = nameTerms(factWords(fact));
      const shared = terms.filter((term) => questionTerms.has(term)).length;
      const typeRank = wanted.indexOf(fact.type);
      if (typeRank < 0 && (wanted.length > 0 || shared === 0)) continue;
      // Kind asked for first, then words shared with the question, then the better excerpt.
      const score = (typeRank < 0 ? 0 : 10 * (wanted.length - typeRank)) + 2 * Math.min(shared, 4) - rank;
      scored.push({ fact, score });
    }
  });
  // A fact that only repeats the question adds nothing: "Who is the mayor of Kyiv?" wants the
  // person, not the place Kyiv.
  return scored
    .filter(
      ({ fact }) =>
        !(
          fact.type === 'place' &&
          answerType !== 'place' &&
          questionTerms.has(nameTerms(fact.name).join(' '))
        ),
    )
    .sort((a, b) => b.score - a.score)
    .slice(0, maxFacts)
    .map(({ fact }) => fact);
}
