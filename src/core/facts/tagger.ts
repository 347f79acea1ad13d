import { createRequire } from 'node:module';

/** Part-of-speech and lexicon tags compromise gives a stretch of text. */
export interface TaggedSpan {
  start: number;
  end: number;
  tags: readonly string[];
}

interface CompromiseTerm {
  tags?: ReadonlySet<string>;
  offset?: { start: number; length: number };
}

interface CompromiseView {
  compute(method: string): CompromiseView;
  docs: CompromiseTerm[][];
}

interface Compromise {
  (text: string): CompromiseView;
  model(): { one: { lexicon: Record<string, string | string[] | undefined> } };
}

let compromise: Compromise | undefined;

/**
 * compromise is loaded on first use, not at import: it takes about half a second to load,
 * and commands that never look at facts (`source`, `stories`) should not pay for it.
 * The CommonJS build is used because ES modules cannot be imported synchronously.
 */
function load(): Compromise {
  compromise ??= createRequire(import.meta.url)('compromise/two') as Compromise;
  return compromise;
}

/**
 * Tags every word of `text` with compromise's tagger (POS, plus lexicon tags such as
 * `Country`, `City`, `Demonym`, `FirstName`). Offsets are UTF-16 positions in `text`.
 */
export function tagText(text: string): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  // The parsed terms are read directly: building compromise's JSON costs a third of the time.
  const view = load()(text).compute('offset');
  for (const sentence of view.docs) {
    for (const term of sentence) {
      if (!term.offset) continue;
      spans.push({
        start: term.offset.start,
        end: term.offset.start + term.offset.length,
        tags: [...(term.tags ?? [])],
      });
    }
  }
  return spans;
}

/** The tags compromise's lexicon gives a lower-case word or phrase out of context ([] when unknown). */
export function lexiconTags(word: string): readonly string[] {
  const entry = load().model().one.lexicon[word];
  if (entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}
