import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * Writes a file so that readers (and a crash at any moment) see either the old content or
 * the new, never a part: write a temp file beside it, flush it to disk, rename over.
 * `durable: false` skips the flush, for caches: after a power cut such a file may be
 * empty, which its reader takes as a miss.
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: { durable?: boolean } = {},
): void {
  // Threads of one process (build and fact workers) may write the same file at once.
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${threadId}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const fd = openSync(temp, 'w', 0o644);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    if (options.durable !== false) fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
