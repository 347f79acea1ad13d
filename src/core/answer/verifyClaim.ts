import { citation } from '../corpus/parseStory.js';
import { splitSentences } from '../corpus/splitSentences.js';
import type { Paragraph, Story } from '../corpus/types.js';
import { nameTerms, storyFacts } from '../facts/buildFactTable.js';
import { findEntities, isDemonym, lexiconPlace } from '../facts/entities.js';
import { qualifierSense } from '../facts/numbers.js';
import { findQuantities, type QuantitySpan } from '../facts/quantities.js';
import { findTimes } from '../facts/times.js';
import { MONTHS, WEEKDAYS } from '../facts/lexicon.js';
import { lexiconTags } from '../facts/tagger.js';
import { isCommonCapital, tokenizeParagraph, type Tok, type TokenizedParagraph } from '../facts/tokens.js';
import type { Fact, PersonFact, PlaceFact, QuantityFact } from '../facts/types.js';
import type { NewsIndex } from '../search/buildIndex.js';
import { paragraphSentences } from '../search/buildIndex.js';
import { analyzeQuestion, type QueryUnit } from './analyzeQuestion.js';
import { coverageOf } from './coverage.js';
import { rankSentences } from './rankSentences.js';
import type { ExcerptResult, ScopeOptions } from './types.js';

/** What the stories say about a claim. */
export type Verdict = 'supported' | 'contradicted' | 'not_found';

/** The verdict on a claim with the excerpt it rests on (DESIGN.md's `verify` shape). */
export interface Verification {
  claim: string;
  verdict: Verdict;
  /** What disagrees ("the story says at least 14, the claim says 40"); null unless contradicted. */
  difference: string | null;
  /** The cited excerpt(s) the verdict rests on, best first; empty when nothing was found. */
  results: ExcerptResult[];
}

export interface VerifyOptions extends ScopeOptions {
  /** Share of the claim's words (weighted by rarity) an excerpt must hold to support it. */
  minSupport?: number;
  /**
   * Share of the claim's words other than the ones compared (numbers, names, places) an
   * excerpt must hold before a disagreement on those counts as a contradiction.
   */
  minFrame?: number;
  /** Share of the claim's words other than people's names an excerpt must hold to support it. */
  minPredicate?: number;
  /** How many ranked sentences are looked at. */
  candidates?: number;
}

export const defaultVerifyOptions = {
  minSupport: 0.68,
  minFrame: 0.62,
  minPredicate: 0.5,
  candidates: 40,
} as const;

/** Words the stories never use count against a match, but less than a typical known word. */
const UNKNOWN_SHARE = 0.6;
/** Two numbers are the same when they differ by less than this share; approximations allow more. */
const EXACT_TOLERANCE = 0.005;
const APPROX_TOLERANCE = 0.1;
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nobody',
  'none',
  'nothing',
  'neither',
  'nor',
  'without',
  'cannot',
  'nowhere',
]);
const NEGATION_SCOPE = 4;
const DIRECTION_WORDS = new Set(['north', 'south', 'east', 'west']);
/**
 * How much more (or less) of the claim must match before a difference counts. A claim that
 * puts an event in another place, gives it to another person or denies it is only a
 * contradiction when the rest matches the story's account closely; otherwise it is more
 * likely about another event ("Russian drones struck a power plant in Odesa"). A number
 * counting the same thing ("Five bridges" / "Three bridges") needs less.
 */
const FRAME_MARGIN: Readonly<Record<Conflict['kind'], number>> = {
  count: -0.1,
  direction: -0.1,
  number: 0,
  negation: 0.15,
  person: 0.1,
  place: 0.1,
};
/**
 * Words a claim may use for the story's own: everyday paraphrases the search aliases do not
 * fold ("stay shut" for "remain closed"). A synonym counts a little less than the word itself.
 */
const PARAPHRASES: readonly (readonly string[])[] = [
  ['shut', 'closed', 'close', 'closure'],
  ['stay', 'stays', 'remain', 'remains', 'remained'],
  ['unchanged', 'steady', 'held', 'hold', 'kept'],
  ['opposed', 'oppose', 'dissented', 'dissent', 'objected'],
  ['overturned', 'capsized', 'flipped'],
  ['apologized', 'apologised', 'apology', 'sorry'],
  ['attributed', 'blamed', 'due'],
  ['achieved', 'yielded', 'produced', 'progress'],
  ['marketed', 'sold', 'branded'],
  ['supplied', 'provided', 'made'],
  ['staff', 'workers', 'employees'],
  ['night', 'overnight'],
  ['cut', 'lowered', 'reduced'],
  ['nobody', 'no'],
  ['residents', 'people', 'inhabitants'],
  ['firm', 'company', 'maker', 'manufacturer'],
];
const PARAPHRASE_WEIGHT = 0.8;

