import { existsSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { isValidStoryId, parseStory } from '../core/corpus/parseStory.js';
import { CorpusError, type Story } from '../core/corpus/types.js';
import { UserError } from '../core/errors.js';
import { decodeStoryText } from './loadStories.js';
import { writeFileAtomic } from './writeFileAtomic.js';

/** Largest story accepted from an upload. */
export const MAX_UPLOAD_BYTES = 1024 * 1024;
const EXTENSIONS = ['.txt', '.md'] as const;

/** A story upload that passed every check, ready to be written. */
export interface CheckedUpload {
  id: string;
  fileName: string;
  text: string;
  story: Story;
}

/**
 * Turns an uploaded file name into a story id: the last path segment, without extension,
 * with anything but letters, digits, `_`, `-` and `.` replaced. Refuses names that are
 * still unusable (empty, dot-files, `..`).
 */
export function storyIdFromFileName(fileName: string): { id: string; extension: string } {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  if (/^\.+[^.]*$/.test(base))
    throw new UserError(`Upload: "${base.slice(0, 80)}" does not give a usable story id`);
  const extension = extname(base).toLowerCase();
  if (!(EXTENSIONS as readonly string[]).includes(extension)) {
    throw new UserError(`Upload: "${base.slice(0, 80)}" is not a .txt or .md file`);
  }
  const id = base
    .slice(0, -extension.length)
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100);
  if (!id || !isValidStoryId(id))
    throw new UserError(`Upload: "${base.slice(0, 80)}" does not give a usable story id`);
  return { id, extension };
}

/** Finds the file of a story in the folder, if any (`id.txt` or `id.md`). */
export function storyFileOf(dir: string, id: string): string | null {
  if (!isValidStoryId(id)) return null;
  for (const extension of EXTENSIONS) {
    const path = join(dir, `${id}${extension}`);
    if (existsSync(path)) return path;
  }
  return null;
}

/**
 * Checks an uploaded story: size, UTF-8 text, front matter and paragraphs, id. A story
 * with the same id is refused unless `replace` is set (a correction).
 */
export function checkUpload(
  dir: string,
  fileName: string,
  bytes: Uint8Array,
  replace = false,
): CheckedUpload {
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new UserError(
      `Upload: the file is ${Math.ceil(bytes.length / 1024)} KB; stories are at most 1024 KB`,
    );
  }
  const { id, extension } = storyIdFromFileName(fileName);
  let text: string;
  let story: Story;
  try {
    text = decodeStoryText(bytes);
    story = parseStory(id, text);
  } catch (error) {
    if (error instanceof CorpusError)
      throw new UserError(`Upload: refused because ${error.message.replace(/^Corpus: /, '')}`);
    throw error;
  }
  const existing = storyFileOf(dir, id);
  if (existing && !replace)
    throw new UserError(`Upload: a story with the id "${id}" already exists (use replace to correct it)`);
  if (existing && !existing.endsWith(extension)) {
    throw new UserError(
      `Upload: "${id}" exists as ${existing.split(/[\\/]/).pop()}; upload it with the same extension`,
    );
  }
  return { id, fileName: `${id}${extension}`, text, story };
}

/** Writes a checked upload into the folder atomically: readers see the old file or the new one. */
export function writeStory(dir: string, upload: CheckedUpload): string {
  const path = join(dir, upload.fileName);
  writeFileAtomic(path, upload.text);
  return path;
}

/** Deletes a story's file. Throws `UserError` when there is no such story. */
export function removeStoryFile(dir: string, id: string): void {
  const path = storyFileOf(dir, id);
  if (!path) throw new UserError(`Stories: there is no story "${id.slice(0, 80)}" to remove`);
  rmSync(path);
}
