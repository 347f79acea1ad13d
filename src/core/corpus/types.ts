/** Who may see a story: `internal` stories are for the newsroom only. */
export type Visibility = 'public' | 'internal';

/** A sentence, located by character offsets into its paragraph's text. */
export interface Sentence {
  /** 0-based position within the paragraph. */
  index: number;
  start: number;
  end: number;
  text: string;
}

export interface Paragraph {
  /** 1-based, counting only non-empty paragraphs after any front matter. */
  number: number;
  /** The paragraph exactly as written (surrounding whitespace trimmed). */
  text: string;
  sentences: Sentence[];
}

export interface StoryMeta {
  title: string;
  url: string | null;
  published: string | null;
  updated: string | null;
  source: string | null;
  visibility: Visibility;
}

export interface Story extends StoryMeta {
  /** The file stem, e.g. `000_9f28cc2ec71faf02`. Case-sensitive. */
  id: string;
  paragraphs: Paragraph[];
  /**
   * When the story's file was last written (ISO 8601), set by the story folder reader;
   * absent for stories parsed from text alone. "As of" uses `updated`, else this.
   */
  modified?: string | undefined;
}

/** A problem with story input that a person must fix; its message is shown as is. */
export class CorpusError extends Error {
  override name = 'CorpusError';
}
