/**
 * Where a team's sync server is, as people type it. Customer data travels there, so it must be
 * HTTPS — except on this machine (the demo, a server beside the browser), where plain HTTP
 * never leaves the host. Pure: the options page checks as people type, the background again.
 */

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export type ServerUrlProblem = 'empty' | 'malformed' | 'insecure' | 'credentials';

export type ServerUrlResult = { ok: true; url: string } | { ok: false; problem: ServerUrlProblem };

/** The server's base URL, normalised (no trailing slash, no query or fragment), or why not. */
export function parseServerUrl(input: string): ServerUrlResult {
  const text = input.trim();
  if (!text) return { ok: false, problem: 'empty' };
  // "team.example.com" means HTTPS; "localhost:8787" means the demo's plain HTTP.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `${isLoopbackHost(text) ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'malformed' };
  if (!url.hostname) return { ok: false, problem: 'malformed' };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) return { ok: false, problem: 'insecure' };
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.origin}${path}` };
}

function isLoopbackHost(text: string): boolean {
  const host = text.split(/[/:]/)[0]!.toLowerCase();
  return host === 'localhost' || host === '127.0.0.1' || text.startsWith('[::1]');
}

/** An invite as the owner hands it out: one link with the server and the code. */
export function inviteLink(server: string, code: string): string {
  return `${server}/join#${encodeURIComponent(code)}`;
}

export type InviteResult = { ok: true; server?: string; code: string } | { ok: false; problem: ServerUrlProblem | 'no-code' };

/**
 * Read what a person pasted: an invite link (`https://team.example.com/join#CODE`, the server
 * comes with it) or a bare code (the server is typed separately).
 */
export function parseInvite(input: string): InviteResult {
  const text = input.trim();
  const hash = text.indexOf('#');
  if (hash < 0) return /^[A-Za-z0-9_-]{8,200}$/.test(text) ? { ok: true, code: text } : { ok: false, problem: 'no-code' };
  let code: string;
  try {
    code = decodeURIComponent(text.slice(hash + 1)).trim();
  } catch {
    return { ok: false, problem: 'no-code' };
  }
  if (!code) return { ok: false, problem: 'no-code' };
  const base = text.slice(0, hash).replace(/\/join\/?$/, '');
  const server = parseServerUrl(base);
  return server.ok ? { ok: true, server: server.url, code } : server;
}
