import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Story } from '../core/corpus/types.js';
import { invertRows, type NewsIndex, type SentenceRef } from '../core/search/buildIndex.js';

const MAGIC = 'NEWSDESK-INDEX-3';

/** A snapshot that cannot be used (corrupt, truncated, or for other stories). */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

interface Header {
  magic: string;
  sentences: number;
  terms: number;
  rows: number;
  averageLength: number;
  storyIds: string[];
  checksum: string;
}

/**
 * Fingerprint of the engine code that decides index terms (tokenizer, aliases, index
 * layout): read from the compiled files themselves, so any change to them invalidates old
 * snapshots without anyone remembering to bump a version.
 */
let fingerprint: string | undefined;

export function engineFingerprint(): string {
  fingerprint ??= computeFingerprint();
  return fingerprint;
}

function computeFingerprint(): string {
  const hash = createHash('sha256');
  for (const folder of ['../core/search/', '../core/corpus/', '../core/facts/']) {
    const dir = new URL(folder, import.meta.url);
    for (const name of readdirSync(dir)
      .filter((n) => /\.(js|ts)$/.test(n))
      .sort()) {
      hash.update(name).update(readFileSync(new URL(name, dir)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

function bytesOf(array: Uint32Array | Uint16Array | Uint8Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * Serialises an index: a JSON header, the term list, then the sentence rows as raw typed
 * arrays. Postings are not stored: inverting the rows on load is a quick counting sort.
 */
export function serializeIndex(index: NewsIndex): Buffer {
  const terms = Buffer.from(index.terms.join('\n'), 'utf8');
  const arrays = [
    index.sentenceTermStart,
    index.sentenceTerms,
    index.sentenceLength,
    index.sentenceTermCounts,
    index.nameTerms,
  ];
  const body = Buffer.concat([terms, ...arrays.map(bytesOf)]);
  const header: Header = {
    magic: MAGIC,
    sentences: index.sentences.length,
    terms: index.terms.length,
    rows: index.sentenceTerms.length,
    averageLength: index.averageLength,
    storyIds: index.stories.map((story) => story.id),
    checksum: createHash('sha256').update(body).digest('hex'),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const lengths = Buffer.alloc(8);
  lengths.writeUInt32LE(headerBytes.length, 0);
  lengths.writeUInt32LE(terms.length, 4);
  return Buffer.concat([lengths, headerBytes, body]);
}

function readHeader(buffer: Buffer): { header: Header; bodyStart: number; termsLength: number } {
  if (buffer.length < 8) throw new SnapshotError('snapshot is truncated');
  const headerLength = buffer.readUInt32LE(0);
  const termsLength = buffer.readUInt32LE(4);
  if (8 + headerLength > buffer.length) throw new SnapshotError('snapshot header is truncated');
  let header: Header;
  try {
    header = JSON.parse(buffer.subarray(8, 8 + headerLength).toString('utf8')) as Header;
  } catch {
    throw new SnapshotError('snapshot header is not valid JSON');
  }
  if (header.magic !== MAGIC) throw new SnapshotError('not a newsdesk index snapshot');
  return { header, bodyStart: 8 + headerLength, termsLength };
}

/** Copies a typed array out of the buffer (the buffer's offset may not be aligned for it). */
function take<T extends Uint32Array | Uint16Array | Uint8Array>(
  buffer: Buffer,
  offset: number,
  count: number,
  Type: { new (length: number): T; BYTES_PER_ELEMENT: number },
): T {
  const array = new Type(count);
  const bytes = count * Type.BYTES_PER_ELEMENT;
  if (offset + bytes > buffer.length) throw new SnapshotError('snapshot body is truncated');
  Buffer.from(array.buffer).set(buffer.subarray(offset, offset + bytes));
  return array;
}

function sentenceRefs(stories: readonly Story[]) {
  const sentences: SentenceRef[] = [];
  const paragraphStart: number[][] = [];
  stories.forEach((story, position) => {
    paragraphStart.push(
      story.paragraphs.map((paragraph) => {
        const start = sentences.length;
        for (const sentence of paragraph.sentences) {
          sentences.push({ story: position, paragraph: paragraph.number, sentence: sentence.index });
        }
        return start;
      }),
    );
  });
  return { sentences, paragraphStart };
}

/**
 * Rebuilds an index from a snapshot of the same stories. Throws `SnapshotError` when the
 * snapshot is corrupt or was made from other stories.
 */
export function deserializeIndex(buffer: Buffer, stories: readonly Story[]): NewsIndex {
  const { header, bodyStart, termsLength } = readHeader(buffer);
  const body = buffer.subarray(bodyStart);
  if (createHash('sha256').update(body).digest('hex') !== header.checksum) {
    throw new SnapshotError('snapshot checksum does not match (corrupt file)');
  }
  const { sentences, paragraphStart } = sentenceRefs(stories);
  const ids = stories.map((story) => story.id);
  if (sentences.length !== header.sentences || ids.join('\n') !== header.storyIds.join('\n')) {
    throw new SnapshotError('snapshot was made from other stories');
  }
  const terms = body.subarray(0, termsLength).toString('utf8').split('\n');
  if (terms.length !== header.terms && !(header.terms === 0 && terms.length === 1)) {
    throw new SnapshotError('snapshot term list is damaged');
  }
  let offset = termsLength;
  const sentenceTermStart = take(body, offset, header.sentences + 1, Uint32Array);
  offset += sentenceTermStart.byteLength;
  const sentenceTerms = take(body, offset, header.rows, Uint32Array);
  offset += sentenceTerms.byteLength;
  const sentenceLength = take(body, offset, header.sentences, Uint16Array);
  offset += sentenceLength.byteLength;
  const sentenceTermCounts = take(body, offset, header.rows, Uint8Array);
  offset += sentenceTermCounts.byteLength;
  const nameTerms = take(body, offset, header.terms, Uint8Array);

  const termList = header.terms === 0 ? [] : terms;
  return {
    stories,
    storyPositions: new Map(ids.map((id, i) => [id, i])),
    sentences,
    paragraphStart,
    termIds: new Map(termList.map((term, i) => [term, i])),
    terms: termList,
    sentenceTermStart,
    sentenceTerms,
    sentenceTermCounts,
    sentenceLength,
    averageLength: header.averageLength,
    nameTerms,
    sentenceStory: Uint32Array.from(sentences, (sentence) => sentence.story),
    ...invertRows(sentenceTermStart, sentenceTerms, sentenceTermCounts, termList.length),
  };
}

export interface SnapshotStore {
  /** The cached index for these stories, or null when there is none or it cannot be used. */
  load(stories: readonly Story[], contentHash: string): NewsIndex | null;
  save(index: NewsIndex, contentHash: string): void;
}

/** Several story folders may share the cache (tests, newsroom tools), so a few snapshots are kept. */
const KEPT_SNAPSHOTS = 4;

function pruneSnapshots(folder: string): void {
  pruneFiles(folder, /^index-.*\.snap$/);
}

function pruneFiles(folder: string, pattern: RegExp): void {
  const snapshots = readdirSync(folder)
    .filter((name) => pattern.test(name))
    .map((name) => ({
      path: join(folder, name),
      time: statSync(join(folder, name), { throwIfNoEntry: false })?.mtimeMs ?? 0,
    }))
    .sort((a, b) => b.time - a.time);
  for (const old of snapshots.slice(KEPT_SNAPSHOTS)) rmSync(old.path, { force: true });
}

/**
 * Snapshots kept in a folder, one file per (story contents, engine code) pair; the few most
 * recent are kept. Writes are atomic (temp file + rename), so a crash never leaves a
 * half-written snapshot under the real name.
 */
export function folderSnapshotStore(folder: string, warn: (message: string) => void): SnapshotStore {
  const fingerprint = engineFingerprint();
  const fileOf = (contentHash: string) =>
    join(folder, `index-${contentHash.slice(0, 24)}-${fingerprint}.snap`);
  return {
    load(stories, contentHash) {
      let buffer: Buffer;
      try {
        buffer = readFileSync(fileOf(contentHash));
      } catch {
        return null;
      }
      try {
        return deserializeIndex(buffer, stories);
      } catch (error) {
        warn(`Index: ignored the snapshot ${fileOf(contentHash)}: ${(error as Error).message}`);
        return null;
      }
    },
    save(index, contentHash) {
      try {
        mkdirSync(folder, { recursive: true });
        const file = fileOf(contentHash);
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, serializeIndex(index));
        renameSync(temp, file);
        pruneSnapshots(folder);
      } catch (error) {
        warn(`Index: could not save a snapshot in ${folder}: ${(error as Error).message}`);
      }
    },
  };
}