/** The units with their paraphrases' corpus terms added as weaker matches. */
function withParaphrases(index: NewsIndex, units: readonly QueryUnit[]): QueryUnit[] {
  return units.map((unit) => {
    const word = unit.surface.toLowerCase();
    const group = PARAPHRASES.find((g) => g.includes(word));
    if (!group) return unit;
    const matches = new Map(unit.matches);
    for (const other of group) {
      for (const term of nameTerms(other)) {
        const id = index.termIds.get(term);
        if (id !== undefined && !matches.has(id)) matches.set(id, PARAPHRASE_WEIGHT);
      }
    }
    return matches.size === unit.matches.size ? unit : { ...unit, matches };
  });
}

/** Phrases that link ideas without naming any: their words are not the claim's topic. */
const CONNECTIVES =
  /\b(as a result of|as a result|because of|due to|in order to|according to|as well as|in the wake of|in spite of|on top of|in terms of)\b/g;
/** Words that qualify a number or negate; they are compared, not matched as topic words. */
const NOT_TOPIC =
  /^(around|about|roughly|nearly|almost|approximately|some|least|most|more|less|fewer|than|over|under|up|estimated|nobody|nothing|none|never|neither|nor|without)$/;

// ---------------------------------------------------------------- reading the claim

interface Slot {
  kind: 'number' | 'person' | 'place';
  /** As written in the claim. */
  text: string;
  /** Claim tokens it covers (inclusive range). */
  first: number;
  last: number;
  quantity?: QuantitySpan;
  /** Full name (person, place). */
  name?: string;
  /** The title the claim gives a person ("Finance Minister"). */
  role?: string | null;
  placeKind?: string | null;
  /** A place no story mentions. */
  unknown?: boolean;
}

interface ClaimReading {
  paragraph: TokenizedParagraph;
  slots: Slot[];
  /** Names no story mentions that are not places: the claim is about something else. */
  foreignNames: string[];
  /** Claim tokens inside a negation. */
  negated: ReadonlySet<number>;
}

function pseudoParagraph(text: string): Paragraph {
  return { number: 1, text, sentences: splitSentences(text) };
}

