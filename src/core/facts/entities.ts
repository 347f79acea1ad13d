import { normalizeText } from '../corpus/normalizeText.js';
import {
  EQUIPMENT_HEADS,
  FUNCTION_WORDS,
  HONORIFICS,
  MONTHS,
  OF_HEADS,
  ORG_DESCRIPTORS,
  ORG_KEYWORDS,
  PLACE_ABBREVIATIONS,
  PLACE_KIND_WORDS,
  PLACE_PREPOSITIONS,
  PLACE_SUFFIX_KINDS,
  ROLE_MODIFIERS,
  SPEECH_FILLERS,
  SPEECH_VERBS,
  TITLE_HEADS,
  WEEKDAYS,
  COMMON_ORG_HEADS,
  EXTRA_DEMONYMS,
} from './lexicon.js';
import { lexiconTags } from './tagger.js';
import { adjacent, isCommonCapitalAt, type Tok, type TokenizedParagraph } from './tokens.js';

export type EntityKind = 'person' | 'organization' | 'place';

/** Where an entity is named: paragraph and token range, and the words as written. */
export interface EntityMention {
  paragraph: number;
  first: number;
  last: number;
  text: string;
}

/** A person, organisation or place with every mention of it in one story. */
export interface Entity {
  kind: EntityKind;
  name: string;
  role: string | null;
  affiliation: string | null;
  placeKind: string | null;
  mentions: EntityMention[];
}

/** The entities of a story and a way to find who was last mentioned before a point. */
export interface StoryEntities {
  entities: Entity[];
  /** The entity of `kind` mentioned last before token `token` of paragraph `paragraph`. */
  lastBefore(kind: EntityKind, paragraph: number, token: number): Entity | undefined;
}

interface Chunk {
  paragraph: TokenizedParagraph;
  first: number;
  last: number;
}

const PARTICLES = new Set(['de', 'van', 'von', 'der', 'da', 'al', 'bin', 'la', 'le', 'du', 'del', 'di']);
const DIRECTIONS = new Set([
  'north',
  'south',
  'east',
  'west',
  'northern',
  'southern',
  'eastern',
  'western',
  'central',
  'new',
]);
const PLACE_TAGS: Readonly<Record<string, string>> = {
  Country: 'country',
  City: 'city',
  Region: 'region',
  Place: 'place',
};

const isModelCode = (text: string) => /\d/.test(text);

function isNameToken(p: TokenizedParagraph, i: number): boolean {
  const token = p.tokens[i];
  if (!token || token.kind !== 'word' || !token.cap) return false;
  if (isModelCode(token.text) || isCommonCapitalAt(p.tokens, i, p.text)) return false;
  return !(token.base in WEEKDAYS) && !(token.base in MONTHS);
}

const textOf = (p: TokenizedParagraph, first: number, last: number) =>
  p.text.slice(p.tokens[first]!.start, p.tokens[last]!.end);

