import { createServer, type IncomingMessage, type Server } from 'node:http';
import * as z from 'zod/mini';
import { PullRequest, PushRequest, type ErrorReply } from '../lib/sync/protocol';
import type { SyncServer } from './sync-server';

/**
 * The HTTP face of the sync server, thin: JSON in, zod-validated, JSON out, clear JSON errors.
 * `handle` takes a plain request, so tests drive it without a socket.
 *
 * Not in this slice: bearer tokens, roles, rate limits, CORS (see issue 6). Until then, run it
 * only where every caller is trusted.
 */

export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

export interface PlainRequest {
  method: string;
  path: string;
  /** The raw body text. */
  body: string;
}

export interface PlainResponse {
  status: number;
  body: unknown;
}

function error(status: number, code: string, message: string): PlainResponse {
  const body: ErrorReply = { error: { code, message } };
  return { status, body };
}

export async function handle(sync: SyncServer, req: PlainRequest): Promise<PlainResponse> {
  const route = req.path === '/v1/push' ? 'push' : req.path === '/v1/pull' ? 'pull' : undefined;
  if (!route) return error(404, 'not-found', `no such endpoint: ${req.path}`);
  if (req.method !== 'POST') return error(405, 'method-not-allowed', `${req.path} takes POST`);
  if (Buffer.byteLength(req.body) > BODY_LIMIT_BYTES) return error(413, 'too-large', `the body is over ${BODY_LIMIT_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch {
    return error(400, 'bad-json', 'the body is not JSON');
  }
  const schema = route === 'push' ? PushRequest : PullRequest;
  const parsed = schema.safeParse(json);
  if (!parsed.success) return error(400, 'invalid-request', z.prettifyError(parsed.error));
  try {
    const body = route === 'push' ? await sync.push(parsed.data as PushRequest) : await sync.pull(parsed.data as PullRequest);
    return { status: 200, body };
  } catch (e) {
    console.error(`sync ${route} failed`, e);
    return error(500, 'internal', 'the server could not complete the request; try again');
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function createHttpServer(sync: SyncServer): Server {
  return createServer(async (req, res) => {
    const body = await readBody(req, BODY_LIMIT_BYTES);
    const reply =
      body === undefined
        ? error(413, 'too-large', `the body is over ${BODY_LIMIT_BYTES} bytes`)
        : await handle(sync, { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, body });
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply.body));
  });
}
