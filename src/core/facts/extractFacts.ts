import { citation } from '../corpus/parseStory.js';
import type { Story } from '../corpus/types.js';
import { findEntities, type Entity, type EntityMention } from './entities.js';
import { findEquipment } from './equipment.js';
import { findQuantities } from './quantities.js';
import { findQuotes, findStatements } from './speech.js';
import { findTimes } from './times.js';
import { tokenizeParagraph, type TokenizedParagraph } from './tokens.js';
import { FACT_TYPES, type Fact, type FactBase } from './types.js';

interface Located {
  fact: Fact;
  /** Offset of the fact's text in its paragraph, to order facts as the story tells them. */
  offset: number;
}

function evidenceOf(p: TokenizedParagraph, firstSentence: number, lastSentence: number): string {
  const first = p.sentences[firstSentence] ?? p.sentences[0]!;
  const last = p.sentences[Math.max(firstSentence, lastSentence)] ?? first;
  return p.text.slice(first.start, last.end);
}

/** Evidence for a span of text: the sentence(s) it lies in. */
function evidenceFor(p: TokenizedParagraph, start: number, end: number): string {
  const first = p.sentences.findIndex((s) => s.end > start);
  let last = first;
  while (p.sentences[last + 1] && p.sentences[last]!.end < end) last++;
  return evidenceOf(p, Math.max(0, first), Math.max(0, last));
}

function base(
  story: Story,
  p: TokenizedParagraph,
  text: string,
  start: number,
  end: number,
): Omit<FactBase, 'type'> {
  return {
    text,
    story: story.id,
    paragraph: p.number,
    evidence: evidenceFor(p, start, end),
    citation: citation(story.id, p.number),
  };
}

const withoutPossessive = (text: string) => text.replace(/['’]s?$/u, '');

function entityFact(story: Story, paragraphs: readonly TokenizedParagraph[], entity: Entity): Located | null {
  const first = entity.mentions[0];
  if (!first) return null;
  const p = paragraphs[first.paragraph - 1]!;
  const start = p.tokens[first.first]!.start;
  const text = withoutPossessive(first.text);
  const common = base(story, p, text, start, start + text.length);
  const mentions = entity.mentions.map((m: EntityMention) => ({ paragraph: m.paragraph, text: m.text }));
  switch (entity.kind) {
    case 'person':
      return {
        offset: start,
        fact: {
          type: 'person',
          ...common,
          name: entity.name,
          role: entity.role,
          affiliation: entity.affiliation,
          mentions,
        },
      };
    case 'organization':
      return { offset: start, fact: { type: 'organization', ...common, name: entity.name, mentions } };
    case 'place':
      return {
        offset: start,
        fact: { type: 'place', ...common, name: entity.name, kind: entity.placeKind, mentions },
      };
  }
}

const typeRank = (fact: Fact) => FACT_TYPES.indexOf(fact.type);

/**
 * Extracts the facts of one story: people (with role, affiliation and every mention),
 * organisations, places, quantities, quotes, statements, equipment and times. Each fact's
 * `text` occurs in its `evidence`, and `evidence` is a verbatim slice of the cited paragraph.
 */
export function extractStoryFacts(story: Story): Fact[] {
  const paragraphs = story.paragraphs.map((paragraph) => tokenizeParagraph(paragraph));
  const entities = findEntities(paragraphs);
  const located: Located[] = [];
  for (const entity of entities.entities) {
    const fact = entityFact(story, paragraphs, entity);
    if (fact) located.push(fact);
  }
  const seenEquipment = new Set<string>();
  for (const p of paragraphs) {
    const slice = (first: number, last: number) => p.text.slice(p.tokens[first]!.start, p.tokens[last]!.end);
    const times = findTimes(p, story.published);
    for (const time of times) {
      const start = p.tokens[time.first]!.start;
      const text = slice(time.first, time.last);
      located.push({
        offset: start,
        fact: {
          type: 'time',
          ...base(story, p, text, start, start + text.length),
          expression: slice(time.core, time.last),
          date: time.date,
        },
      });
    }
    for (const quantity of findQuantities(p, times)) {
      const start = p.tokens[quantity.first]!.start;
      const text = slice(quantity.first, quantity.last);
      located.push({
        offset: start,
        fact: {
          type: 'quantity',
          ...base(story, p, text, start, start + text.length),
          value: quantity.value,
          ...(quantity.upper === undefined ? {} : { upper: quantity.upper }),
          unit: quantity.unit,
          qualifier: quantity.qualifier,
        },
      });
    }
    const statements = findStatements(p, entities);
    for (const statement of statements) {
      const text = p.text.slice(statement.start, statement.end);
      located.push({
        offset: statement.start,
        fact: {
          type: 'statement',
          ...base(story, p, text, statement.start, statement.end),
          speaker: statement.speaker,
          verb: statement.verb,
          content: statement.content,
        },
      });
    }
    for (const quote of findQuotes(p, statements, entities)) {
      located.push({
        offset: quote.start,
        fact: {
          type: 'quote',
          text: quote.quote,
          story: story.id,
          paragraph: p.number,
          evidence: evidenceOf(p, quote.firstSentence, quote.lastSentence),
          citation: citation(story.id, p.number),
          quote: quote.quote,
          speaker: quote.speaker,
        },
      });
    }
    for (const item of findEquipment(p)) {
      const text = slice(item.first, item.last);
      const key = text.toLowerCase().replace(/['’]s$/u, '');
      if (seenEquipment.has(key)) continue;
      seenEquipment.add(key);
      const start = p.tokens[item.first]!.start;
      located.push({
        offset: start,
        fact: { type: 'equipment', ...base(story, p, text, start, start + text.length), name: text },
      });
    }
  }
  return located
    .filter(({ fact }) => fact.text.length > 0 && fact.evidence.includes(fact.text))
    .sort(
      (a, b) =>
        a.fact.paragraph - b.fact.paragraph || a.offset - b.offset || typeRank(a.fact) - typeRank(b.fact),
    )
    .map(({ fact }) => fact);
}
