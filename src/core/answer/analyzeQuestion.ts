import { normalizeText } from '../corpus/normalizeText.js';
import type { NewsIndex } from '../search/buildIndex.js';
import { matchTerm, relatedMatches, SOFT_MATCH } from '../search/matchTerms.js';
import { inverseFrequency } from '../search/bm25.js';
import { documentFrequency } from '../search/buildIndex.js';
import { GENERIC_WORDS, STOP_WORDS } from '../search/stopWords.js';
import { phraseAt } from '../search/aliases.js';
import { isParaphraseWord } from '../search/wordClasses.js';
import { termsOfToken, tokenize, type Token } from '../search/tokenize.js';
import { answerTypeOf, type AnswerType } from './answerTypes.js';
import { expandInformal } from '../lexicon/informalWords.js';

export { answerTypeOf, type AnswerType };

/** One topic word of a question, resolved against the corpus vocabulary. */
export interface QueryUnit {
  /** As written in the question. */
  surface: string;
  term: string;
  /** Corpus term id → how well it matches (1 exact, less for related or misspelt forms). */
  matches: Map<number, number>;
  /** The ids among `matches` that are related in meaning only, neither in form nor synonyms (see `relatedMatches`). */
  related: ReadonlySet<number>;
  /** Importance: inverse sentence frequency, lowered for generic words. */
  weight: number;
  /** Capitalised inside the question: a name the story must mention. */
  entity: boolean;
  generic: boolean;
  /** For a name of several words, each word's matches: a story must mention them all. */
  parts?: Map<number, number>[];
}

export interface QuestionPlan {
  units: QueryUnit[];
  /** Names in the question that no story mentions. */
  unknownEntities: string[];
  answerType: AnswerType | null;
  tense: 'past' | 'future' | null;
  /** Every word of the question, normalised. */
  questionWords: ReadonlySet<string>;
  /** The thing a which/what question asks to name ("Which *district*…") or to count ("How many *nurses*…"). */
  headNoun: QueryUnit | null;
  /** The question asks for several things ("Which *missiles*…"): an enumeration answers it. */
  wantsList: boolean;
}

const AUXILIARIES = new Set([
  'did',
  'do',
  'does',
  'is',
  'are',
  'was',
  'were',
  'has',
  'have',
  'had',
  'will',
  'can',
  'could',
  'should',
  'would',
  'might',
  'must',
  'kind',
  'type',
  'sort',
]);

/**
 * The thing asked about, as written: the noun right after "which"/"what"/"how many"
 * ("Which *neighbourhood* of Kyiv…"), or the subject of "how much/large was the *fine*".
 */
function headWordOf(question: string): string | null {
  const match =
    /^\s*(?:which|what) (?:kinds?|types?|sorts?) of\s+([\p{L}-]+)/iu.exec(question) ??
    /^\s*(?:which|what|how many)\s+([\p{L}-]+)/iu.exec(question) ??
    /^\s*how (?:much|large|big|high|long)\s+(?:was|were|is|are|will be|has been)\s+(?:the|a|an|its|their)\s+([\p{L}-]+)/iu.exec(
      question,
    );
  const word = match?.[1]?.toLowerCase();
  return word && !AUXILIARIES.has(word) ? word : null;
}

const isWholeForm = (term: string) => /[-&/]/.test(term) || (/\d/.test(term) && /[a-z]/.test(term));

/** A compound ("F-16s") counts once: whole when the corpus has it (with or without hyphen), else by its parts. */
function resolveTerms(
  index: NewsIndex,
  terms: readonly string[],
  isName: boolean,
  rawWord?: string,
): { term: string; matches: Map<number, number> }[] {
  if (terms.length === 1) {
    const matches = matchTerm(index, terms[0]!, isName);
    // Stemming mangles names ("Reys" → "rei"), so a name is also tried as written.
    if (matches.size === 0 && isName && rawWord)
      return [{ term: terms[0]!, matches: matchTerm(index, rawWord, true) }];
    return [{ term: terms[0]!, matches }];
  }
  for (const whole of terms.filter(isWholeForm)) {
    const matches = matchTerm(index, whole);
    if (matches.size > 0) return [{ term: whole, matches }];
  }
  return terms
    .filter((term) => !isWholeForm(term) && term.length > 1)
    .map((term) => ({ term, matches: matchTerm(index, term) }));
}

const GENERIC_FACTOR = 0.25;
/** Common verbs and adjectives are often the reader's own words, not the story's: they count less than nouns. */
const PARAPHRASE_FACTOR = 0.6;
/** Names the question uses are the surest sign of the passage it is about. */
const ENTITY_FACTOR = 1.5;

function tenseOf(question: string): 'past' | 'future' | null {
  const text = normalizeText(question);
  if (/\b(will|going to|is set to|are set to|upcoming|next|expected to|plan to|plans to)\b/.test(text))
    return 'future';
  if (/\b(did|was|were|had)\b/.test(text)) return 'past';
  return null;
}

/** Question words that start a question capitalised but are not names. */
function isEntityToken(token: Token, first: boolean): boolean {
  if (STOP_WORDS.has(token.norm) || GENERIC_WORDS.has(token.norm)) return false;
  if (/^\d/.test(token.surface)) return false;
  if (first) return /^\p{Lu}[\p{Lu}\d.&-]+$/u.test(token.surface) && token.surface.length >= 2;
  return token.capitalized;
}

