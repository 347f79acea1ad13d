/**
 * A short, stable fingerprint of a paragraph's text (FNV-1a, 32 bits, base 36). Buttons
 * carry it so that an old button can tell the paragraph was corrected since, instead of
 * silently showing different text under the same citation.
 */
export function paragraphHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}
