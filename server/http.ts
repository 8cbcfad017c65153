import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import * as z from 'zod/mini';
import {
  CreateWorkspaceRequest,
  InviteRequest,
  JoinRequest,
  PullRequest,
  PushRequest,
  RevokeRequest,
  type ErrorReply,
} from '../lib/sync/protocol';
import { ApiError } from './errors';
import type { Member } from './members';
import type { SyncServer } from './sync-server';

/**
 * The HTTP face of the sync server, thin: JSON in, zod-validated, JSON out, clear JSON errors
 * `{error: {code, message}}`. `handle` takes a plain request, so tests drive it without a socket.
 *
 * Every endpoint but creating a workspace and joining one takes `Authorization: Bearer <token>`.
 * Per token (or per caller without one) a token bucket limits the rate (429 with Retry-After).
 * CORS: browsers may call it only from extension pages (chrome-extension://, moz-extension://):
 * their origin is echoed, never `*`; a request carrying any other Origin is refused.
 */

export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

export interface PlainRequest {
  method: string;
  path: string;
  /** The raw body text. */
  body: string;
  /** Request headers, names in lower case (as node gives them). */
  headers?: Record<string, string | string[] | undefined>;
  /** The caller's address: the rate-limit key of requests without a token. */
  remote?: string;
}

export interface PlainResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Handler = (sync: SyncServer, member: Member | undefined, body: unknown) => Promise<unknown>;

interface Route {
  method: 'GET' | 'POST';
  /** Takes a member token (all but workspace creation and joining). */
  auth: boolean;
  schema?: z.ZodMiniType;
  /** 201 for what creates something. */
  status?: number;
  run: Handler;
}

const ROUTES: Record<string, Route> = {
  '/v1/workspaces': {
    method: 'POST',
    auth: false,
    schema: CreateWorkspaceRequest,
    status: 201,
    run: (sync, _m, body) => {
      if (!sync.openSignup) throw new ApiError(403, 'signup-closed', 'this server does not create workspaces; ask its owner for an invite');
      return sync.members.createWorkspace(body as CreateWorkspaceRequest);
    },
  },
  '/v1/join': { method: 'POST', auth: false, schema: JoinRequest, status: 201, run: (sync, _m, body) => sync.members.join(body as JoinRequest) },
  '/v1/me': { method: 'GET', auth: true, run: (sync, m) => sync.members.me(m!) },
  '/v1/invites': { method: 'POST', auth: true, schema: InviteRequest, status: 201, run: (sync, m, body) => sync.members.invite(m!, body as InviteRequest) },
  '/v1/members': { method: 'GET', auth: true, run: (sync, m) => sync.members.members(m!) },
  '/v1/members/revoke': { method: 'POST', auth: true, schema: RevokeRequest, run: (sync, m, body) => sync.members.revoke(m!, body as RevokeRequest) },
  '/v1/push': { method: 'POST', auth: true, schema: PushRequest, run: (sync, m, body) => sync.push(m!, body as PushRequest) },
  '/v1/pull': { method: 'POST', auth: true, schema: PullRequest, run: (sync, m, body) => sync.pull(m!, body as PullRequest) },
};

function error(status: number, code: string, message: string, headers?: Record<string, string>): PlainResponse {
  const body: ErrorReply = { error: { code, message } };
  return headers ? { status, body, headers } : { status, body };
}

function header(req: PlainRequest, name: string): string | undefined {
  const value = req.headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Extension pages only: `chrome-extension://<id>` or `moz-extension://<uuid>`, nothing after the host. */
export function isExtensionOrigin(origin: string): boolean {
  return /^(chrome-extension|moz-extension):\/\/[A-Za-z0-9-]{1,64}$/.test(origin);
}

function corsHeaders(origin: string | undefined): Record<string, string> | undefined {
  if (origin === undefined) return undefined;
  // Retry-After is not a CORS-safelisted header: without this the extension could not read it.
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'Retry-After', vary: 'Origin' };
}

function bearer(req: PlainRequest): string | undefined {
  const value = header(req, 'authorization');
  const match = value && /^Bearer +(\S+)\s*$/i.exec(value);
  return match ? match[1] : undefined;
}

/** Token buckets per caller, in this process (several instances each keep their own). */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {}

  /** 0 when the request may go, else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.prune(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  /** Forget the callers whose bucket has refilled: they are as if new. */
  private prune(now: number) {
    for (const [key, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key);
  }
}

