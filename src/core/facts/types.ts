/** The kinds of fact the extractor finds, in the order they are listed. */
export const FACT_TYPES = [
  'person',
  'organization',
  'place',
  'quantity',
  'quote',
  'statement',
  'equipment',
  'time',
] as const;

export type FactType = (typeof FACT_TYPES)[number];

/** True when `value` names a fact type (`person`, `quantity`, …). */
export function isFactType(value: string): value is FactType {
  return (FACT_TYPES as readonly string[]).includes(value);
}

/**
 * What every fact carries. `text` is the surface form as written and always occurs in
 * `evidence`; `evidence` is the verbatim sentence (or run of sentences, for a quote that
 * spans several) holding the first mention and is a substring of paragraph `paragraph`.
 */
export interface FactBase {
  type: FactType;
  text: string;
  /** Story id. */
  story: string;
  /** 1-based paragraph number of the first mention. */
  paragraph: number;
  evidence: string;
  /** `story-id ¶N`. */
  citation: string;
}

/** Where an entity is mentioned, as written there ("Trump’s"). */
export interface Mention {
  paragraph: number;
  text: string;
}

export interface PersonFact extends FactBase {
  type: 'person';
  /** The fullest form of the name the story uses, without title ("Vitali Klitschko"). */
  name: string;
  /** The title as written, without a leading place or nationality ("Mayor", "Fed Chair"). */
  role: string | null;
  /** Place, nationality or organisation the role belongs to ("Kyiv", "Russian", "Bank of England"). */
  affiliation: string | null;
  mentions: Mention[];
}

export interface OrganizationFact extends FactBase {
  type: 'organization';
  name: string;
  mentions: Mention[];
}

export interface PlaceFact extends FactBase {
  type: 'place';
  name: string;
  /** `country`, `city`, `region`, `district`, `village`, `street`, `river`, `bridge` … when clear. */
  kind: string | null;
  mentions: Mention[];
}

export interface QuantityFact extends FactBase {
  type: 'quantity';
  /** The number (for a range, its lower end); scale words applied: "1.4 million" → 1400000. */
  value: number;
  /** Upper end of a range ("between $180 million and $240 million"). */
  upper?: number;
  /** What is counted or measured ("civilians", "percent", "dollars", "story"), when said. */
  unit: string | null;
  /** "at least", "nearly", "about", "more than" … as written, lower case. */
  qualifier: string | null;
}

export interface QuoteFact extends FactBase {
  type: 'quote';
  /** The words inside the quotation marks, without trailing punctuation. */
  quote: string;
  /** The speaker as written ("Kyiv Mayor Vitali Klitschko"); a pronoun is replaced by the name. */
  speaker: string | null;
}

export interface StatementFact extends FactBase {
  type: 'statement';
  speaker: string;
  /** The reporting verb as written ("said", "warned", "considers"). */
  verb: string;
  /** What was said, as written. */
  content: string;
}

export interface EquipmentFact extends FactBase {
  type: 'equipment';
  name: string;
}

export interface TimeFact extends FactBase {
  type: 'time';
  /** The expression without a leading preposition ("Wednesday" for "on Wednesday"). */
  expression: string;
  /**
   * ISO 8601 when it can be resolved from the story's `published` date: a day
   * (`2026-03-13`), month (`2025-10`), year, ISO week (`2026-W11`) or an interval
   * (`2023-06/2026-01`); null otherwise.
   */
  date: string | null;
}

export type Fact =
  | PersonFact
  | OrganizationFact
  | PlaceFact
  | QuantityFact
  | QuoteFact
  | StatementFact
  | EquipmentFact
  | TimeFact;

/** The fact of one type. */
export type FactOf<T extends FactType> = Extract<Fact, { type: T }>;