/** A name as written, without a final possessive ("Zelenskiy’s" → "Zelenskiy"). */
function bareText(p: TokenizedParagraph, first: number, last: number): string {
  return textOf(p, first, last).replace(/['’]s?$/u, '');
}

/** Runs of capitalised words, joined by "of" after words such as "Bank" and by name particles. */
function findChunks(p: TokenizedParagraph): Chunk[] {
  const chunks: Chunk[] = [];
  const { tokens } = p;
  for (let i = 0; i < tokens.length; i++) {
    if (!isNameToken(p, i)) continue;
    let j = i;
    for (;;) {
      const current = tokens[j]!;
      const next = tokens[j + 1];
      if (
        current.possessive &&
        !(next && isNameToken(p, j + 1) && (ORG_KEYWORDS.has(next.base) || next.base in PLACE_SUFFIX_KINDS))
      )
        break;
      if (next && isNameToken(p, j + 1) && adjacent(current, next, p.text)) {
        j++;
        continue;
      }
      if (next && adjacent(current, next, p.text)) {
        if (next.base === 'of' && OF_HEADS.has(current.base)) {
          const skip = tokens[j + 2]?.base === 'the' ? 3 : 2;
          if (isNameToken(p, j + skip)) {
            j += skip;
            continue;
          }
        }
        if ((PARTICLES.has(next.text) || next.text === '&') && isNameToken(p, j + 2)) {
          j += 2;
          continue;
        }
      }
      break;
    }
    chunks.push({ paragraph: p, first: i, last: j });
    i = j;
  }
  return chunks;
}

/** The kind of place compromise's lexicon knows a name as, or undefined. */
export function lexiconPlace(name: string): string | undefined {
  const key = normalizeText(name).replace(/['’]s?$/, '');
  if (key in PLACE_ABBREVIATIONS) return PLACE_ABBREVIATIONS[key];
  if (`${key}.` in PLACE_ABBREVIATIONS) return PLACE_ABBREVIATIONS[`${key}.`];
  const tags = lexiconTags(key);
  for (const tag of tags) if (tag in PLACE_TAGS) return PLACE_TAGS[tag];
  return undefined;
}

/** "Russian", "Japanese": a word naming people of a place. */
export function isDemonym(token: Tok): boolean {
  if (!token.cap) return false;
  return (
    token.tags.has('Demonym') || EXTRA_DEMONYMS.has(token.base) || lexiconTags(token.base).includes('Demonym')
  );
}

/** A word that says where someone is from: a place, its adjective, or a direction before one. */
function isPlaceWord(token: Tok, knownPlaces: ReadonlySet<string>): boolean {
  if (isDemonym(token) || DIRECTIONS.has(token.base)) return true;
  if (lexiconPlace(token.text) !== undefined || knownPlaces.has(token.base)) return true;
  return (
    /^(?:[a-z]\.)+[a-z]?$/.test(token.base) &&
    token.base.replace(/\./g, '').length <= 3 &&
    `${token.base}.` in PLACE_ABBREVIATIONS
  );
}

interface Candidate {
  kind: EntityKind;
  name: string;
  /** Lower-case key the entity is merged on. */
  key: string;
  mention: EntityMention;
  title?: { paragraph: TokenizedParagraph; first: number; last: number; headFirst?: number } | undefined;
  role?: string | null;
  affiliation?: string | null;
  /** "Its chief economist": the affiliation is the organisation named last before. */
  affiliationFromContext?: boolean;
  placeKind?: string | null;
}

const keyOf = (name: string) =>
  normalizeText(name)
    .replace(/['’]s?$/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Where the title starts inside a capitalised run: after any place or organisation prefix. */
function roleStart(tokens: readonly Tok[], first: number, head: number): number {
  for (let k = first; k <= head; k++) {
    if (ROLE_MODIFIERS.has(tokens[k]!.base) || TITLE_HEADS.has(tokens[k]!.base)) return k;
  }
  return head;
}

function lastTitleHead(tokens: readonly Tok[], chunk: Chunk): number {
  for (let k = chunk.last - 1; k >= chunk.first; k--) {
    const token = tokens[k]!;
    if (!TITLE_HEADS.has(token.base) || HONORIFICS.has(token.base) || HONORIFICS.has(`${token.base}.`))
      continue;
    const rest = tokens.slice(k + 1, chunk.last + 1);
    if (
      rest.every(
        (t) => !TITLE_HEADS.has(t.base) && !ORG_KEYWORDS.has(t.base) && !(t.base in PLACE_SUFFIX_KINDS),
      )
    )
      return k;
    return -1;
  }
  return -1;
}

/** A lower-case title just before a name ("emergency director", "chief economist"), as token range. */
function titleBefore(
  tokens: readonly Tok[],
  first: number,
  text: string,
  headAt = first - 1,
): { first: number; last: number } | null {
  const head = tokens[headAt];
  if (!head || head.kind !== 'word' || head.cap || !TITLE_HEADS.has(head.base)) return null;
  if (headAt === first - 1 && !adjacent(head, tokens[first]!, text)) return null;
  let start = headAt;
  for (let k = headAt - 1; k >= Math.max(0, headAt - 4); k--) {
    const token = tokens[k]!;
    if (token.kind !== 'word' || !adjacent(token, tokens[k + 1]!, text)) break;
    if (FUNCTION_WORDS.has(token.base) || token.possessive) break;
    const modifier = ROLE_MODIFIERS.has(token.base) || TITLE_HEADS.has(token.base);
    const describing = token.tags.has('Noun') || token.tags.has('Adjective') || token.tags.has('Gerund');
    if (token.cap && !token.first && !modifier) break;
    if (!modifier && !describing) break;
    if (token.tags.has('Verb') && !token.tags.has('Gerund') && !modifier) break;
    start = k;
  }
  return { first: start, last: headAt };
}

/** "Its chief economist, Dr. Alistair Penrose": a title set off by a comma before a person's name. */
function titleBeforeComma(
  tokens: readonly Tok[],
  chunk: Chunk,
  text: string,
): { first: number; last: number } | null {
  if (tokens[chunk.first - 1]?.text !== ',') return null;
  const words = tokens.slice(chunk.first, chunk.last + 1);
  const personLike =
    HONORIFICS.has(words[0]!.base) ||
    HONORIFICS.has(`${words[0]!.base}.`) ||
    words.some((t) => t.tags.has('FirstName') || t.tags.has('Person'));
  if (!personLike) return null;
  const title = titleBefore(tokens, chunk.first, text, chunk.first - 2);
  if (!title) return null;
  const owner = tokens[title.first - 1];
  if (
    owner &&
    !/^(its|their|his|her|the|a|an)$/.test(owner.base) &&
    !owner.possessive &&
    owner.sentence === tokens[title.first]!.sentence &&
    owner.kind !== 'punct'
  )
    return null;
  return title;
}

/** "Its chief economist", "The company’s chief executive": the owner is named earlier, not here. */
function ownedByContext(owner: Tok | undefined): boolean {
  return !!owner && (/^(its|their)$/.test(owner.base) || (owner.possessive && !owner.cap));
}

/** A person whose title comes before the name, lower case or set off by a comma. */
function titledCandidate(
  p: TokenizedParagraph,
  chunks: readonly Chunk[],
  title: { first: number; last: number },
  name: string,
  mention: EntityMention,
): { candidate: Candidate; affiliationChunk: Chunk | undefined } {
  const owner = p.tokens[title.first - 1];
  const affiliationChunk = chunkEndingAt(chunks, p, title.first - 1);
  return {
    affiliationChunk,
    candidate: {
      kind: 'person',
      name,
      key: keyOf(name),
      mention,
      title: affiliationChunk
        ? { paragraph: p, first: affiliationChunk.first, last: title.last, headFirst: title.first }
        : { paragraph: p, first: title.first, last: title.last, headFirst: title.first },
      affiliationFromContext: !affiliationChunk && ownedByContext(owner),
    },
  };
}

/** A capitalised run just before a title ("Goldman Sachs" economist): its affiliation. */
function chunkEndingAt(chunks: readonly Chunk[], p: TokenizedParagraph, last: number): Chunk | undefined {
  return chunks.find((c) => c.paragraph === p && c.last === last);
}

/** Is the token at `i` a reporting verb, allowing "has", "later" and the like before it? */
function speechVerbFrom(tokens: readonly Tok[], i: number): boolean {
  let k = i;
  while (tokens[k] && (SPEECH_FILLERS.has(tokens[k]!.base) || /ly$/.test(tokens[k]!.base)) && k - i < 3) k++;
  const verb = tokens[k];
  return !!verb && !verb.cap && SPEECH_VERBS.has(verb.base);
}

/** Classifies the runs of capitalised words of a story into people, organisations and places. */
export function findEntities(paragraphs: readonly TokenizedParagraph[]): StoryEntities {
  const allChunks = paragraphs.map((p) => findChunks(p));
  const candidates: Candidate[] = [];
  const settled = new Set<Chunk>();
  const mention = (p: TokenizedParagraph, first: number, last: number): EntityMention => ({
    paragraph: p.number,
    first,
    last,
    text: textOf(p, first, last),
  });

  // Pass 1: what a run shows by itself — titles, honorifics, keywords, the lexicon.
  for (const chunks of allChunks) {
    for (const chunk of chunks) {
      const p = chunk.paragraph;
      const { tokens } = p;
      const head = lastTitleHead(tokens, chunk);
      const honorific =
        HONORIFICS.has(tokens[chunk.first]!.base) || HONORIFICS.has(`${tokens[chunk.first]!.base}.`);
      if (head >= 0) {
        const name = bareText(p, head + 1, chunk.last);
        candidates.push({
          kind: 'person',
          name,
          key: keyOf(name),
          mention: mention(p, chunk.first, chunk.last),
          title: { paragraph: p, first: chunk.first, last: head },
        });
        settled.add(chunk);
        continue;
      }
      if (honorific && chunk.last > chunk.first) {
        const name = bareText(p, chunk.first + 1, chunk.last);
        const title = titleBeforeComma(tokens, chunk, p.text);
        if (title) {
          const { candidate, affiliationChunk } = titledCandidate(
            p,
            chunks,
            title,
            name,
            mention(p, chunk.first, chunk.last),
          );
          candidates.push(candidate);
          if (affiliationChunk) settled.add(affiliationChunk);
        } else {
          candidates.push({
            kind: 'person',
            name,
            key: keyOf(name),
            mention: mention(p, chunk.first, chunk.last),
          });
        }
        settled.add(chunk);
        continue;
      }
      const words = tokens.slice(chunk.first, chunk.last + 1);
      const fullText = bareText(p, chunk.first, chunk.last);
      const lastWord = words.at(-1)!;
      const before = tokens[chunk.first - 1];
      const after = tokens[chunk.last + 1];
      const organization = () => {
        candidates.push({
          kind: 'organization',
          name: fullText,
          key: keyOf(fullText),
          mention: mention(p, chunk.first, chunk.last),
        });
        settled.add(chunk);
      };
      if (words.some((t) => ORG_KEYWORDS.has(t.base)) && !(lastWord.base in PLACE_SUFFIX_KINDS)) {
        organization();
        continue;
      }
      if (
        before &&
        !before.cap &&
        ORG_DESCRIPTORS.has(before.base) &&
        !isDemonym(lastWord) &&
        lexiconPlace(fullText) === undefined
      ) {
        organization();
        continue;
      }
      if (
        after?.text === ',' &&
        describedAsOrganization(tokens, chunk.last + 2) &&
        lexiconPlace(fullText) === undefined
      ) {
        organization();
        continue;
      }
      if (
        words.length > 1 &&
        lastWord.base in PLACE_SUFFIX_KINDS &&
        !(words[0]!.base === 'st' && words.length === 2 && lastWord.base === 'st')
      ) {
        candidates.push({
          kind: 'place',
          name: fullText,
          key: keyOf(fullText),
          mention: mention(p, chunk.first, chunk.last),
          placeKind: PLACE_SUFFIX_KINDS[lastWord.base]!,
        });
        settled.add(chunk);
        continue;
      }
      const acronym =
        words.length === 1 && /^(?:[A-Z][A-Z&]+|(?:[A-Z]\.){2,})$/.test(lastWord.text.replace(/['’]s$/, ''));
      if (acronym && after && EQUIPMENT_HEADS.has(after.base) && !after.cap) {
        settled.add(chunk);
        continue;
      }
      const placeKind = lexiconPlace(fullText);
      const titleAhead = titleBefore(tokens, chunk.first, p.text) ?? titleBeforeComma(tokens, chunk, p.text);
      const personTagged = words.some(
        (t) => t.tags.has('FirstName') || t.tags.has('Person') || t.tags.has('LastName'),
      );
      const speaking =
        (before && !before.cap && SPEECH_VERBS.has(before.base)) ||
        (after && speechVerbFrom(tokens, chunk.last + 1));
      const aged =
        after?.text === ',' &&
        tokens[chunk.last + 2]?.kind === 'number' &&
        tokens[chunk.last + 3]?.text === ',';
      if (titleAhead && placeKind === undefined) {
        const { candidate, affiliationChunk } = titledCandidate(
          p,
          chunks,
          titleAhead,
          fullText,
          mention(p, chunk.first, chunk.last),
        );
        candidates.push(candidate);
        if (affiliationChunk) settled.add(affiliationChunk);
        settled.add(chunk);
        continue;
      }
      if (
        words.length >= 2 &&
        words.length <= 4 &&
        placeKind === undefined &&
        (personTagged || speaking || aged)
      ) {
        if (!words.some((t) => ORG_KEYWORDS.has(t.base) || TITLE_HEADS.has(t.base))) {
          candidates.push({
            kind: 'person',
            name: fullText,
            key: keyOf(fullText),
            mention: mention(p, chunk.first, chunk.last),
          });
          settled.add(chunk);
          continue;
        }
      }
      if (placeKind !== undefined && !words.some((t) => t.tags.has('Person') && !t.tags.has('Place'))) {
        candidates.push({
          kind: 'place',
          name: fullText,
          key: keyOf(fullText),
          mention: mention(p, chunk.first, chunk.last),
          placeKind: placeKind === 'place' ? null : placeKind,
        });
        settled.add(chunk);
        continue;
      }
      // compromise tags many capitalised phrases as organisations ("the Ukrainian capital"), so
      // only its lexicon's organisations and bare acronyms are trusted here.
      if (
        lexiconTags(keyOf(fullText)).includes('Organization') ||
        (acronym && !isPlaceWord(lastWord, new Set()))
      ) {
        organization();
        continue;
      }
      const kindAfter = after && !after.cap ? PLACE_KIND_WORDS[after.base] : undefined;
      const kindBefore = placeKindBefore(tokens, chunk.first);
      if ((kindAfter || kindBefore) && !personTagged) {
        candidates.push({
          kind: 'place',
          name: fullText,
          key: keyOf(fullText),
          mention: mention(p, chunk.first, chunk.last),
          placeKind: kindAfter ?? kindBefore ?? null,
        });
        settled.add(chunk);
      }
    }
  }

  // Lower-case organisations named as such: "the regional weather service", "The British government".
  for (const p of paragraphs) {
    const { tokens } = p;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.cap || !COMMON_ORG_HEADS.has(token.base) || token.possessive) continue;
      const next = tokens[i + 1];
      if (next && next.kind === 'word' && !next.cap && next.tags.has('Noun') && !next.tags.has('Verb'))
        continue;
      let k = i - 1;
      while (
        k >= 0 &&
        i - k <= 3 &&
        tokens[k]!.kind === 'word' &&
        !FUNCTION_WORDS.has(tokens[k]!.base) &&
        (tokens[k]!.tags.has('Adjective') || tokens[k]!.tags.has('Noun') || isDemonym(tokens[k]!)) &&
        !tokens[k]!.possessive
      ) {
        if (tokens[k]!.cap && !tokens[k]!.first && !isDemonym(tokens[k]!)) break;
        k--;
      }
      if (k === i - 1) continue;
      if (!tokens[k] || !/^(the)$/.test(tokens[k]!.base)) continue;
      const name = textOf(p, k + 1, i);
      candidates.push({ kind: 'organization', name, key: keyOf(name), mention: mention(p, k + 1, i) });
    }
  }

  const people = new Map<string, Candidate>();
  for (const c of candidates) if (c.kind === 'person' && c.key.includes(' ')) people.set(c.key, c);
  const surnames = new Map<string, string>();
  for (const [key] of people) surnames.set(key.split(' ').at(-1)!, key);
  const multiword = new Map<string, Candidate>();
  for (const c of candidates) {
    if (c.kind === 'person' || !c.key.includes(' ')) continue;
    const firstWord = c.key.split(' ')[0]!;
    if (!isGenericWord(firstWord) && !multiword.has(firstWord)) multiword.set(firstWord, c);
  }
  const knownKinds = new Map<string, EntityKind>();
  for (const c of candidates) if (!knownKinds.has(c.key)) knownKinds.set(c.key, c.kind);
  const knownPlaces = new Set(candidates.filter((c) => c.kind === 'place').map((c) => c.key));

  // Pass 2: runs that need the rest of the story — surnames, short names, context words.
  for (const chunks of allChunks) {
    let previousPlace: Chunk | undefined;
    for (const chunk of chunks) {
      const p = chunk.paragraph;
      const { tokens } = p;
      if (settled.has(chunk)) {
        if (
          candidates.some(
            (c) => c.kind === 'place' && c.mention.paragraph === p.number && c.mention.first === chunk.first,
          )
        )
          previousPlace = chunk;
        continue;
      }
      const words = tokens.slice(chunk.first, chunk.last + 1);
      const honorific = HONORIFICS.has(words[0]!.base) || HONORIFICS.has(`${words[0]!.base}.`);
      const nameWords = honorific ? words.slice(1) : words;
      if (nameWords.length === 0) continue;
      const fullText = bareText(p, honorific ? chunk.first + 1 : chunk.first, chunk.last);
      const key = keyOf(fullText);
      const m = mention(p, chunk.first, chunk.last);
      const surnameOf = surnames.get(key);
      if (people.has(key) || surnameOf) {
        const person = people.get(key) ?? people.get(surnameOf!)!;
        candidates.push({ kind: 'person', name: person.name, key: person.key, mention: m });
        continue;
      }
      if (honorific) {
        candidates.push({ kind: 'person', name: fullText, key, mention: m });
        continue;
      }
      const known = knownKinds.get(key);
      if (known) {
        candidates.push({ kind: known, name: fullText, key, mention: m });
        if (known === 'place') previousPlace = chunk;
        continue;
      }
      const short = nameWords.length === 1 ? multiword.get(key) : undefined;
      if (short) {
        candidates.push({ kind: short.kind, name: short.name, key: short.key, mention: m });
        continue;
      }
      if (words.some(isDemonym) || words.every((t) => ROLE_MODIFIERS.has(t.base) || TITLE_HEADS.has(t.base)))
        continue;
      const before = tokens[chunk.first - 1];
      const beforeThe = before?.base === 'the' ? tokens[chunk.first - 2] : before;
      const after = tokens[chunk.last + 1];
      // "polled by Reuters", "economist at Mizuho": who does or employs, not where.
      const agent = before?.base === 'by' || (before?.base === 'at' && isOccupation(tokens[chunk.first - 2]));
      if (agent && !before!.cap && lexiconPlace(fullText) === undefined) {
        candidates.push({ kind: 'organization', name: fullText, key, mention: m });
        knownKinds.set(key, 'organization');
        continue;
      }
      const coordinated =
        previousPlace !== undefined &&
        previousPlace.paragraph === p &&
        /^(and|or|,)$/.test(tokens[chunk.first - (before?.base === 'the' ? 2 : 1)]?.base ?? '') &&
        chunk.first - previousPlace.last <= 3;
      if (
        coordinated ||
        (beforeThe && !beforeThe.cap && PLACE_PREPOSITIONS.has(beforeThe.base) && before?.base !== 'the')
      ) {
        const placeKind = coordinated ? placeKindOf(candidates, previousPlace!) : null;
        candidates.push({ kind: 'place', name: fullText, key, mention: m, placeKind });
        knownKinds.set(key, 'place');
        previousPlace = chunk;
        continue;
      }
      const nounAfter =
        after && after.kind === 'word' && !after.cap && after.tags.has('Noun') && !after.tags.has('Verb');
      if (
        before?.base === 'the' &&
        !nounAfter &&
        after?.text !== '–' &&
        after?.text !== '-' &&
        nameWords.length <= 3
      ) {
        candidates.push({ kind: 'organization', name: fullText, key, mention: m });
        knownKinds.set(key, 'organization');
        continue;
      }
      if (nameWords.length === 1 && after && speechVerbFrom(tokens, chunk.last + 1) && !words[0]!.first) {
        const kind: EntityKind = words[0]!.tags.has('LastName') ? 'person' : 'organization';
        candidates.push({ kind, name: fullText, key, mention: m });
        knownKinds.set(key, kind);
      }
    }
  }

  return assemble(candidates, paragraphs, knownPlaces);
}

function isOccupation(token: Tok | undefined): boolean {
  return (
    !!token &&
    token.kind === 'word' &&
    (!token.cap || token.first) &&
    (TITLE_HEADS.has(token.base) || token.tags.has('Actor'))
  );
}

function placeKindOf(candidates: readonly Candidate[], chunk: Chunk): string | null {
  const found = candidates.find(
    (c) =>
      c.kind === 'place' && c.mention.paragraph === chunk.paragraph.number && c.mention.first === chunk.first,
  );
  return found?.placeKind ?? null;
}

/** Words too general to stand for a longer name on their own ("National", "U.S."). */
function isGenericWord(word: string): boolean {
  if (ORG_KEYWORDS.has(word) || ROLE_MODIFIERS.has(word) || TITLE_HEADS.has(word) || DIRECTIONS.has(word))
    return true;
  if (word in PLACE_ABBREVIATIONS || `${word}.` in PLACE_ABBREVIATIONS || FUNCTION_WORDS.has(word))
    return true;
  const tags = lexiconTags(word);
  return tags.length > 0 && !tags.some((tag) => /Name|Place|Country|City|Region|Organization/.test(tag));
}

/** ", the San Jose-based maker of …": an appositive that says the name is an organisation. */
function describedAsOrganization(tokens: readonly Tok[], from: number): boolean {
  const article = tokens[from];
  if (!article || !/^(the|a|an)$/.test(article.base)) return false;
  for (let k = from + 1; k < Math.min(tokens.length, from + 7); k++) {
    const token = tokens[k]!;
    if (token.kind === 'punct' && token.text !== '-' && !token.text.startsWith('-')) return false;
    if (!token.cap && ORG_DESCRIPTORS.has(token.base)) {
      const next = tokens[k + 1];
      return !next || !(next.tags.has('Verb') && !next.tags.has('Noun'));
    }
    if (FUNCTION_WORDS.has(token.base) && k > from + 1) return false;
  }
  return false;
}

/** "the city of X", "the riverside districts of X", "the village of X": the kind of place X is. */
function placeKindBefore(tokens: readonly Tok[], first: number): string | undefined {
  if (tokens[first - 1]?.base !== 'of') return undefined;
  const kind = tokens[first - 2];
  return kind && !kind.cap ? PLACE_KIND_WORDS[kind.base] : undefined;
}

/** Turns a title's tokens into role and affiliation: "Kyiv Mayor" → Mayor, Kyiv; "Fed Chair" → Fed Chair, Fed. */
function splitTitle(
  title: NonNullable<Candidate['title']>,
  knownPlaces: ReadonlySet<string>,
): { role: string; affiliation: string | null; prefixIsPlace: boolean } {
  const { paragraph: p, first, last } = title;
  const { tokens } = p;
  const start = title.headFirst ?? roleStart(tokens, first, last);
  const roleFirst = title.headFirst !== undefined ? title.headFirst : start;
  if (roleFirst <= first) return { role: textOf(p, first, last), affiliation: null, prefixIsPlace: false };
  const prefix = tokens
    .slice(first, roleFirst)
    .filter((t) => t.kind === 'word' && t.base !== 'of' && t.base !== 'the');
  const affiliation = bareText(p, first, roleFirst - 1);
  const prefixIsPlace = prefix.every((t) => isPlaceWord(t, knownPlaces));
  const possessive = tokens[roleFirst - 1]?.possessive === true;
  const role = prefixIsPlace || possessive ? textOf(p, roleFirst, last) : textOf(p, first, last);
  return { role, affiliation, prefixIsPlace };
}

function assemble(
  candidates: Candidate[],
  paragraphs: readonly TokenizedParagraph[],
  knownPlaces: ReadonlySet<string>,
): StoryEntities {
  const order = (c: Candidate) => c.mention.paragraph * 1e6 + c.mention.first;
  candidates.sort((a, b) => order(a) - order(b));
  const byKey = new Map<string, Entity>();
  const entities: Entity[] = [];
  const timeline: { at: number; entity: Entity }[] = [];
  const extra: Candidate[] = [];
  for (const c of candidates) {
    if (c.kind !== 'person' || !c.title) continue;
    const split = splitTitle(c.title, knownPlaces);
    c.role = split.role;
    c.affiliation = split.affiliation;
    const { paragraph: p, first } = c.title;
    const roleFirst = c.title.headFirst ?? roleStart(p.tokens, first, c.title.last);
    if (split.affiliation && roleFirst > first) {
      const kind: EntityKind = split.prefixIsPlace ? 'place' : 'organization';
      const prefixTokens = p.tokens.slice(first, roleFirst);
      if (!(split.prefixIsPlace && prefixTokens.some(isDemonym))) {
        extra.push({
          kind,
          name: split.affiliation,
          key: keyOf(split.affiliation),
          mention: { paragraph: p.number, first, last: roleFirst - 1, text: split.affiliation },
        });
      }
    }
  }
  const all = [...candidates, ...extra].sort((a, b) => order(a) - order(b));
  for (const c of all) {
    const mapKey = `${c.kind}:${c.key}`;
    let entity = byKey.get(mapKey);
    if (!entity && c.kind === 'person') {
      const surname = c.key.split(' ').at(-1)!;
      entity = entities.find((e) => e.kind === 'person' && keyOf(e.name).split(' ').at(-1) === surname);
    }
    if (!entity && c.kind !== 'person') {
      entity = entities.find(
        (e) =>
          e.kind === c.kind &&
          keyOf(e.name).split(' ')[0] === c.key &&
          !c.key.includes(' ') &&
          keyOf(e.name).includes(' '),
      );
    }
    if (!entity) {
      entity = {
        kind: c.kind,
        name: c.name,
        role: null,
        affiliation: null,
        placeKind: c.placeKind ?? null,
        mentions: [],
      };
      entities.push(entity);
    }
    byKey.set(mapKey, entity);
    if (c.kind === 'person' && keyOf(c.name).split(' ').length > keyOf(entity.name).split(' ').length)
      entity.name = c.name;
    if (c.role && !entity.role) {
      entity.role = c.role;
      entity.affiliation = c.affiliation ?? null;
    }
    if (c.affiliationFromContext && !entity.affiliation) {
      entity.affiliation = timelineLast(timeline, 'organization', order(c))?.name ?? null;
    }
    if (c.placeKind && !entity.placeKind) entity.placeKind = c.placeKind;
    if (
      !entity.mentions.some(
        (m) => m.paragraph === c.mention.paragraph && m.first <= c.mention.first && m.last >= c.mention.last,
      )
    ) {
      entity.mentions.push(c.mention);
      timeline.push({ at: order(c), entity });
    }
  }
  appositiveRoles(entities, paragraphs, entities);
  return {
    entities,
    lastBefore: (kind, paragraph, token) => timelineLast(timeline, kind, paragraph * 1e6 + token),
  };
}

function timelineLast(
  timeline: readonly { at: number; entity: Entity }[],
  kind: EntityKind,
  before: number,
): Entity | undefined {
  let found: Entity | undefined;
  for (const entry of timeline) {
    if (entry.at >= before) break;
    if (entry.entity.kind === kind) found = entry.entity;
  }
  return found;
}

/**
 * Roles given after the name: "Priya Natarajan, chief U.S. economist at Halvorsen Capital",
 * "Marco Feld, 54, a baker whose shop …".
 */
function appositiveRoles(
  people: readonly Entity[],
  paragraphs: readonly TokenizedParagraph[],
  entities: readonly Entity[],
): void {
  for (const person of people) {
    if (person.kind !== 'person' || person.role) continue;
    for (const m of person.mentions) {
      const p = paragraphs.find((q) => q.number === m.paragraph);
      if (!p) continue;
      const { tokens } = p;
      let k = m.last + 1;
      if (tokens[k]?.text !== ',') continue;
      k++;
      if (tokens[k]?.kind === 'number' && tokens[k + 1]?.text === ',') k += 2;
      if (/^(a|an|the)$/.test(tokens[k]?.base ?? '')) k++;
      const start = k;
      while (k < tokens.length && k - start < 5) {
        const token = tokens[k]!;
        if (token.kind !== 'word' || (FUNCTION_WORDS.has(token.base) && token.base !== 'u.s')) break;
        if (token.tags.has('PastTense') && !TITLE_HEADS.has(token.base)) break;
        k++;
      }
      let end = k - 1;
      while (
        end >= start &&
        !(
          TITLE_HEADS.has(tokens[end]!.base) ||
          tokens[end]!.tags.has('Actor') ||
          (tokens[end]!.tags.has('Noun') && !tokens[end]!.tags.has('Verb'))
        )
      )
        end--;
      if (end < start) continue;
      const last = tokens[end]!;
      if (last.cap) continue;
      person.role = textOf(p, start, end);
      const preposition = tokens[end + 1];
      if (preposition && /^(at|of|with|for)$/.test(preposition.base)) {
        const org = entities.find(
          (e) =>
            e.kind === 'organization' &&
            e.mentions.some((n) => n.paragraph === p.number && n.first === end + 2),
        );
        if (org) person.affiliation = org.name;
      }
      break;
    }
  }
}
