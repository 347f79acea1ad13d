import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { problemsWithMessage, problemsWithChoices } from './discordLimits.js';

/**
 * A local stand-in for Discord: the REST routes the bot uses (recording every request and
 * checking bodies against Discord's limits, as Discord would reject them) and a gateway that
 * speaks HELLO / IDENTIFY / READY / heartbeat and pushes INTERACTION_CREATE. Binds to
 * 127.0.0.1 on a random port; nothing ever leaves the machine.
 */

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/api/v10/interactions/1/abc/callback`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** Milliseconds since the epoch when the request arrived. */
  at: number;
  status: number;
  /** Why the fake refused it, as Discord would have. */
  problems: string[];
}

interface PendingInteraction {
  id: string;
  token: string;
  sentAt: number;
  acknowledged: boolean;
  originalDeleted: boolean;
}

/** A file the fake serves as a Discord attachment (its CDN), and the object interactions carry. */
export interface FakeAttachment {
  id: string;
  filename: string;
  /** What the payload claims; defaults to the real byte count. */
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
}

/**
 * A fault the fake injects into matching REST requests, as Discord or its edge would: a
 * status with a body and headers (429 with `retry_after`, 500/502, 10062, 40060…), a delay,
 * or both. `times` bounds how many requests it hits (default 1; `Infinity` for all).
 */
export interface FakeFault {
  /** Which requests it hits, e.g. `(r) => r.method === 'PATCH' && r.path.includes(token)`. */
  match: (request: RecordedRequest) => boolean;
  /** The answer instead of the real one; absent: the request is handled normally (only delayed). */
  respond?: { status: number; json?: unknown; headers?: Record<string, string> };
  /**
   * Handle the request normally (its effects happen, e.g. the interaction is acknowledged)
   * but answer with `respond` — Discord did the work and the answer was lost or wrong.
   */
  applyFirst?: boolean;
  /** Hold the answer this long. */
  delayMs?: number;
  times?: number;
}

/** Discord's answer to a rate-limited request: 429 with `retry_after` in seconds, body and header. */
export function rateLimited(retryAfterSeconds: number, global = false): NonNullable<FakeFault['respond']> {
  return {
    status: 429,
    json: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global },
    headers: {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-scope': global ? 'global' : 'user',
      ...(global && { 'x-ratelimit-global': 'true' }),
    },
  };
}

export interface FakeDiscordOptions {
  /** The bot token the fake accepts in `Authorization: Bot …`. */
  token: string;
  applicationId?: string;
  /** HELLO's heartbeat interval. */
  heartbeatInterval?: number;
}

let messageCounter = 0n;
const MESSAGE_BASE = 1300000000000000000n;

/** Discord rejects a callback for an interaction it already acknowledged. */
const ALREADY_ACKNOWLEDGED = { message: 'Interaction has already been acknowledged.', code: 40060 };
const UNKNOWN_INTERACTION = { message: 'Unknown interaction', code: 10062 };

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: {
    id: string;
    username: string;
    discriminator: string;
    global_name: null;
    avatar: null;
    bot: true;
  };
  readonly requests: RecordedRequest[] = [];
  /** Frames the bot sent on the gateway, parsed. */
  readonly gatewayFrames: { op: number; d: unknown; at: number }[] = [];
  heartbeatInterval: number;
  /** Per interaction id: hold the callback response this long (to keep a reply in flight). */
  readonly callbackDelays = new Map<string, number>();
  /** Per interaction id: fail the next callback with this status. */
  readonly callbackFailures = new Map<string, number>();
  /** What GET /gateway/bot answers with when set (e.g. 401 for a revoked token). */
  gatewayStatus = 200;
  /** GET /gateway/bot: the shard count Discord recommends (what `BOT_SHARDS=auto` runs). */
  recommendedShards = 1;
  /** GET /gateway/bot: how many shards may identify at once. */
  maxConcurrency = 1;
  /** Faults injected into REST requests, checked in order (see `FakeFault`). */
  readonly faults: FakeFault[] = [];
  /** When set, every IDENTIFY is answered by closing the socket with this code (4004: token revoked). */
  identifyCloseCode: number | null = null;

  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private readonly sockets = new Set<WebSocket>();
  /** The `[shard_id, num_shards]` each socket identified with; sockets without one get every event. */
  private readonly shardOf = new Map<WebSocket, [number, number]>();
  private readonly events = new EventEmitter();
  private readonly interactions = new Map<string, PendingInteraction>();
  private sequence = 0;
  private readonly registered = new Map<string, unknown[]>();
  private readonly attachments = new Map<string, Buffer>();
  /** Attachments served without Content-Length, in 64 KB chunks (a server that does not say how big). */
  private readonly chunkedAttachments = new Set<string>();
  /** Messages the bot posted to channels (POST /channels/{id}/messages), by channel id. */
  readonly channelMessages = new Map<string, Record<string, unknown>[]>();

  constructor(options: FakeDiscordOptions) {
    this.token = options.token;
    this.applicationId = options.applicationId ?? '1100000000000000001';
    this.heartbeatInterval = options.heartbeatInterval ?? 45_000;
    this.botUser = {
      id: this.applicationId,
      username: 'newsdesk',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    };
    this.events.setMaxListeners(2000);
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  /** What `DISCORD_API_BASE` should be. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** Sockets the bot currently holds open. */
  get connections(): number {
    return this.sockets.size;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.wss.on('connection', (socket) => this.onGatewayConnection(socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss?.close(() => resolve()) ?? resolve());
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  // ---------------------------------------------------------------- gateway

  private send(socket: WebSocket, payload: { op: number; d: unknown; t?: string; s?: number }): void {
    socket.send(JSON.stringify({ t: null, s: null, ...payload }));
  }

  private dispatch(socket: WebSocket, type: string, data: unknown): void {
    this.send(socket, { op: 0, t: type, s: ++this.sequence, d: data });
  }

  private onGatewayConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.shardOf.delete(socket);
      this.events.emit('gateway-close');
    });
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: unknown };
      this.gatewayFrames.push({ ...frame, at: Date.now() });
      this.events.emit('frame', frame);
      if (frame.op === 1) this.send(socket, { op: 11, d: null });
      if (frame.op === 2) this.onIdentify(socket, frame.d as { token: string; shard?: [number, number] });
      if (frame.op === 6) this.onResume(socket, frame.d as { token: string; session_id: string });
    });
    this.send(socket, { op: 10, d: { heartbeat_interval: this.heartbeatInterval } });
  }

  private onIdentify(socket: WebSocket, identify: { token: string; shard?: [number, number] }): void {
    if (this.identifyCloseCode !== null) {
      socket.close(this.identifyCloseCode, 'Authentication failed.');
      return;
    }
    if (identify.token !== this.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const shard = identify.shard ?? [0, 1];
    const [shardId, shardCount] = shard;
    if (!(
      Number.isInteger(shardId) &&
      Number.isInteger(shardCount) &&
      shardId >= 0 &&
      shardId < shardCount
    )) {
      socket.close(4010, 'Invalid shard.');
      return;
    }
    if (identify.shard) this.shardOf.set(socket, shard);
    this.dispatch(socket, 'READY', {
      v: 10,
      user: { ...this.botUser, verified: true, mfa_enabled: false, flags: 0 },
      guilds: [],
      session_id: 'fake-session',
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: this.applicationId, flags: 0 },
    });
    this.events.emit('ready');
  }

  /** RESUME of the session READY handed out: RESUMED (nothing was missed); any other session: invalid (op 9). */
  private onResume(socket: WebSocket, resume: { token: string; session_id: string }): void {
    if (resume.token !== this.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    if (resume.session_id !== 'fake-session') {
      this.send(socket, { op: 9, d: false });
      return;
    }
    this.dispatch(socket, 'RESUMED', null);
    this.events.emit('resumed');
  }

  /** Resolves once a bot has resumed its session. */
  waitForResumed(timeoutMs = 10_000): Promise<void> {
    return this.waitForEvent('resumed', timeoutMs);
  }

  /** Closes every gateway connection with `code`, as Discord does (4000: resumable, 4004: token revoked). */
  closeGateway(code: number, reason = 'closed by test'): void {
    for (const socket of this.sockets) socket.close(code, reason);
  }

  /** Cuts every gateway connection without a close frame (a network drop: the bot sees 1006). */
  dropGateway(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /** How many frames with opcode `op` the bot sent (2 IDENTIFY, 6 RESUME, 1 heartbeat). */
  framesWithOp(op: number): number {
    return this.gatewayFrames.filter((frame) => frame.op === op).length;
  }

  /** The `shard` of every IDENTIFY received so far (`[0, 1]` when a bot sent none). */
  identifiedShards(): [number, number][] {
    return this.gatewayFrames
      .filter((frame) => frame.op === 2)
      .map((frame) => (frame.d as { shard?: [number, number] }).shard ?? [0, 1]);
  }

  /** Resolves once a bot has identified and been sent READY. */
  waitForReady(timeoutMs = 10_000): Promise<void> {
    return this.waitForEvent('ready', timeoutMs);
  }

  waitForGatewayClose(timeoutMs = 10_000): Promise<void> {
    if (this.sockets.size === 0) return Promise.resolve();
    return this.waitForEvent('gateway-close', timeoutMs);
  }

  private waitForEvent(name: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`FakeDiscord: no ${name} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.events.once(name, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Pushes any gateway event (GUILD_CREATE, GUILD_DELETE…) to every connected bot. */
  dispatchEvent(type: string, data: unknown): void {
    if (this.sockets.size === 0) throw new Error('FakeDiscord: no bot is connected');
    for (const socket of this.sockets) this.dispatch(socket, type, data);
  }

  /**
   * Serves `bytes` as an attachment at `http://127.0.0.1:PORT/attachments/…` (the fake's
   * CDN; the bot's ATTACHMENT_HOSTS must list `127.0.0.1:PORT` to fetch it). `url`
   * overrides where the payload says it lives (a host that is not allowed).
   */
  serveAttachment(
    filename: string,
    bytes: string | Uint8Array,
    options: { contentType?: string; size?: number; url?: string; chunked?: boolean } = {},
  ): FakeAttachment {
    const id = String(MESSAGE_BASE + ++messageCounter);
    const body = Buffer.from(bytes);
    this.attachments.set(id, body);
    if (options.chunked) this.chunkedAttachments.add(id);
    const served = `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(filename)}`;
    return {
      id,
      filename,
      size: options.size ?? body.length,
      url: options.url ?? served,
      proxy_url: options.url ?? served,
      ...(options.contentType && { content_type: options.contentType }),
    };
  }

  /** Requests that fetched an attachment from the fake's CDN. */
  get attachmentDownloads(): RecordedRequest[] {
    return this.requests.filter((request) => request.path.startsWith('/attachments/'));
  }

  /**
   * Pushes an INTERACTION_CREATE to every connected bot — or, when bots identified as shards,
   * only to the shard that owns the payload's guild (DMs go to shard 0), as Discord does.
   * Returns when it was sent.
   */
  sendInteraction(payload: { id: string; token: string; guild_id?: string }): number {
    if (this.sockets.size === 0) throw new Error('FakeDiscord: no bot is connected');
    const sentAt = this.expectInteraction(payload);
    for (const socket of this.sockets) {
      const shard = this.shardOf.get(socket);
      if (shard && shard[0] !== FakeDiscord.shardFor(payload.guild_id, shard[1])) continue;
      this.dispatch(socket, 'INTERACTION_CREATE', payload);
    }
    return sentAt;
  }

  /** Which shard of `shardCount` receives a guild's events (`(guild_id >> 22) % shardCount`); DMs: 0. */
  static shardFor(guildId: string | undefined, shardCount: number): number {
    return guildId === undefined ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
  }

  /**
   * Makes an interaction known without sending it on the gateway, so its callback and
   * webhook routes work — for interactions posted to an HTTP interactions endpoint instead.
   */
  expectInteraction(payload: { id: string; token: string }): number {
    const sentAt = Date.now();
    this.interactions.set(payload.id, {
      id: payload.id,
      token: payload.token,
      sentAt,
      acknowledged: false,
      originalDeleted: false,
    });
    return sentAt;
  }

  /** When the interaction was sent to the bot. */
  sentAt(interactionId: string): number | undefined {
    return this.interactions.get(interactionId)?.sentAt;
  }

  // ---------------------------------------------------------------- REST

  /** Requests that concern one interaction (its callback and its webhook messages). */
  requestsFor(token: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path.includes(`/${token}`));
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitForRequest(match: (request: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const found = this.requests.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onRequest = (request: RecordedRequest) => {
        if (!match(request)) return;
        clearTimeout(timer);
        this.events.off('request', onRequest);
        resolve(request);
      };
      const timer = setTimeout(() => {
        this.events.off('request', onRequest);
        reject(new Error(`FakeDiscord: no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      this.events.on('request', onRequest);
    });
  }

  /** The commands last registered with PUT, by route (`global` or the guild id). */
  registeredCommands(scope: string): unknown[] | undefined {
    return this.registered.get(scope);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body,
      at: Date.now(),
      status: 0,
      problems: [],
    };
    if (this.recordRequests) this.requests.push(request);
    const match = /^\/attachments\/(\d+)\//.exec(request.path);
    const served = request.method === 'GET' && match ? this.attachments.get(match[1]!) : undefined;
    if (served) {
      request.status = 200;
      this.events.emit('request', request);
      if (this.chunkedAttachments.has(match![1]!)) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        for (let at = 0; at < served.length && !res.destroyed; at += 65_536) {
          if (!res.write(served.subarray(at, at + 65_536)))
            await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
        }
        res.end();
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': served.length })
        .end(served);
      return;
    }
    const { status, json, headers, delayMs } = this.answer(request);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    this.events.emit('request', request);
    if (status === 204 || json === undefined) {
      res.writeHead(status, headers).end();
    } else {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
    }
  }

  /** Routes a recorded REST request, with any fault that applies; sets its status. */
  private answer(request: RecordedRequest): {
    status: number;
    json?: unknown;
    headers?: Record<string, string>;
    delayMs: number;
  } {
    const fault = this.takeFault(request);
    const routed = fault?.respond && !fault.applyFirst ? { status: 0 } : this.route(request);
    const { status, json, headers } = fault?.respond ?? routed;
    request.status = status;
    if (fault?.respond) request.problems.push(`fault injected: ${status}`);
    return {
      status,
      json,
      headers,
      delayMs: (fault?.delayMs ?? 0) + ('delayMs' in routed ? (routed.delayMs ?? 0) : 0),
    };
  }

  /**
   * Whether REST requests are kept in `requests` (waiters are told either way). Long load
   * runs turn it off so the fake's own memory does not grow with every question.
   */
  recordRequests = true;

  /**
   * A `fetch` that reaches this fake's REST routes in memory, without a socket: for
   * @discordjs/rest's `makeRequest` in runs of thousands of questions, where loopback HTTP
   * would dominate. Same routes, checks and faults as over HTTP.
   */
  readonly fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const parsed = new URL(url);
    const raw =
      typeof init.body === 'string'
        ? init.body
        : init.body
          ? Buffer.from(init.body as ArrayBuffer).toString('utf8')
          : '';
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const request: RecordedRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: decodeURIComponent(parsed.pathname),
      query: parsed.searchParams,
      headers,
      body,
      at: Date.now(),
      status: 0,
      problems: [],
    };
    if (this.recordRequests) this.requests.push(request);
    const { status, json, headers: extra, delayMs } = this.answer(request);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    this.events.emit('request', request);
    const empty = status === 204 || json === undefined;
    return new Response(empty ? null : JSON.stringify(json), {
      status,
      headers: { ...(!empty && { 'content-type': 'application/json' }), ...extra },
    });
  };

  /** Drops what the fake remembers about an interaction (long load runs). */
  forgetInteraction(interactionId: string): void {
    this.interactions.delete(interactionId);
  }

  /** The first fault that matches the request and still has uses left (it uses one). */
  private takeFault(request: RecordedRequest): FakeFault | undefined {
    const index = this.faults.findIndex((fault) => (fault.times ?? 1) > 0 && fault.match(request));
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.times = (fault.times ?? 1) - 1;
    return fault;
  }

  /** Marks an interaction acknowledged, as if another process had already answered it. */
  acknowledge(interactionId: string): void {
    const interaction = this.interactions.get(interactionId);
    if (interaction) interaction.acknowledged = true;
  }

  private authorized(request: RecordedRequest): boolean {
    return request.headers.authorization === `Bot ${this.token}`;
  }

  private route(request: RecordedRequest): {
    status: number;
    json?: unknown;
    delayMs?: number;
    headers?: Record<string, string>;
  } {
    const { method, path } = request;
    const parts = path.split('/').filter(Boolean);
    if (parts[0] !== 'api' || parts[1] !== 'v10') return this.unknownRoute(request);
    const route = parts.slice(2);
    const unauthorized = { status: 401, json: { message: '401: Unauthorized', code: 0 } };

    if (method === 'GET' && route.join('/') === 'gateway/bot') {
      if (!this.authorized(request)) return unauthorized;
      if (this.gatewayStatus !== 200)
        return { status: this.gatewayStatus, json: { message: 'refused by test', code: 0 } };
      return {
        status: 200,
        json: {
          url: this.gatewayUrl,
          shards: this.recommendedShards,
          session_start_limit: {
            total: 1000,
            remaining: 999,
            reset_after: 14_400_000,
            max_concurrency: this.maxConcurrency,
          },
        },
      };
    }
    if (method === 'GET' && route.join('/') === 'gateway')
      return { status: 200, json: { url: this.gatewayUrl } };
    if (method === 'GET' && route.join('/') === 'users/@me') {
      return this.authorized(request) ? { status: 200, json: this.botUser } : unauthorized;
    }
    if (method === 'GET' && route.join('/') === 'applications/@me') {
      return this.authorized(request)
        ? { status: 200, json: { id: this.applicationId, name: 'newsdesk', bot: this.botUser, flags: 0 } }
        : unauthorized;
    }
    if (method === 'PUT' && route[0] === 'applications' && route[1] === this.applicationId) {
      if (!this.authorized(request)) return unauthorized;
      const scope =
        route[2] === 'commands' && route.length === 3
          ? 'global'
          : route[2] === 'guilds' && route[4] === 'commands'
            ? route[3]!
            : null;
      if (scope === null || !Array.isArray(request.body)) return this.unknownRoute(request);
      const commands = (request.body as { name: string }[]).map((command, i) => ({
        id: String(1200000000000000000n + BigInt(i)),
        application_id: this.applicationId,
        version: '1',
        ...(scope !== 'global' && { guild_id: scope }),
        ...command,
      }));
      this.registered.set(scope, commands);
      return { status: 200, json: commands };
    }
    if (method === 'POST' && route[0] === 'interactions' && route[3] === 'callback') {
      return this.interactionCallback(request, route[1]!, route[2]!);
    }
    if (method === 'POST' && route[0] === 'channels' && route[2] === 'messages' && route.length === 3) {
      if (!this.authorized(request)) return unauthorized;
      const problems = problemsWithMessage(request.body);
      if (problems.length) return this.invalid(request, problems);
      const list = this.channelMessages.get(route[1]!) ?? [];
      list.push(request.body as Record<string, unknown>);
      this.channelMessages.set(route[1]!, list);
      return { status: 200, json: this.message(request.body, route[1]!) };
    }
    if (route[0] === 'webhooks' && route[1] === this.applicationId) {
      return this.webhook(request, route[2]!, route.slice(3));
    }
    return this.unknownRoute(request);
  }

  private unknownRoute(request: RecordedRequest) {
    request.problems.push(`unknown route ${request.method} ${request.path}`);
    return { status: 404, json: { message: '404: Not Found', code: 0 } };
  }

  private invalid(request: RecordedRequest, problems: string[]) {
    request.problems.push(...problems);
    return { status: 400, json: { message: 'Invalid Form Body', code: 50035, errors: problems } };
  }

  private interactionCallback(request: RecordedRequest, id: string, token: string) {
    const interaction = this.interactions.get(id);
    if (!interaction || interaction.token !== token) return { status: 404, json: UNKNOWN_INTERACTION };
    if (request.headers.authorization)
      request.problems.push('interaction callbacks must not carry the bot token');
    const failure = this.callbackFailures.get(id);
    if (failure) {
      this.callbackFailures.delete(id);
      return { status: failure, json: { message: 'refused by test', code: 0 } };
    }
    if (interaction.acknowledged) return { status: 400, json: ALREADY_ACKNOWLEDGED };
    const body = request.body as { type: number; data?: unknown };
    const problems =
      body.type === 8
        ? problemsWithChoices(body.data)
        : body.type === 4 || body.type === 7
          ? problemsWithMessage(body.data)
          : [];
    if (![4, 5, 6, 7, 8, 9].includes(body.type)) problems.push(`unknown callback type ${body.type}`);
    if (problems.length) return this.invalid(request, problems);
    interaction.acknowledged = true;
    return { status: 204, delayMs: this.callbackDelays.get(id) };
  }

  private webhook(request: RecordedRequest, token: string, rest: string[]) {
    const interaction = [...this.interactions.values()].find((candidate) => candidate.token === token);
    if (!interaction) return { status: 404, json: { message: 'Unknown Webhook', code: 10015 } };
    if (!interaction.acknowledged) return { status: 404, json: { message: 'Unknown Webhook', code: 10015 } };
    if (request.headers.authorization) request.problems.push('webhook requests must not carry the bot token');
    const [messages, messageId] = rest;
    if (request.method === 'POST' && rest.length === 0) {
      const problems = problemsWithMessage(request.body);
      return problems.length
        ? this.invalid(request, problems)
        : { status: 200, json: this.message(request.body) };
    }
    if (messages !== 'messages' || !messageId || rest.length !== 2) return this.unknownRoute(request);
    if (interaction.originalDeleted && messageId === '@original')
      return { status: 404, json: { message: 'Unknown Message', code: 10008 } };
    if (request.method === 'PATCH') {
      const problems = problemsWithMessage(request.body, { edit: true });
      return problems.length
        ? this.invalid(request, problems)
        : { status: 200, json: this.message(request.body) };
    }
    if (request.method === 'GET') return { status: 200, json: this.message({}) };
    if (request.method === 'DELETE') {
      if (messageId === '@original') interaction.originalDeleted = true;
      return { status: 204 };
    }
    return this.unknownRoute(request);
  }

  /** A message object as Discord returns it for webhook sends and edits. */
  message(data: Record<string, unknown> | null, channelId = '1150000000000000001'): Record<string, unknown> {
    const body = data ?? {};
    return {
      id: String(MESSAGE_BASE + ++messageCounter),
      type: 20,
      channel_id: channelId,
      author: this.botUser,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: body.flags ?? 0,
      webhook_id: this.applicationId,
      application_id: this.applicationId,
    };
  }
}
