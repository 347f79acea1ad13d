import { FUNCTION_WORDS, PASSIVE_AUXILIARIES, QUOTE_VERBS, SPEECH_FILLERS, SPEECH_VERBS } from './lexicon.js';
import type { StoryEntities } from './entities.js';
import type { Tok, TokenizedParagraph } from './tokens.js';

/** A quotation found in a paragraph, before it becomes a fact. */
export interface QuoteSpan {
  quote: string;
  /** Offsets of `quote` in the paragraph text. */
  start: number;
  end: number;
  speaker: string | null;
  /** Sentences (first and last index) that hold the quote and its attribution. */
  firstSentence: number;
  lastSentence: number;
}

/** An attributed statement found in a paragraph. */
export interface StatementSpan {
  speaker: string;
  verb: string;
  content: string;
  /** Offsets of the whole statement (speaker to end of content) in the paragraph. */
  start: number;
  end: number;
  /** Offsets of the content. */
  contentStart: number;
  contentEnd: number;
  sentence: number;
}

/** Reporting verbs that are never nouns, so compromise's tag is not needed to trust them. */
const CLEAR_VERBS = new Set([
  'said',
  'told',
  'stated',
  'warned',
  'confirmed',
  'announced',
  'urged',
  'cautioned',
  'welcomed',
  'insisted',
  'argued',
  'added',
  'noted',
  'says',
  'considers',
  'acknowledged',
  'admitted',
  'denied',
  'disputed',
  'explained',
]);
const CLAUSE_STARTERS = new Set([
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'while',
  'as',
  'because',
  'when',
  'where',
  'after',
  'before',
  'if',
  'although',
  'though',
  'since',
  'until',
  'whether',
  'than',
  'so',
]);
const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you']);
const CLOSING_QUOTES = new Set(['”', '"', '’']);
const MAX_SPEAKER_TOKENS = 12;

interface Range {
  start: number;
  end: number;
}

/** Inner ranges of the quotations of a paragraph (“…” or "…"). An unclosed quote runs to the end. */
function quoteRanges(text: string): Range[] {
  const ranges: Range[] = [];
  let open: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '“' && open === null) open = i + 1;
    else if (ch === '”' && open !== null) {
      ranges.push({ start: open, end: i });
      open = null;
    } else if (ch === '"') {
      if (open === null) open = i + 1;
      else {
        ranges.push({ start: open, end: i });
        open = null;
      }
    }
  }
  if (open !== null && text.length - open > 3) ranges.push({ start: open, end: text.length });
  return ranges;
}

function isSpeechVerb(token: Tok | undefined): token is Tok {
  if (!token || token.kind !== 'word' || token.cap || !SPEECH_VERBS.has(token.base)) return false;
  return CLEAR_VERBS.has(token.base) || (token.tags.has('Verb') && !token.tags.has('Plural'));
}

const inRanges = (ranges: readonly Range[], offset: number) =>
  ranges.some((r) => offset >= r.start && offset < r.end);

/** The speaker noun phrase ending at token `end`, scanning back to a clause boundary. */
function speakerBefore(p: TokenizedParagraph, end: number): { first: number; last: number } | null {
  const { tokens } = p;
  const sentence = tokens[end]?.sentence;
  let first = end + 1;
  for (let k = end; k >= 0 && end - k < MAX_SPEAKER_TOKENS; k--) {
    const token = tokens[k]!;
    if (token.sentence !== sentence) break;
    if (token.kind === 'punct' && !(token.text.startsWith('-') && token.text.length > 1)) break;
    if (token.kind === 'word' && !token.cap && CLAUSE_STARTERS.has(token.base)) break;
    if ((token.base === 'and' || token.base === 'but' || token.base === 'or') && tokens[k - 1]?.text === ',')
      break;
    if (
      token.kind === 'word' &&
      !token.cap &&
      token.tags.has('Verb') &&
      !token.tags.has('Noun') &&
      !token.tags.has('Adjective') &&
      !token.tags.has('Gerund')
    )
      break;
    first = k;
  }
  while (first <= end && /^(and|but|or|then)$/.test(tokens[first]!.base)) first++;
  if (first > end) return null;
  const words = tokens.slice(first, end + 1);
  const nominal = words.some(
    (t) => t.cap || PRONOUNS.has(t.base) || t.tags.has('Noun') || t.tags.has('Plural') || t.tags.has('Actor'),
  );
  if (!nominal) return null;
  if (words.length === 1 && FUNCTION_WORDS.has(words[0]!.base) && !PRONOUNS.has(words[0]!.base)) return null;
  return { first, last: end };
}