interface RawUnit {
  /** Token position in the question: adjacent names merge into one. */
  position: number;
  surface: string;
  /** Normalised, without a possessive. */
  word?: string;
  terms: readonly string[];
  entity: boolean;
  generic: boolean;
}

/** Words that only say what kind of answer is wanted ("*what time* did…", "*how long*…"). */
const ANSWER_FORM =
  /\b(?:(?:at )?(?:what|which) (?:time|day|date|year|month|hour|amount|number|percentage|proportion)|how (?:long|much|many|far|old|soon|often|large|big|high|tall))\b/gi;

function rawUnits(question: string): RawUnit[] {
  const tokens = tokenize(question.replace(ANSWER_FORM, ' '));
  const words = tokens.map((token) => token.norm);
  const units: RawUnit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const phrase = phraseAt(words, i);
    if (phrase) {
      const span = tokens.slice(i, i + phrase.length);
      const entity = span.some((t, k) => isEntityToken(t, i + k === 0));
      units.push({
        surface: span.map((t) => t.surface).join(' '),
        terms: [phrase.term],
        entity,
        generic: false,
        position: i,
      });
      i += phrase.length - 1;
      continue;
    }
    const terms = termsOfToken(token);
    if (terms.length === 0) continue;
    units.push({
      surface: token.surface,
      word: token.norm.replace(/'s?$/, ''),
      terms,
      entity: isEntityToken(token, i === 0),
      generic: GENERIC_WORDS.has(token.norm),
      position: i,
    });
  }
  return units;
}

/**
 * A name written in several words ("Anders Bergvall") is one thing: a sentence that uses
 * its rarest word ("Bergvall promised…") matches it fully, one that shares only a common
 * word of it ("Bank" of "European Central Bank") matches it in proportion.
 */
function mergeNames(units: QueryUnit[], positions: number[]): QueryUnit[] {
  const merged: QueryUnit[] = [];
  for (let i = 0; i < units.length; i++) {
    const group = [units[i]!];
    while (
      group.at(-1)!.entity &&
      group.at(-1)!.matches.size > 0 &&
      units[i + 1]?.entity &&
      units[i + 1]!.matches.size > 0 &&
      positions[i + 1] === positions[i]! + 1
    ) {
      group.push(units[++i]!);
    }
    if (group.length === 1) {
      merged.push(group[0]!);
      continue;
    }
    const weight = Math.max(...group.map((unit) => unit.weight));
    const matches = new Map<number, number>();
    for (const unit of group) {
      for (const [id, match] of unit.matches)
        matches.set(id, Math.max(matches.get(id) ?? 0, (match * unit.weight) / weight));
    }
    merged.push({
      surface: group.map((unit) => unit.surface).join(' '),
      term: group.map((unit) => unit.term).join(' '),
      matches,
      related: new Set(),
      weight,
      entity: true,
      generic: false,
      parts: group.map((unit) => unit.matches),
    });
  }
  return merged;
}

/**
 * Reads a question: its topic words resolved against the corpus vocabulary (with words
 * related in meaning, unless `related` is false), the names it uses that no story
 * mentions, the kind of answer it wants and its tense.
 */
export function analyzeQuestion(
  index: NewsIndex,
  asked: string,
  options: { related?: boolean } = {},
): QuestionPlan {
  const question = expandInformal(asked);
  const { related: withRelated = true } = options;
  const found: QueryUnit[] = [];
  const positions: number[] = [];
  const unknownEntities: string[] = [];
  const seen = new Set<string>();
  for (const raw of rawUnits(question)) {
    const resolved = resolveTerms(index, raw.terms, raw.entity, raw.word);
    for (const { term, matches } of resolved) {
      if (seen.has(term)) continue;
      seen.add(term);
      const frequency = Math.max(0, ...[...matches.keys()].map((id) => documentFrequency(index, id)));
      const factor = raw.generic
        ? GENERIC_FACTOR
        : raw.entity && matches.size > 0
          ? ENTITY_FACTOR
          : isParaphraseWord(raw.word ?? term, term)
            ? PARAPHRASE_FACTOR
            : 1;
      const weight = inverseFrequency(index, frequency) * factor;
      // Related words only for a word no story uses as written (see `SOFT_MATCH`).
      const related =
        raw.entity || raw.generic || !withRelated || matches.size > 0
          ? new Map<number, number>()
          : relatedMatches(index, term);
      for (const [id, match] of related) matches.set(id, match);
      found.push({
        surface: raw.surface,
        term,
        matches,
        // Synonyms stand for the word itself; only looser relatives are marked as related.
        related: new Set([...related].filter(([, match]) => match < SOFT_MATCH.synonym).map(([id]) => id)),
        weight,
        entity: raw.entity,
        generic: raw.generic,
      });
      positions.push(raw.position);
    }
    if (raw.entity && resolved.every((r) => r.matches.size === 0)) unknownEntities.push(raw.surface);
  }
  const units = mergeNames(found, positions);
  const headWord = headWordOf(question);
  const headNoun = headWord ? (units.find((unit) => unit.surface.toLowerCase() === headWord) ?? null) : null;
  return {
    units,
    unknownEntities,
    headNoun,
    wantsList:
      headNoun !== null &&
      (/[^s]s$/.test(headWord ?? '') || /^\s*(?:which|what) (?:kinds|types|sorts) of/i.test(question)) &&
      !/^\s*how many/i.test(question),
    answerType: answerTypeOf(question),
    tense: tenseOf(question),
    questionWords: new Set(tokenize(question).map((token) => token.norm)),
  };
}