const limiters = new WeakMap<SyncServer, RateLimiter>();
function limiterOf(sync: SyncServer): RateLimiter | undefined {
  if (!sync.rateLimit) return undefined;
  let limiter = limiters.get(sync);
  if (!limiter) limiters.set(sync, (limiter = new RateLimiter(sync.rateLimit.perSecond, sync.rateLimit.burst, sync.now)));
  return limiter;
}

export async function handle(sync: SyncServer, req: PlainRequest): Promise<PlainResponse> {
  const origin = header(req, 'origin');
  // A web page's request (any Origin but an extension's) is refused before anything is read.
  if (origin !== undefined && !isExtensionOrigin(origin)) return error(403, 'origin-not-allowed', `requests from ${origin.slice(0, 100)} are not accepted`);
  const cors = corsHeaders(origin);
  const reply = await route(sync, req, cors);
  return cors ? { ...reply, headers: { ...cors, ...reply.headers } } : reply;
}

async function route(sync: SyncServer, req: PlainRequest, cors: Record<string, string> | undefined): Promise<PlainResponse> {
  const route = Object.hasOwn(ROUTES, req.path) ? ROUTES[req.path] : undefined;
  if (!route) return error(404, 'not-found', `no such endpoint: ${req.path.slice(0, 200)}`);
  if (req.method === 'OPTIONS') {
    // The CORS preflight: what an extension page may send.
    return {
      status: 204,
      body: null,
      headers: {
        ...cors,
        'access-control-allow-methods': `${route.method}, OPTIONS`,
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      },
    };
  }
  if (req.method !== route.method) return error(405, 'method-not-allowed', `${req.path} takes ${route.method}`, { allow: `${route.method}, OPTIONS` });
  if (Buffer.byteLength(req.body) > BODY_LIMIT_BYTES) return error(413, 'too-large', `the body is over ${BODY_LIMIT_BYTES} bytes`);

  const token = bearer(req);
  const limiter = limiterOf(sync);
  if (limiter) {
    const key = token ? `token:${createHash('sha256').update(token).digest('hex')}` : `remote:${req.remote ?? 'unknown'}`;
    const wait = limiter.take(key);
    if (wait) return error(429, 'rate-limited', `too many requests; retry in ${wait} s`, { 'retry-after': String(wait) });
  }

  try {
    const member = route.auth ? await sync.members.authenticate(token) : undefined;
    let body: unknown;
    if (route.schema) {
      let json: unknown;
      try {
        json = JSON.parse(req.body);
      } catch {
        return error(400, 'bad-json', 'the body is not JSON');
      }
      const parsed = route.schema.safeParse(json);
      if (!parsed.success) return error(400, 'invalid-request', z.prettifyError(parsed.error));
      body = parsed.data;
    }
    return { status: route.status ?? 200, body: await route.run(sync, member, body) };
  } catch (e) {
    if (e instanceof ApiError) return error(e.status, e.code, e.message);
    console.error(`sync ${req.path} failed`, e);
    return error(500, 'internal', 'the server could not complete the request; try again');
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Read no more of it: the 413 goes out and the connection is closed after it.
        req.off('data', onData);
        req.pause();
        resolve(undefined);
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function createHttpServer(sync: SyncServer): Server {
  return createServer(async (req, res) => {
    const body = await readBody(req, BODY_LIMIT_BYTES);
    const plain: PlainRequest = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0]!,
      body: body ?? '',
      headers: req.headers,
      remote: req.socket.remoteAddress,
    };
    const reply = body === undefined ? tooLarge(plain) : await handle(sync, plain);
    if (reply.status === 204) {
      res.writeHead(204, reply.headers);
      res.end();
      return;
    }
    res.writeHead(reply.status, {
      ...reply.headers,
      'content-type': 'application/json; charset=utf-8',
      ...(body === undefined ? { connection: 'close' } : {}),
    });
    res.end(JSON.stringify(reply.body), () => {
      if (body === undefined) req.destroy();
    });
  });
}

/** The 413 of a body cut off while reading (with the CORS headers an extension page needs to read it). */
function tooLarge(req: PlainRequest): PlainResponse {
  const origin = header(req, 'origin');
  const cors = origin !== undefined && isExtensionOrigin(origin) ? corsHeaders(origin) : undefined;
  return error(413, 'too-large', `the body is over ${BODY_LIMIT_BYTES} bytes`, cors);
}