const textOf = (p: TokenizedParagraph, first: number, last: number) =>
  p.text.slice(p.tokens[first]!.start, p.tokens[last]!.end);

/** The speaker as written, with a pronoun replaced by the person or organisation it stands for. */
function speakerText(
  p: TokenizedParagraph,
  first: number,
  last: number,
  entities: StoryEntities,
): string | null {
  const word = p.tokens[first]!.base;
  if (first === last && PRONOUNS.has(word)) {
    if (word === 'he' || word === 'she') return entities.lastBefore('person', p.number, first)?.name ?? null;
    if (word === 'it') return entities.lastBefore('organization', p.number, first)?.name ?? null;
    return null;
  }
  return textOf(p, first, last);
}

/** Skips "has", "later", "publicly" back from `k`. */
function skipFillersBack(tokens: readonly Tok[], k: number): number {
  while (
    k >= 0 &&
    tokens[k]!.kind === 'word' &&
    !tokens[k]!.cap &&
    (SPEECH_FILLERS.has(tokens[k]!.base) || /ly$/.test(tokens[k]!.base))
  )
    k--;
  return k;
}

/** Where the content after a reporting verb starts: after a "that" close by, else right after the verb. */
function contentStart(tokens: readonly Tok[], verb: number): number {
  for (let k = verb + 1; k < Math.min(tokens.length, verb + 11); k++) {
    const token = tokens[k]!;
    if (token.sentence !== tokens[verb]!.sentence) break;
    if (token.base === 'that') return k + 1;
    if (token.kind === 'punct' && token.text !== ',') break;
  }
  return verb + 1;
}

function sentenceEndToken(tokens: readonly Tok[], from: number): number {
  let k = from;
  while (tokens[k + 1] && tokens[k + 1]!.sentence === tokens[from]!.sentence) k++;
  while (k > from && tokens[k]!.kind === 'punct' && !CLOSING_QUOTES.has(tokens[k]!.text)) k--;
  if (CLOSING_QUOTES.has(tokens[k]!.text) && tokens[k - 1]?.kind === 'punct') k--;
  return k;
}

/**
 * Finds attributed statements ("The U.S. State Department has said …", "Kyiv Mayor Vitali
 * Klitschko confirmed that …", "…, emergency officials said", "She said …, but warned …",
 * "according to …"), quoted or not. Pronoun speakers are replaced by the name they stand for.
 */
