import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { indexingPercent, type IndexingStatus } from '../store/libraryHolder.js';
import { InteractionResponseType, InteractionType, type APIInteraction } from 'discord.js';
import type { Logger } from '../log.js';
import { checkSignature } from './signature.js';

/** Where Discord posts interactions (the "Interactions Endpoint URL" ends in this path). */
export const INTERACTIONS_PATH = '/interactions';
/** For load balancers: 200 while taking work, 503 once stopping. */
export const HEALTH_PATH = '/healthz';
/** Interaction payloads are a few KB; anything near this is not from Discord. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface HandlerOptions {
  /** The application's public key (`publicKeyFromHex`). */
  publicKey: KeyObject;
  /** Takes a verified interaction other than PING; answers go through Discord's callback endpoint. */
  dispatch(interaction: APIInteraction): void;
  /** False once the server is stopping: new interactions get 503 so the load balancer retries elsewhere. */
  accepting(): boolean;
  /** Indexing progress for `/healthz` (still 200 while indexing: the bot answers "still indexing"). */
  indexing?: (() => IndexingStatus) | undefined;
  log: Logger;
  maxBodyBytes?: number;
  now?: () => number;
}

class TooLarge extends Error {}

/** The raw body, refused without reading when it declares itself too large and cut off once it grows too large. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new TooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The HTTP side of Discord's outgoing-webhook interactions: checks the Ed25519 signature and
 * its timestamp, answers PING with PONG in the response body, and hands every other
 * interaction to `dispatch`, answering 202 Accepted with no body — the reply itself is sent to
 * Discord's callback endpoint by the same router and renderers the gateway bot uses, which
 * Discord documents for interactions received over HTTP. Holds no state between requests.
 */
export function createInteractionsHandler(
  options: HandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { publicKey, dispatch, accepting, log } = options;
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const now = options.now ?? Date.now;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      const indexing = options.indexing?.();
      send(res, accepting() ? 200 : 503, {
        status: accepting() ? 'ok' : 'stopping',
        ...(indexing ? { indexing: { ...indexing, percent: indexingPercent(indexing) } } : {}),
      });
      return;
    }
    if (path !== INTERACTIONS_PATH) {
      send(res, 404, { message: 'Not found' });
      return;
    }
    if (req.method !== 'POST') {
      send(res, 405, { message: 'Method not allowed' }, { allow: 'POST' });
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, limit);
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error;
      // Close the connection rather than read (and discard) the rest of an oversized body.
      send(res, 413, { message: 'Payload too large' }, { connection: 'close' });
      return;
    }
    const problem = checkSignature(
      publicKey,
      header(req, 'x-signature-ed25519'),
      header(req, 'x-signature-timestamp'),
      body,
      now(),
    );
    if (problem) {
      log.debug({ problem, remote: req.socket.remoteAddress }, 'refused an interaction request: signature');
      send(res, 401, { message: 'Invalid request signature' });
      return;
    }
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
      if (typeof interaction !== 'object' || interaction === null || typeof interaction.type !== 'number') {
        throw new Error('no interaction type');
      }
    } catch {
      send(res, 400, { message: 'Not an interaction' });
      return;
    }
    if (interaction.type === InteractionType.Ping) {
      send(res, 200, { type: InteractionResponseType.Pong });
      return;
    }
    if (!accepting()) {
      // Stopping: Discord shows the user a failure; the load balancer has already been told (health 503).
      send(res, 503, { message: 'Stopping' }, { connection: 'close' });
      return;
    }
    dispatch(interaction);
    send(res, 202);
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.warn({ err: error }, 'interaction request failed');
      if (!res.headersSent) send(res, 400, { message: 'Bad request' }, { connection: 'close' });
      else res.destroy();
    });
  };
}
