import { EQUIPMENT_HEADS, FUNCTION_WORDS, WEAK_EQUIPMENT_HEADS } from './lexicon.js';
import { adjacent, isCommonCapital, type Tok, type TokenizedParagraph } from './tokens.js';

/** A piece of equipment found in a paragraph: token range. */
export interface EquipmentSpan {
  first: number;
  last: number;
}

/** Model names: "F-16s", "X-200", "GT-5e", "S-400", "MiG-29". */
const MODEL = /^\p{L}{1,4}-?\d+[\p{L}]{0,3}$/u;
/** Words that extend a model name ("X-200 Plus"). */
const MODEL_SUFFIXES = new Set([
  'plus',
  'pro',
  'max',
  'mini',
  'lite',
  'ultra',
  'air',
  'sport',
  'se',
  'xl',
  'neo',
]);
const MAX_MODIFIERS = 3;
const VERB_CONTEXT = new Set([
  'to',
  'will',
  'would',
  'can',
  'could',
  'may',
  'might',
  'should',
  'must',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'who',
  'which',
  'that',
]);
/** Words before a head that describe amount or order, not the thing. */
const NOT_MODIFIERS = new Set([
  'more',
  'many',
  'most',
  'several',
  'other',
  'some',
  'few',
  'additional',
  'new',
  'further',
  'same',
  'own',
  'first',
  'last',
  'such',
]);

function isModifier(token: Tok): boolean {
  if (
    token.kind !== 'word' ||
    FUNCTION_WORDS.has(token.base) ||
    NOT_MODIFIERS.has(token.base) ||
    token.possessive
  )
    return false;
  if (token.cap) return !isCommonCapital(token);
  if (token.text.includes('-')) return true;
  if (/ly$/.test(token.base)) return false;
  if (token.tags.has('Value') || token.tags.has('Adverb') || token.tags.has('Determiner')) return false;
  if (token.tags.has('Verb') && !token.tags.has('Noun') && !token.tags.has('Adjective')) return false;
  return token.tags.has('Noun') || token.tags.has('Adjective') || token.tags.has('Acronym');
}

function isModel(token: Tok | undefined): boolean {
  return !!token && token.kind === 'word' && MODEL.test(token.text) && /\p{Lu}/u.test(token.text[0] ?? '');
}

/**
 * Finds weapons, vehicles and devices: a known head noun with the words that name it
 * ("Patriot air defense missiles", "precision-guided munitions", "GMLRS rockets",
 * "replacement battery pack") and model names ("F-16s", "X-200 Plus").
 */
export function findEquipment(p: TokenizedParagraph): EquipmentSpan[] {
  const { tokens } = p;
  const spans: EquipmentSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isModel(token)) {
      let last = i;
      const next = tokens[i + 1];
      if (next && next.cap && MODEL_SUFFIXES.has(next.base) && adjacent(token, next, p.text)) last++;
      spans.push({ first: i, last });
      i = last;
      continue;
    }
    if (token.kind !== 'word' || token.cap || !EQUIPMENT_HEADS.has(token.base)) continue;
    // compromise reads some plurals as verbs ("boats", "e-bikes"); after "to" or a pronoun they are.
    const before = tokens[i - 1];
    if (token.tags.has('Verb') && !token.tags.has('Noun') && before && VERB_CONTEXT.has(before.base))
      continue;
    const next = tokens[i + 1];
    // "drone strike", "battery fires": the head is itself describing the next noun.
    if (
      next &&
      next.kind === 'word' &&
      !next.cap &&
      adjacent(token, next, p.text) &&
      next.tags.has('Noun') &&
      !next.tags.has('Verb') &&
      !/ing$/.test(next.base) &&
      !token.possessive
    ) {
      continue;
    }
    let first = i;
    while (first > 0 && i - first < MAX_MODIFIERS) {
      const previous = tokens[first - 1]!;
      // "Leopard 2 tanks", "Boeing 737 jets": a model number after a name.
      const named = tokens[first - 2];
      if (
        previous.kind === 'number' &&
        /^\d+$/.test(previous.text) &&
        named?.cap &&
        named.kind === 'word' &&
        !isCommonCapital(named) &&
        adjacent(named, previous, p.text) &&
        adjacent(previous, tokens[first]!, p.text)
      ) {
        first -= 2;
        continue;
      }
      if (!adjacent(previous, tokens[first]!, p.text) || !isModifier(previous)) break;
      // A participle describes the thing only right before it: "damaged parked vehicles" → "parked vehicles".
      if (first < i && /ed$/.test(previous.base) && !previous.text.includes('-')) break;
      first--;
    }
    if (first === i && WEAK_EQUIPMENT_HEADS.has(token.base)) continue;
    spans.push({ first, last: i });
  }
  return spans;
}
