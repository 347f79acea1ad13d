import { UserError } from '../core/errors.js';
import { MAX_UPLOAD_BYTES } from '../store/storyFiles.js';

/** How long a download may take before it is given up. */
export const DOWNLOAD_TIMEOUT_MS = 15_000;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Refuses an attachment name that carries a path (`/`, `\`): Discord never sends one, so
 * it can only be an attempt to write outside the story folder.
 */
export function checkAttachmentName(name: string): void {
  if (/[\\/]/.test(name) || name.includes('\0')) {
    throw new UserError(`Upload: refused because the file name "${name.slice(0, 80)}" contains a path`);
  }
}

/**
 * Whether an attachment URL may be fetched: its host must be listed in `ATTACHMENT_HOSTS`
 * (an entry with a port matches that port only; without, the default port), over https —
 * plain http only for loopback hosts (a local proxy, a test server). Returns the reason
 * when not.
 */
export function attachmentUrlProblem(url: string, allowedHosts: readonly string[]): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'its address is not a valid URL';
  }
  const host = parsed.host.toLowerCase();
  const listed = allowedHosts.some((entry) => entry === host);
  if (!listed)
    return `it is not hosted on an allowed host (${allowedHosts.join(', ') || 'none'}), but on ${host || 'no host'}`;
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname.toLowerCase())) return null;
  return 'it is not served over https';
}

/**
 * Downloads an attachment from an allowed host (see `attachmentUrlProblem`): no redirects
 * (they could lead elsewhere), at most 1 MB (stops reading beyond that), with a timeout.
 * Refusals are `UserError`s that say why.
 */
export async function downloadAttachment(
  url: string,
  allowedHosts: readonly string[],
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<Uint8Array> {
  const problem = attachmentUrlProblem(url, allowedHosts);
  if (problem) throw new UserError(`Upload: refused because ${problem}`);
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError'
        ? 'the download timed out'
        : 'the file could not be downloaded';
    throw new UserError(`Upload: ${reason}; please try again`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw new UserError(
      `Upload: the file could not be downloaded (HTTP ${response.status}); please try again`,
    );
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    throw new UserError(
      `Upload: the file is ${Math.ceil(declared / 1024)} KB; stories are at most ${maxBytes / 1024} KB`,
    );
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new UserError(
        `Upload: the file is over ${maxBytes / 1024} KB; stories are at most ${maxBytes / 1024} KB`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
