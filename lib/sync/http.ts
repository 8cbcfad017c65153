import { ErrorReply } from './protocol';
import type { SyncErrorCode } from '../model/sync';

/**
 * Requests to the team's server, from the background only (it holds the token). Every failure
 * becomes a SyncHttpError saying what kind it is, so the engine knows whether to back off, wait
 * as told, stop (revoked) or show the person a reason.
 */

export class SyncHttpError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    readonly detail: string,
    /** The HTTP status; 0 when no reply came. */
    readonly status: number,
    /** How long the server asked us to wait (429), in ms. */
    readonly retryAfterMs?: number,
    /** The server's machine-readable reason (e.g. `invite-unknown`), when it gave one. */
    readonly reason?: string,
  ) {
    super(detail);
    this.name = 'SyncHttpError';
  }
}

/** A request must not hang a sync round: past this, it counts as offline. */
const TIMEOUT_MS = 30_000;

export interface ServerRequest {
  server: string;
  path: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  token?: string;
  fetch?: typeof fetch;
}

/** One JSON request; resolves with the parsed reply, rejects with a SyncHttpError. */
export async function requestServer({ server, path, method = 'POST', body, token, fetch: doFetch = fetch }: ServerRequest): Promise<unknown> {
  let response: Response;
  try {
    response = await doFetch(`${server}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      // Never the browser's cookies or HTTP auth: the token is the only credential.
      credentials: 'omit',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new SyncHttpError('offline', err instanceof Error ? err.message : String(err), 0);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (response.ok) {
    if (json === undefined) throw new SyncHttpError('bad-reply', `${path}: the server's reply is not JSON`, response.status);
    return json;
  }
  const parsed = ErrorReply.safeParse(json);
  const reason = parsed.success ? parsed.data.error.code : undefined;
  const detail = parsed.success ? parsed.data.error.message : `HTTP ${response.status}`;
  throw new SyncHttpError(codeOf(response.status), detail, response.status, retryAfterMs(response.headers.get('retry-after')), reason);
}

function codeOf(status: number): SyncErrorCode {
  if (status === 401) return 'revoked';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'invalid';
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