/** Token indices inside the reach of "not", "no", "never" … (to the next punctuation, at most four words). */
function negatedTokens(tokens: readonly Tok[]): Set<number> {
  const negated = new Set<number>();
  tokens.forEach((token, at) => {
    if (!NEGATORS.has(token.base) && !/n't$/.test(token.base)) return;
    negated.add(token.i);
    // "achieved nothing": an object that negates denies the verb before it.
    const before = tokens[at - 1];
    if ((token.base === 'nothing' || token.base === 'none') && before?.kind === 'word') negated.add(before.i);
    for (let k = at + 1; k < tokens.length && k - at <= NEGATION_SCOPE; k++) {
      const next = tokens[k]!;
      if (next.kind === 'punct' || /^(and|but|or|while|although|because)$/.test(next.base)) break;
      negated.add(next.i);
    }
  });
  return negated;
}

function knownInCorpus(index: NewsIndex, text: string): boolean {
  const terms = nameTerms(text);
  return terms.length > 0 && terms.every((term) => index.termIds.has(term));
}

/** Demonym phrases of a paragraph ("South Korean", "Japanese") as token ranges. */
function demonymRanges(p: TokenizedParagraph): { first: number; last: number }[] {
  const ranges: { first: number; last: number }[] = [];
  for (const token of p.tokens) {
    if (token.kind !== 'word' || !token.cap || !isDemonym(token)) continue;
    const before = p.tokens[token.i - 1];
    const first = before && before.cap && DIRECTION_WORDS.has(before.base) ? token.i - 1 : token.i;
    ranges.push({ first, last: token.i });
  }
  return ranges;
}

function readClaim(index: NewsIndex, claim: string, unknownEntities: readonly string[]): ClaimReading {
  const paragraph = tokenizeParagraph(pseudoParagraph(claim));
  const { tokens } = paragraph;
  const slice = (first: number, last: number) => claim.slice(tokens[first]!.start, tokens[last]!.end);
  const entities = findEntities([paragraph]);
  const slots: Slot[] = [];
  for (const quantity of findQuantities(paragraph, findTimes(paragraph, null))) {
    slots.push({
      kind: 'number',
      text: slice(quantity.first, quantity.last),
      first: quantity.first,
      last: quantity.last,
      quantity,
    });
  }
  const foreign = new Set<string>();
  const inRange = (i: number, first: number, last: number) => i >= first && i <= last;
  for (const entity of entities.entities) {
    for (const mention of entity.mentions) {
      if (entity.kind === 'person') {
        slots.push({
          kind: 'person',
          text: mention.text,
          first: mention.first,
          last: mention.last,
          name: entity.name,
          role: entity.role,
        });
        if (!knownInCorpus(index, entity.name)) foreign.add(entity.name);
      } else if (entity.kind === 'place') {
        slots.push({
          kind: 'place',
          text: mention.text,
          first: mention.first,
          last: mention.last,
          name: entity.name,
          placeKind: entity.placeKind,
          unknown: !knownInCorpus(index, entity.name),
        });
      } else if (/^\p{Lu}/u.test(entity.name) && !knownInCorpus(index, entity.name)) {
        foreign.add(entity.name);
      }
    }
  }
  for (const range of demonymRanges(paragraph)) {
    if (slots.some((s) => s.kind === 'place' && inRange(range.first, s.first, s.last))) continue;
    const inPerson = slots.some((s) => s.kind === 'person' && inRange(range.last, s.first, s.last));
    if (inPerson) continue;
    const text = slice(range.first, range.last);
    slots.push({
      kind: 'place',
      text,
      first: range.first,
      last: range.last,
      name: text,
      placeKind: 'demonym',
      unknown: !knownInCorpus(index, text),
    });
  }
  // A capitalised word no story knows, and that is not a place, names something the stories do not cover.
  const opening = tokens.find((t) => t.kind === 'word');
  const names = [...unknownEntities];
  if (
    opening &&
    opening.first &&
    !isCommonCapital(opening) &&
    !opening.tags.has('Plural') &&
    !knownInCorpus(index, opening.text)
  ) {
    const lexicon = lexiconTags(opening.base);
    if (lexicon.length === 0 || lexicon.some((tag) => /Name|Organization/.test(tag)))
      names.push(opening.text);
  }
  for (const surface of names) {
    const token = tokens.find((t) => t.text === surface || t.text.replace(/['’]s$/u, '') === surface);
    if (!token) continue;
    const place = slots.some((s) => s.kind === 'place' && inRange(token.i, s.first, s.last));
    const placeWord = lexiconPlace(token.text) !== undefined || isDemonym(token);
    if (!place && !placeWord) foreign.add(surface);
  }
  return { paragraph, slots, foreignNames: [...foreign], negated: negatedTokens(tokens) };
}

// ---------------------------------------------------------------- windows of the stories

interface Window {
  story: number;
  paragraph: number;
  /** Sentence positions in `index.sentences`. */
  positions: number[];
  text: string;
  start: number;
  end: number;
  support: number;
  frame: number;
  predicate: number;
  rank: number;
}

const tokenized = new WeakMap<Paragraph, TokenizedParagraph>();

function tokensOf(paragraph: Paragraph): TokenizedParagraph {
  let found = tokenized.get(paragraph);
  if (!found) {
    found = tokenizeParagraph(paragraph);
    tokenized.set(paragraph, found);
  }
  return found;
}

/** Coverage of the units by the sentences, with words the stories never use counted against it. */
function coverageWithUnknown(
  index: NewsIndex,
  units: readonly QueryUnit[],
  positions: readonly number[],
): number {
  const known = units.filter((u) => u.matches.size > 0);
  if (known.length === 0) return 0;
  const knownTotal = known.reduce((sum, u) => sum + u.weight, 0);
  const typical = knownTotal / known.length;
  const unknown = units.length - known.length;
  const covered = coverageOf(index, known, positions, knownTotal) * knownTotal;
  return covered / (knownTotal + unknown * typical * UNKNOWN_SHARE);
}

function windowOf(
  index: NewsIndex,
  positions: number[],
  rank: number,
  units: readonly QueryUnit[],
  frameUnits: readonly QueryUnit[],
  predicateUnits: readonly QueryUnit[],
): Window {
  const first = index.sentences[positions[0]!]!;
  const last = index.sentences[positions.at(-1)!]!;
  const paragraph = index.stories[first.story]!.paragraphs[first.paragraph - 1]!;
  const start = paragraph.sentences[first.sentence]!.start;
  const end = paragraph.sentences[last.sentence]!.end;
  return {
    story: first.story,
    paragraph: first.paragraph,
    positions,
    text: paragraph.text.slice(start, end),
    start,
    end,
    support: coverageWithUnknown(index, units, positions),
    frame: coverageWithUnknown(index, frameUnits, positions),
    predicate: coverageWithUnknown(index, predicateUnits, positions),
    rank,
  };
}

/** The claim's best sentences, alone and with a neighbour of the same paragraph. */
function candidateWindows(
  index: NewsIndex,
  units: readonly QueryUnit[],
  frameUnits: readonly QueryUnit[],
  predicateUnits: readonly QueryUnit[],
  positions: readonly number[],
): Window[] {
  const windows = new Map<string, Window>();
  positions.forEach((position, rank) => {
    const sentence = index.sentences[position]!;
    const paragraph = paragraphSentences(index, sentence.story, sentence.paragraph);
    for (const span of [[position], [position - 1, position], [position, position + 1]]) {
      if (!span.every((p) => paragraph.includes(p))) continue;
      const key = span.join(',');
      if (!windows.has(key)) windows.set(key, windowOf(index, span, rank, units, frameUnits, predicateUnits));
    }
  });
  return [...windows.values()];
}

// ---------------------------------------------------------------- comparing

interface Conflict {
  kind: 'count' | 'direction' | 'number' | 'person' | 'place' | 'negation';
  story: string;
  claim: string;
}

/** The number as written, without the counted noun and without a sentence-initial capital ("At least 23" → "at least 23"). */
function numberText(text: string, unit: string | null): string {
  let number = text;
  // Currencies and lengths of time read as part of the number ("462 billion yen", "three years").
  const keepsUnit =
    unit !== null &&
    /^(dollars|euros|pounds|yen|yuan|rupees|francs|roubles|won|pesos|hryvnias|(years?|months?|weeks?|days?|hours?|minutes?|decades?))$/.test(
      unit,
    );
  if (unit && !keepsUnit && text.toLowerCase().endsWith(unit.toLowerCase()) && text.length > unit.length) {
    number = text.slice(0, text.length - unit.length).trim();
  }
  return number.replace(/^\p{Lu}(?=\p{Ll})/u, (first) => first.toLowerCase());
}

function closeTo(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b), 1e-9);
}

/** Can the story's number be the claim's? Ranges, bounds ("at least") and approximations allow some room. */
function sameNumber(claim: QuantitySpan, story: QuantityFact): boolean {
  const claimSense = qualifierSense(claim.qualifier);
  const storySense = qualifierSense(story.qualifier);
  const tolerance = claimSense === 'approx' || storySense === 'approx' ? APPROX_TOLERANCE : EXACT_TOLERANCE;
  if (story.upper !== undefined) {
    if (claim.value >= story.value * (1 - tolerance) && claim.value <= story.upper * (1 + tolerance))
      return true;
  }
  if (closeTo(claim.value, story.value, tolerance)) return true;
  if (claimSense === 'min' && storySense !== 'max' && story.value >= claim.value) return true;
  if (claimSense === 'max' && storySense !== 'min' && story.value <= claim.value) return true;
  return false;
}

const UNIT_FAMILIES: readonly (readonly string[])[] = [['percent', 'percentage point', 'basis point']];

function unitKey(unit: string | null): string | null {
  if (!unit) return null;
  const family = UNIT_FAMILIES.find((f) => f.includes(unit));
  if (family) return family[0]!;
  const terms = nameTerms(unit);
  return terms.at(-1) ?? unit.toLowerCase();
}

function alignedPick<T>(
  candidates: readonly T[],
  offsetOf: (c: T) => number,
  anchor: number | null,
): T | undefined {
  if (anchor === null) return candidates[0];
  return [...candidates].sort((a, b) => Math.abs(offsetOf(a) - anchor) - Math.abs(offsetOf(b) - anchor))[0];
}

interface WindowContext {
  index: NewsIndex;
  window: Window;
  story: Story;
  tokens: Tok[];
  facts: readonly Fact[];
}

/** Window offset of the story word matching the claim word closest to the slot, to align what is compared. */
function anchorFor(reading: ClaimReading, slot: Slot, context: WindowContext): number | null {
  const claimTokens = reading.paragraph.tokens;
  const order = claimTokens
    .filter(
      (t) =>
        t.kind === 'word' &&
        (t.i < slot.first || t.i > slot.last) &&
        !reading.slots.some((s) => t.i >= s.first && t.i <= s.last),
    )
    .sort(
      (a, b) =>
        Math.min(Math.abs(a.i - slot.first), Math.abs(a.i - slot.last)) -
        Math.min(Math.abs(b.i - slot.first), Math.abs(b.i - slot.last)),
    );
  for (const word of order) {
    const terms = nameTerms(word.text);
    if (terms.length === 0) continue;
    const hit = context.tokens.find((t) => nameTerms(t.text).some((term) => terms.includes(term)));
    if (hit) return hit.start - context.window.start;
  }
  return null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wholeWords = new Map<string, RegExp>();
/** Does the passage hold `text` as whole words? */
function inWindow(window: Window, text: string): boolean {
  let pattern = wholeWords.get(text);
  if (!pattern) {
    pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(text)}($|[^\\p{L}\\p{N}])`, 'u');
    // Names repeat across claims; the cache is cleared rather than grown without bound.
    if (wholeWords.size > 5000) wholeWords.clear();
    wholeWords.set(text, pattern);
  }
  return pattern.test(window.text);
}

function personMentionsIn(context: WindowContext): { fact: PersonFact; offset: number }[] {
  const found: { fact: PersonFact; offset: number }[] = [];
  for (const fact of context.facts) {
    if (fact.type !== 'person') continue;
    for (const mention of fact.mentions) {
      if (mention.paragraph !== context.window.paragraph) continue;
      const bare = mention.text.replace(/['’]s?$/u, '');
      if (inWindow(context.window, bare)) found.push({ fact, offset: context.window.text.indexOf(bare) });
    }
  }
  return found;
}

function placesIn(context: WindowContext): { name: string; kind: string | null; offset: number }[] {
  const found: { name: string; kind: string | null; offset: number }[] = [];
  for (const fact of context.facts) {
    if (fact.type !== 'place') continue;
    const place: PlaceFact = fact;
    for (const mention of place.mentions) {
      if (mention.paragraph !== context.window.paragraph) continue;
      const bare = mention.text.replace(/['’]s?$/u, '');
      if (inWindow(context.window, bare))
        found.push({ name: place.name, kind: place.kind, offset: context.window.text.indexOf(bare) });
    }
  }
  const paragraph = paragraphTokens(context);
  for (const range of demonymRanges(paragraph)) {
    const first = paragraph.tokens[range.first]!;
    const last = paragraph.tokens[range.last]!;
    if (first.start < context.window.start || last.end > context.window.end) continue;
    found.push({
      name: paragraph.text.slice(first.start, last.end),
      kind: 'demonym',
      offset: first.start - context.window.start,
    });
  }
  return found;
}

function paragraphTokens(context: WindowContext): TokenizedParagraph {
  return tokensOf(context.story.paragraphs[context.window.paragraph - 1]!);
}

function compatibleKinds(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || a === b) return true;
  const group = (kind: string) =>
    kind === 'demonym' || kind === 'country' || kind === 'union' ? 'nation' : kind;
  return group(a) === group(b);
}

function windowHasTerms(context: WindowContext, text: string): boolean {
  const wanted = nameTerms(text);
  if (wanted.length === 0) return false;
  const have = new Set(context.tokens.flatMap((t) => nameTerms(t.text)));
  return wanted.every((term) => have.has(term));
}

/** The first disagreement between the claim and the window: a number, a person, a place or a negation. */
function findConflict(
  reading: ClaimReading,
  units: readonly QueryUnit[],
  context: WindowContext,
): Conflict | null {
  const { window } = context;
  const windowQuantities = context.facts.filter(
    (f): f is QuantityFact =>
      f.type === 'quantity' &&
      f.paragraph === window.paragraph &&
      window.text.includes(f.evidence) &&
      inWindow(window, f.text),
  );
  for (const slot of reading.slots) {
    if (slot.kind !== 'number' || !slot.quantity) continue;
    const claimQuantity = slot.quantity;
    if (windowQuantities.some((q) => sameNumber(claimQuantity, q))) continue;
    const key = unitKey(claimQuantity.unit);
    const comparable = windowQuantities.filter((q) => key !== null && unitKey(q.unit) === key);
    if (comparable.length === 0) continue;
    const anchor = anchorFor(reading, slot, context);
    const pick = alignedPick(comparable, (q) => window.text.indexOf(q.text), anchor)!;
    const storyText = numberText(pick.text, pick.unit);
    let claimText = numberText(slot.text, claimQuantity.unit);
    if (claimQuantity.qualifier && claimQuantity.qualifier === pick.qualifier) {
      claimText = claimText
        .slice(claimText.toLowerCase().indexOf(claimQuantity.qualifier) + claimQuantity.qualifier.length)
        .trim();
    }
    const sameNoun =
      claimQuantity.unit !== null &&
      !/^(percent|percentage point|basis point|dollars|euros|pounds|yen|yuan)$/.test(claimQuantity.unit);
    return { kind: sameNoun ? 'count' : 'number', story: storyText, claim: claimText };
  }
  const turned = directionConflict(reading, context, windowQuantities);
  if (turned) return turned;
  const people = personMentionsIn(context);
  for (const slot of reading.slots) {
    if (slot.kind !== 'person' || !slot.name) continue;
    const surname = nameTerms(slot.name).at(-1);
    const present =
      people.some((m) => nameTerms(m.fact.name).at(-1) === surname) || windowHasTerms(context, slot.name);
    if (present) {
      const misnamed = roleConflict(slot, context);
      if (misnamed) return misnamed;
      continue;
    }
    const others = people.filter(
      (m) =>
        !reading.slots.some(
          (s) => s.kind === 'person' && s.name && nameTerms(s.name).at(-1) === nameTerms(m.fact.name).at(-1),
        ),
    );
    if (others.length === 0) continue;
    const pick = alignedPick(others, (m) => m.offset, anchorFor(reading, slot, context))!;
    return { kind: 'person', story: pick.fact.name, claim: slot.name };
  }
  const places = placesIn(context);
  const identified = identifiedInWindow(reading, context, windowQuantities);
  for (const slot of reading.slots) {
    if (slot.kind !== 'place' || !slot.name) continue;
    if (windowHasTerms(context, slot.name)) continue;
    if (!identified) continue;
    const others = places.filter(
      (place) =>
        compatibleKinds(place.kind, slot.placeKind) &&
        !reading.slots.some(
          (s) =>
            s.kind === 'place' && s.name && nameTerms(s.name).join(' ') === nameTerms(place.name).join(' '),
        ) &&
        !nameTerms(reading.paragraph.text).some((term) => nameTerms(place.name).includes(term)),
    );
    if (others.length === 0) continue;
    const pick = alignedPick(others, (place) => place.offset, anchorFor(reading, slot, context))!;
    return { kind: 'place', story: pick.name, claim: slot.text };
  }
  return negationConflict(reading, units, context);
}

/**
 * Does the claim pin down the same thing as the passage, besides its places: a name both
 * use ("NATO", "Hanseong Energy") or a number both give ("16-story")? Only then can another
 * place in the claim contradict the story rather than describe some other event.
 */
function identifiedInWindow(
  reading: ClaimReading,
  context: WindowContext,
  quantities: readonly QuantityFact[],
): boolean {
  const inPlace = (i: number) => reading.slots.some((s) => s.kind === 'place' && i >= s.first && i <= s.last);
  const named = reading.paragraph.tokens.some(
    (t) =>
      t.kind === 'word' &&
      t.cap &&
      !t.first &&
      !inPlace(t.i) &&
      !(t.base in MONTHS) &&
      !(t.base in WEEKDAYS) &&
      windowHasTerms(context, t.text),
  );
  if (named) return true;
  return reading.slots.some(
    (slot) =>
      slot.kind === 'number' && slot.quantity && quantities.some((q) => sameNumber(slot.quantity!, q)),
  );
}

/**
 * The claim names a weekday or month its passage's paragraph never names: the passage
 * tells of another day, so it cannot support the claim. (Nor does it contradict it: dates
 * are told from different vantage points — "on Wednesday" in one report is "yesterday" in
 * another.)
 */
function otherDay(reading: ClaimReading, context: WindowContext): boolean {
  const calendarWords = (tokens: readonly Tok[]) => ({
    days: new Set(tokens.filter((t) => t.cap && t.base in WEEKDAYS).map((t) => t.base)),
    months: new Set(tokens.filter((t) => t.cap && t.base in MONTHS).map((t) => MONTHS[t.base])),
  });
  const claim = calendarWords(reading.paragraph.tokens);
  const story = calendarWords(paragraphTokens(context).tokens);
  const missing = <T>(wanted: ReadonlySet<T>, found: ReadonlySet<T>) =>
    [...wanted].some((x) => !found.has(x));
  return missing(claim.days, story.days) || missing(claim.months, story.months);
}

/** "Finance Minister Kenji Saito" when the story calls him Economy Minister: the claim's title is not his. */
function roleConflict(slot: Slot, context: WindowContext): Conflict | null {
  if (!slot.role || !slot.name) return null;
  const surname = nameTerms(slot.name).at(-1);
  const person = context.facts.find(
    (f): f is PersonFact => f.type === 'person' && nameTerms(f.name).at(-1) === surname,
  );
  if (!person?.role) return null;
  const known = new Set(
    nameTerms([person.role, person.affiliation ?? '', ...person.mentions.map((m) => m.text)].join(' ')),
  );
  const claimed = nameTerms(slot.role);
  if (claimed.every((term) => known.has(term))) return null;
  const title =
    person.affiliation && !person.role.includes(person.affiliation)
      ? `${person.affiliation} ${person.role}`
      : person.role;
  return { kind: 'person', story: `${title} ${person.name}`, claim: `${slot.role} ${slot.name}` };
}

const UP = new Set([
  'rose',
  'rise',
  'rises',
  'risen',
  'rising',
  'raised',
  'raise',
  'raises',
  'hiked',
  'hike',
  'climbed',
  'climb',
  'climbs',
  'jumped',
  'jump',
  'surged',
  'surge',
  'gained',
  'gain',
  'gains',
  'increased',
  'increase',
  'increases',
  'grew',
  'grow',
  'grows',
  'soared',
  'rallied',
  'up',
  'higher',
  'added',
  'edged up',
]);
const DOWN = new Set([
  'fell',
  'fall',
  'falls',
  'fallen',
  'dropped',
  'drop',
  'drops',
  'declined',
  'decline',
  'declines',
  'lowered',
  'lower',
  'cut',
  'cuts',
  'reduced',
  'reduce',
  'slid',
  'slide',
  'slipped',
  'slip',
  'slumped',
  'slump',
  'down',
  'shrank',
  'shrink',
  'plunged',
  'plunge',
  'tumbled',
  'dipped',
  'sank',
  'eased',
  'lost',
]);

function directionOf(word: string): 'up' | 'down' | null {
  if (UP.has(word)) return 'up';
  if (DOWN.has(word)) return 'down';
  return null;
}

/**
 * "Melbourne values rose 0.5 per cent" when the story says they slipped 0.5 per cent: the
 * same number moving the other way. Only the verb right before a matching number is read.
 */
function directionConflict(
  reading: ClaimReading,
  context: WindowContext,
  quantities: readonly QuantityFact[],
): Conflict | null {
  for (const slot of reading.slots) {
    if (slot.kind !== 'number' || !slot.quantity) continue;
    const claimVerb = directionBefore(reading.paragraph.tokens, slot.first);
    if (!claimVerb) continue;
    const claimQuantity = slot.quantity;
    for (const quantity of quantities) {
      if (!sameNumber(claimQuantity, quantity)) continue;
      const at = context.tokens.findIndex(
        (t) => t.start - context.window.start === context.window.text.indexOf(quantity.text),
      );
      if (at < 0) continue;
      const storyVerb = directionBefore(context.tokens, at);
      if (storyVerb && storyVerb.direction !== claimVerb.direction) {
        return {
          kind: 'direction',
          story: `${storyVerb.word} ${numberText(quantity.text, quantity.unit)}`,
          claim: `${claimVerb.word} ${numberText(slot.text, claimQuantity.unit)}`,
        };
      }
    }
  }
  return null;
}

function directionBefore(
  tokens: readonly Tok[],
  at: number,
): { word: string; direction: 'up' | 'down' } | null {
  for (let k = at - 1; k >= Math.max(0, at - 3); k--) {
    const token = tokens[k]!;
    if (token.kind === 'punct') return null;
    const direction = directionOf(token.base);
    if (direction) return { word: token.text, direction };
  }
  return null;
}

/** A word the claim asserts that the story denies, or the other way round. */
function negationConflict(
  reading: ClaimReading,
  units: readonly QueryUnit[],
  context: WindowContext,
): Conflict | null {
  const windowTokens = context.tokens;
  const windowNegated = negatedTokens(windowTokens);
  const claimTokens = reading.paragraph.tokens;
  for (const unit of units) {
    if (unit.generic || unit.matches.size === 0) continue;
    const claimHits = claimTokens.filter((t) => nameTerms(t.text).includes(unit.term));
    if (claimHits.length === 0) continue;
    const claimNegative = claimHits.every((t) => reading.negated.has(t.i));
    const matched = new Set([...unit.matches.keys()].map((id) => context.index.terms[id]));
    const storyHits = windowTokens.filter((t) => nameTerms(t.text).some((term) => matched.has(term)));
    if (storyHits.length === 0) continue;
    const storyNegative = storyHits.every((t) => windowNegated.has(t.i));
    if (claimNegative === storyNegative) continue;
    return {
      kind: 'negation',
      story: `“${context.window.text.replace(/[.!?]+$/u, '')}”`,
      claim: 'the opposite',
    };
  }
  return null;
}

// ---------------------------------------------------------------- the verdict

function toResult(index: NewsIndex, window: Window, score: number): ExcerptResult {
  const story = index.stories[window.story]!;
  return {
    story: story.id,
    paragraph: window.paragraph,
    excerpt: window.text,
    score: Math.round(score * 10_000) / 10_000,
    citation: citation(story.id, window.paragraph),
  };
}

const NUMBER_PART =
  /^(at|least|most|more|less|fewer|than|about|around|nearly|almost|roughly|some|over|under|up|to|an|estimated|a|quarter|half|third|fifth|tenth|of|the|between|and|per|cent|percent|percentage|point|points|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|bn|m|dozens?|hundreds|thousands|millions)$/;

/** The words of a slot that are compared rather than matched: a number and its qualifier, a name. */
function comparedWords(reading: ClaimReading, slot: Slot): string[] {
  const words: string[] = [];
  for (let k = slot.first; k <= slot.last; k++) {
    const token = reading.paragraph.tokens[k]!;
    // The counted noun ("civilians") is matched, only the number itself is compared.
    if (slot.kind === 'number' && token.kind === 'word' && !NUMBER_PART.test(token.base)) continue;
    words.push(token.text.toLowerCase().replace(/['’]s$/u, ''));
  }
  return words;
}

/** The claim's units without the words of the slots `drop` selects. */
function unitsWithout(
  units: readonly QueryUnit[],
  reading: ClaimReading,
  drop: (slot: Slot) => boolean,
): QueryUnit[] {
  const dropped = new Set(reading.slots.filter(drop).flatMap((slot) => comparedWords(reading, slot)));
  return units.filter((unit) => {
    const words = unit.surface
      .toLowerCase()
      .replace(/['’]s\b/gu, '')
      .split(/\s+/);
    return !words.every(
      (word) =>
        dropped.has(word) ||
        (/^[\d.,%$€£¥]+$/.test(word) && reading.slots.some((slot) => slot.kind === 'number' && drop(slot))),
    );
  });
}

/**
 * Checks a claim against the stories. It finds the sentences that bear on the claim
 * (ranked like answers), then compares what the claim asserts with what they say:
 * numbers (digits or words, with "at least", "about" …), people, places and negation.
 *
 * - `supported`: an excerpt holds most of the claim and nothing in it disagrees.
 * - `contradicted`: an excerpt holds the rest of the claim but gives another number,
 *   person or place, or denies it; `difference` says what differs.
 * - `not_found`: no excerpt bears on the claim, or it is about people or organisations
 *   no story mentions.
 */
export function verifyClaim(index: NewsIndex, claim: string, options: VerifyOptions = {}): Verification {
  const { minSupport, minFrame, minPredicate, candidates, ...scope } = {
    ...defaultVerifyOptions,
    ...options,
  };
  const notFound: Verification = { claim, verdict: 'not_found', difference: null, results: [] };
  // Relatedness is not agreement (temporary/permanent are close): claims match by form only.
  const plan = analyzeQuestion(index, claim, { related: false });
  const reading = readClaim(index, claim, plan.unknownEntities);
  if (reading.foreignNames.length > 0) return notFound;
  const connectives = new Set(
    [...claim.toLowerCase().matchAll(CONNECTIVES)].flatMap((m) => m[0].split(/\s+/)),
  );
  const units = withParaphrases(index, plan.units).filter(
    (unit) =>
      !unit.surface
        .split(/\s+/)
        .every((word) => NOT_TOPIC.test(word.toLowerCase()) || connectives.has(word.toLowerCase())),
  );
  // The frame is what must match before a difference counts: all but the numbers, the people
  // and the places no story knows. The predicate is what the claim says about the names it
  // drops ("… told reporters that the balance of risks has shifted"): names alone, however
  // rare, do not support a claim.
  const frameUnits = unitsWithout(units, reading, (slot) => slot.kind !== 'place' || slot.unknown === true);
  const predicateUnits = unitsWithout(units, reading, (slot) => slot.kind === 'person').filter(
    (unit) => !unit.entity,
  );
  const ranked = rankSentences(index, plan, scope).slice(0, candidates);
  if (ranked.length === 0) return notFound;
  const windows = candidateWindows(
    index,
    units,
    frameUnits,
    predicateUnits,
    ranked.map((r) => r.position),
  );
  const contextOf = (window: Window): WindowContext => {
    const story = index.stories[window.story]!;
    const paragraph = story.paragraphs[window.paragraph - 1]!;
    const tokens = tokensOf(paragraph).tokens.filter((t) => t.start >= window.start && t.end <= window.end);
    return { index, window, story, tokens, facts: storyFacts(index, story) };
  };
  const bySupport = [...windows].sort(
    (a, b) => b.support - a.support || a.positions.length - b.positions.length || a.rank - b.rank,
  );
  // Among passages that disagree, the one closest to the whole claim is the one it is about.
  const byFrame = [...windows].sort(
    (a, b) =>
      b.frame + b.support - (a.frame + a.support) ||
      a.positions.length - b.positions.length ||
      a.rank - b.rank,
  );
  const conflicts = new Map<Window, Conflict | null>();
  const conflictOf = (window: Window) => {
    if (!conflicts.has(window)) conflicts.set(window, findConflict(reading, units, contextOf(window)));
    return conflicts.get(window)!;
  };
  // A place no story mentions can be contradicted (the story names another) but not supported,
  // and a number in a passage about somewhere else says nothing about it.
  const unknownPlaces = reading.slots.filter((slot) => slot.kind === 'place' && slot.unknown);
  const aboutClaim = (window: Window) => unknownPlaces.length === 0 || conflictOf(window)?.kind === 'place';
  for (const window of bySupport) {
    if (window.support < minSupport) break;
    if (
      window.predicate >= minPredicate &&
      !conflictOf(window) &&
      aboutClaim(window) &&
      !otherDay(reading, contextOf(window))
    ) {
      return {
        claim,
        verdict: 'supported',
        difference: null,
        results: [toResult(index, window, window.support)],
      };
    }
  }
  for (const window of byFrame) {
    const conflict = conflictOf(window);
    if (conflict && aboutClaim(window) && window.frame >= minFrame + FRAME_MARGIN[conflict.kind]) {
      return {
        claim,
        verdict: 'contradicted',
        difference: `the story says ${conflict.story}, the claim says ${conflict.claim}`,
        results: [toResult(index, window, window.frame)],
      };
    }
  }
  return notFound;
}