export function findStatements(p: TokenizedParagraph, entities: StoryEntities): StatementSpan[] {
  const { tokens } = p;
  const quotes = quoteRanges(p.text);
  const out: StatementSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const verb = tokens[i]!;
    if (verb.base === 'according' && tokens[i + 1]?.base === 'to') {
      const statement = accordingTo(p, i, entities);
      if (statement) out.push(statement);
      continue;
    }
    if (!isSpeechVerb(verb) || inRanges(quotes, verb.start)) continue;
    const previous = tokens[i - 1];
    if (!previous || previous.base === 'to' || PASSIVE_AUXILIARIES.has(previous.base)) continue;
    if (PASSIVE_AUXILIARIES.has(tokens[i - 2]?.base ?? '') && /ly$/.test(previous.base)) continue;
    const next = tokens[i + 1];
    if (next && (PASSIVE_AUXILIARIES.has(next.base) || next.tags.has('Modal') || next.tags.has('Auxiliary')))
      continue;
    let end = skipFillersBack(tokens, i - 1);
    if (end < 0) continue;
    if (out.some((s) => s.start === verb.start)) continue;
    if (/^(and|but)$/.test(tokens[end]!.base)) {
      // "… declined to comment but said …": the speaker is the subject of the sentence.
      const statement = coordinatedStatement(p, i, entities);
      if (statement) out.push(statement);
      continue;
    }
    let appositive: { first: number; last: number } | null = null;
    if (tokens[end]!.text === ',') {
      // "Mr. Okafor, speaking at …, said" / "NATO allies, including Denmark, have warned"
      let open = end - 1;
      while (
        open >= 0 &&
        tokens[open]!.text !== ',' &&
        tokens[open]!.sentence === verb.sentence &&
        end - open < 14
      ) {
        if (tokens[open]!.kind === 'punct' && !tokens[open]!.text.startsWith('-')) break;
        open--;
      }
      if (open < 0 || tokens[open]!.text !== ',' || open + 1 > end - 1) continue;
      appositive = { first: open + 1, last: end - 1 };
      end = open - 1;
      if (end < 0 || CLOSING_QUOTES.has(tokens[end]!.text)) continue;
    }
    if (CLOSING_QUOTES.has(tokens[end]!.text)) continue;
    const subject = speakerBefore(p, end);
    if (!subject) continue;
    if (tokens[subject.first - 1] && CLOSING_QUOTES.has(tokens[subject.first - 1]!.text)) continue;
    if (tokens[subject.first - 1]?.text === ',' && CLOSING_QUOTES.has(tokens[subject.first - 2]?.text ?? ''))
      continue;
    let speaker = speakerText(p, subject.first, subject.last, entities);
    if (!speaker) continue;
    if (appositive) {
      // "NATO allies, including Denmark," belongs to the speaker; "Mr. Okafor, speaking at …," does not.
      const opener = tokens[appositive.first]!;
      const clause =
        (/(ing|ed)$/.test(opener.base) && opener.base !== 'including') ||
        /^(who|which|whose)$/.test(opener.base);
      if (!clause && speaker === textOf(p, subject.first, subject.last))
        speaker = textOf(p, subject.first, appositive.last);
    }
    const start = contentStart(tokens, i);
    const sentenceEnd = sentenceEndToken(tokens, i);
    if (start > sentenceEnd || onlyAdverbial(tokens, start, sentenceEnd)) {
      // "…, emergency officials said." — the content comes first.
      const comma = tokens[subject.first - 1];
      if (comma?.text !== ',') continue;
      const firstToken = firstOfSentence(tokens, i);
      if (subject.first - 2 < firstToken) continue;
      out.push({
        speaker,
        verb: verb.text,
        content: textOf(p, firstToken, subject.first - 2),
        start: tokens[firstToken]!.start,
        end: verb.end,
        contentStart: tokens[firstToken]!.start,
        contentEnd: tokens[subject.first - 2]!.end,
        sentence: verb.sentence,
      });
      continue;
    }
    const { contentEnd, followUp } = contentEndAt(tokens, start, sentenceEnd);
    if (contentEnd < start) continue;
    out.push({
      speaker,
      verb: verb.text,
      content: textOf(p, start, contentEnd),
      start: tokens[subject.first]!.start,
      end: tokens[contentEnd]!.end,
      contentStart: tokens[start]!.start,
      contentEnd: tokens[contentEnd]!.end,
      sentence: verb.sentence,
    });
    if (followUp !== null) {
      const secondStart = contentStart(tokens, followUp);
      if (secondStart <= sentenceEnd) {
        out.push({
          speaker,
          verb: tokens[followUp]!.text,
          content: textOf(p, secondStart, sentenceEnd),
          start: tokens[followUp]!.start,
          end: tokens[sentenceEnd]!.end,
          contentStart: tokens[secondStart]!.start,
          contentEnd: tokens[sentenceEnd]!.end,
          sentence: verb.sentence,
        });
      }
      i = sentenceEnd;
    }
  }
  return out;
}

/** "…, the ministry said on Wednesday.": what follows the verb is only when or where. */
function onlyAdverbial(tokens: readonly Tok[], start: number, end: number): boolean {
  if (end - start > 4) return false;
  const words = tokens.slice(start, end + 1).filter((t) => t.kind !== 'punct');
  if (words.length === 0) return true;
  return (
    /^(on|in|at|late|early|last|this|yesterday|today|overnight)$/.test(words[0]!.base) &&
    !words.some((t) => t.tags.has('Verb'))
  );
}

