import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeText } from '../../../src/core/corpus/normalizeText.js';
import { parseStory } from '../../../src/core/corpus/parseStory.js';
import type { Story } from '../../../src/core/corpus/types.js';
import type { Fact } from '../../../src/core/facts/types.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const SEED_ID = '000_9f28cc2ec71faf02';
/** The stories the gold facts and claims were written for, by id. */
export const GIVEN = [SEED_ID, 'econ_rates', 'city_flood', 'tech_recall'] as const;
/** Stories written while building the extractor, to check it generalises. */
export const EXTRA = ['econ_tariffs', 'econ_housing', 'politics_summit'] as const;

const cache = new Map<string, Story>();

/** A story from seeds/ or tests/fixtures/stories/, parsed once. */
export function story(id: string): Story {
  let found = cache.get(id);
  if (!found) {
    const path = id === SEED_ID ? `${ROOT}seeds/${id}.txt` : `${ROOT}tests/fixtures/stories/${id}.txt`;
    found = parseStory(id, readFileSync(path, 'utf8'));
    cache.set(id, found);
  }
  return found;
}

export interface Gold {
  person: { name: string; role: string | null; affiliation: string | null }[];
  organization: string[];
  place: string[];
  quantity: string[];
  quote: { quote: string; speaker: string }[];
  statement: { speaker: string; verb: string }[];
  equipment: string[];
  time: string[];
}

export function gold(id: string): Gold {
  return JSON.parse(readFileSync(`${ROOT}tests/fixtures/facts/${id}.gold.json`, 'utf8')) as Gold;
}

export interface Claim {
  claim: string;
  verdict: 'supported' | 'contradicted' | 'not_found';
  paragraph: number | null;
}

export function claims(id: string): Claim[] {
  return readFileSync(`${ROOT}tests/fixtures/claims/${id}.claims.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Claim);
}

/** Case-, accent- and punctuation-insensitive form, padded so that containment is word-wise. */
const fold = (text: string | null | undefined) =>
  ` ${normalizeText(text ?? '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

/** Does `field` carry `wanted` (compared case- and punctuation-insensitively)? */
export const carries = (field: string | null | undefined, wanted: string) =>
  field !== null && field !== undefined && fold(field).includes(fold(wanted));

/** For each type, the gold items no fact carries — the acceptance rule of issue 3. */
export function missed(facts: readonly Fact[], expected: Gold): Record<keyof Gold, string[]> {
  const of = <T extends Fact['type']>(type: T) =>
    facts.filter((f): f is Extract<Fact, { type: T }> => f.type === type);
  const plain = (type: 'organization' | 'place' | 'quantity' | 'equipment' | 'time') => (wanted: string) =>
    of(type).some(
      (f) =>
        carries(f.text, wanted) ||
        carries('name' in f ? f.name : null, wanted) ||
        carries('expression' in f ? f.expression : null, wanted),
    );
  return {
    person: expected.person
      .filter(
        (g) =>
          !of('person').some(
            (f) =>
              (carries(f.name, g.name) || carries(f.text, g.name)) &&
              (!g.role || carries(f.role, g.role)) &&
              (!g.affiliation || carries(f.affiliation, g.affiliation)),
          ),
      )
      .map((g) => g.name),
    organization: expected.organization.filter((g) => !plain('organization')(g)),
    place: expected.place.filter((g) => !plain('place')(g)),
    quantity: expected.quantity.filter((g) => !plain('quantity')(g)),
    quote: expected.quote
      .filter((g) => !of('quote').some((f) => carries(f.quote, g.quote) && carries(f.speaker, g.speaker)))
      .map((g) => g.quote),
    statement: expected.statement
      .filter((g) => !of('statement').some((f) => carries(f.speaker, g.speaker) && carries(f.verb, g.verb)))
      .map((g) => `${g.speaker} ${g.verb}`),
    equipment: expected.equipment.filter((g) => !plain('equipment')(g)),
    time: expected.time.filter((g) => !plain('time')(g)),
  };
}

/** Share of the gold items found, over all types. */
export function recall(facts: readonly Fact[], expected: Gold): number {
  const total = Object.values(expected).reduce((sum, items: unknown[]) => sum + items.length, 0);
  const lost = Object.values(missed(facts, expected)).reduce((sum, items) => sum + items.length, 0);
  return total === 0 ? 1 : (total - lost) / total;
}
