/** One cited excerpt: verbatim story text and where it comes from. */
export interface ExcerptResult {
  /** Story id. */
  story: string;
  /** 1-based paragraph number. */
  paragraph: number;
  /** A verbatim substring of that paragraph. */
  excerpt: string;
  /** The engine's raw relevance score (higher is better). */
  score: number;
  /** `story-id ¶N`. */
  citation: string;
}

/** Where to look: one story only, and whether newsroom-only stories may be used. */
export interface ScopeOptions {
  story?: string | undefined;
  includeInternal?: boolean | undefined;
}