/** The subject of the sentence holding token `verb`: its first person or organisation, or the words before its first verb. */
function subjectOf(p: TokenizedParagraph, verb: number, entities: StoryEntities): string | null {
  const { tokens } = p;
  const first = firstOfSentence(tokens, verb);
  for (const entity of entities.entities) {
    if (entity.kind === 'place') continue;
    const mention = entity.mentions.find(
      (m) => m.paragraph === p.number && m.first >= first && m.last < verb,
    );
    if (mention && mention.first === first) return mention.text.replace(/['’]s?$/u, '');
  }
  let k = first;
  while (
    k < verb &&
    !(tokens[k]!.tags.has('Verb') && !tokens[k]!.tags.has('Noun')) &&
    tokens[k]!.kind !== 'punct'
  )
    k++;
  if (k === first || k - first > 8) return null;
  return speakerText(p, first, k - 1, entities);
}

function coordinatedStatement(
  p: TokenizedParagraph,
  verb: number,
  entities: StoryEntities,
): StatementSpan | null {
  const { tokens } = p;
  const speaker = subjectOf(p, verb, entities);
  if (!speaker) return null;
  const start = contentStart(tokens, verb);
  const sentenceEnd = sentenceEndToken(tokens, verb);
  if (start > sentenceEnd) return null;
  const { contentEnd } = contentEndAt(tokens, start, sentenceEnd);
  return {
    speaker,
    verb: tokens[verb]!.text,
    content: textOf(p, start, contentEnd),
    start: tokens[verb]!.start,
    end: tokens[contentEnd]!.end,
    contentStart: tokens[start]!.start,
    contentEnd: tokens[contentEnd]!.end,
    sentence: tokens[verb]!.sentence,
  };
}

function firstOfSentence(tokens: readonly Tok[], i: number): number {
  let k = i;
  while (k > 0 && tokens[k - 1]!.sentence === tokens[i]!.sentence) k--;
  while (tokens[k] && tokens[k]!.kind === 'punct') k++;
  return k;
}

/** The content runs to the end of the sentence or to ", but warned …" where a second verb takes over. */
function contentEndAt(
  tokens: readonly Tok[],
  start: number,
  sentenceEnd: number,
): { contentEnd: number; followUp: number | null } {
  for (let k = start + 1; k < sentenceEnd; k++) {
    const comma = tokens[k]!.text === ',';
    const joiner = comma ? tokens[k + 1] : tokens[k];
    if (comma && /^(while|whereas)$/.test(joiner?.base ?? '')) return { contentEnd: k - 1, followUp: null };
    if (!joiner || !/^(and|but)$/.test(joiner.base) || joiner.cap) continue;
    let v = joiner.i + 1;
    while (tokens[v] && (SPEECH_FILLERS.has(tokens[v]!.base) || /ly$/.test(tokens[v]!.base))) v++;
    if (isSpeechVerb(tokens[v]) && !PASSIVE_AUXILIARIES.has(tokens[v + 1]?.base ?? '')) {
      return { contentEnd: k - 1, followUp: v };
    }
  }
  return { contentEnd: sentenceEnd, followUp: null };
}

/** "According to sources familiar with the call, Trump …" / "…, according to the weather service". */
function accordingTo(p: TokenizedParagraph, i: number, entities: StoryEntities): StatementSpan | null {
  const { tokens } = p;
  const sentence = tokens[i]!.sentence;
  let k = i + 2;
  while (tokens[k] && tokens[k]!.sentence === sentence && tokens[k]!.kind !== 'punct' && k - i < 12) {
    const token = tokens[k]!;
    if (k > i + 2 && !token.cap && token.tags.has('Verb') && !token.tags.has('Noun')) break;
    k++;
  }
  const speakerLast = k - 1;
  if (speakerLast < i + 2) return null;
  const speaker = speakerText(p, i + 2, speakerLast, entities);
  if (!speaker) return null;
  const firstToken = firstOfSentence(tokens, i);
  if (i === firstToken && tokens[k]?.text === ',') {
    const end = sentenceEndToken(tokens, k + 1);
    if (end <= k + 1) return null;
    return {
      speaker,
      verb: 'according to',
      content: textOf(p, k + 1, end),
      start: tokens[i]!.start,
      end: tokens[end]!.end,
      contentStart: tokens[k + 1]!.start,
      contentEnd: tokens[end]!.end,
      sentence,
    };
  }
  if (tokens[i - 1]?.text === ',' && i - 2 >= firstToken) {
    return {
      speaker,
      verb: 'according to',
      content: textOf(p, firstToken, i - 2),
      start: tokens[firstToken]!.start,
      end: tokens[speakerLast]!.end,
      contentStart: tokens[firstToken]!.start,
      contentEnd: tokens[i - 2]!.end,
      sentence,
    };
  }
  return null;
}

function tokenIndexAt(tokens: readonly Tok[], offset: number): number {
  let found = -1;
  for (const token of tokens) {
    if (token.start <= offset) found = token.i;
    else break;
  }
  return found;
}

/** The speaker named right after a quote: "…,” Mayor Helen Dragomir said" or "…,” said Priya Natarajan". */
function speakerAfterQuote(
  p: TokenizedParagraph,
  close: number,
  entities: StoryEntities,
): { speaker: string; last: number } | null {
  const { tokens } = p;
  let k = close + 1;
  if (tokens[k]?.text === ',') k++;
  const first = tokens[k];
  if (!first || first.sentence !== tokens[close]!.sentence) return null;
  if (!first.cap && QUOTE_VERBS.has(first.base)) {
    let end = k + 1;
    while (
      tokens[end] &&
      tokens[end]!.kind === 'word' &&
      (tokens[end]!.cap || PRONOUNS.has(tokens[end]!.base)) &&
      end - k <= 6
    )
      end++;
    if (end === k + 1) return null;
    const speaker = speakerText(p, k + 1, end - 1, entities);
    return speaker ? { speaker, last: end - 1 } : null;
  }
  for (let v = k; v < Math.min(tokens.length, k + 9); v++) {
    const token = tokens[v]!;
    if (token.kind === 'punct') return null;
    if (!token.cap && QUOTE_VERBS.has(token.base) && v > k) {
      const end = skipFillersBack(tokens, v - 1);
      if (end < k) return null;
      const subject = speakerBefore(p, end);
      if (!subject || subject.first !== k) return null;
      const speaker = speakerText(p, k, end, entities);
      return speaker ? { speaker, last: v } : null;
    }
  }
  return null;
}

/**
 * Finds the quotations of a paragraph with their speakers: named after the quote, before it
 * ("X said: “…”"), as the speaker of the statement the quote sits in, or — for a quote with
 * no attribution of its own — the speaker of the nearest attributed quote in the paragraph.
 */
export function findQuotes(
  p: TokenizedParagraph,
  statements: readonly StatementSpan[],
  entities: StoryEntities,
): QuoteSpan[] {
  const { tokens } = p;
  const found: QuoteSpan[] = [];
  for (const range of quoteRanges(p.text)) {
    const raw = p.text.slice(range.start, range.end);
    const leading = raw.length - raw.trimStart().length;
    const quote = raw.trim().replace(/[\s,;:.]+$/u, '');
    if (!/\p{L}/u.test(quote)) continue;
    const start = range.start + leading;
    const end = start + quote.length;
    const openToken = tokenIndexAt(tokens, range.start - 1);
    const closeToken = tokenIndexAt(tokens, range.end);
    let speaker: string | null = null;
    let lastToken = closeToken;
    const after =
      closeToken >= 0 && range.end < p.text.length ? speakerAfterQuote(p, closeToken, entities) : null;
    if (after) {
      speaker = after.speaker;
      lastToken = after.last;
    }
    if (!speaker) {
      const holders = statements.filter(
        (s) => s.contentStart <= range.start && s.contentEnd >= range.end - 1,
      );
      const innermost = holders.sort((a, b) => b.contentStart - a.contentStart)[0];
      if (innermost) speaker = innermost.speaker;
    }
    if (!speaker && openToken > 0) {
      let k = openToken - 1;
      if (tokens[k]?.text === ':' || tokens[k]?.text === ',') k--;
      if (tokens[k] && isSpeechVerb(tokens[k])) {
        const subject = speakerBefore(p, skipFillersBack(tokens, k - 1));
        if (subject) speaker = speakerText(p, subject.first, subject.last, entities);
      }
    }
    if (!speaker && openToken > 0) {
      // "Dr. Ines Brandt, called the tariffs “a wall …”": the person named before it in the sentence.
      const sentence = tokens[openToken]!.sentence;
      const named = entities.entities
        .filter((e) => e.kind === 'person')
        .flatMap((e) =>
          e.mentions.filter(
            (m) => m.paragraph === p.number && m.last < openToken && tokens[m.first]!.sentence === sentence,
          ),
        )
        .sort((a, b) => b.first - a.first)[0];
      if (named) speaker = named.text.replace(/['’]s?$/u, '');
    }
    const firstSentence = tokens[Math.max(0, openToken)]?.sentence ?? 0;
    const lastSentence = Math.max(tokens[Math.max(0, lastToken)]?.sentence ?? firstSentence, firstSentence);
    found.push({ quote, start, end, speaker, firstSentence, lastSentence });
  }
  for (const [i, quote] of found.entries()) {
    if (quote.speaker) continue;
    const before = found
      .slice(0, i)
      .reverse()
      .find((q) => q.speaker);
    const after = found.slice(i + 1).find((q) => q.speaker);
    quote.speaker = (before ?? after)?.speaker ?? null;
  }
  return found;
}
