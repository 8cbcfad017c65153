// @vitest-environment node
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES, createHttpServer } from '@/server/http';
import { openPGlite } from '@/server/sql';
import { SyncServer } from '@/server/sync-server';
import { formatHlc } from '@/lib/sync/hlc';

/** The node server around `handle`: headers in, status and headers out, over a real socket. */
let http: Server;
let base: string;
let close: () => Promise<void>;
beforeAll(async () => {
  const db = await openPGlite();
  close = db.close;
  http = createHttpServer(await SyncServer.open(db.sql));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  await close();
});

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

it('creates a workspace and answers the member with the token in the Authorization header', async () => {
  const created = await fetch(`${base}/v1/workspaces`, { method: 'POST', body: JSON.stringify({ name: 'Blossom', ownerName: 'Olga' }) });
  expect(created.status).toBe(201);
  expect(created.headers.get('content-type')).toMatch(/application\/json/);
  const { token } = (await created.json()) as { token: string };
  const me = await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${token}`, origin: ORIGIN } });
  expect(me.status).toBe(200);
  expect(me.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  expect(await me.json()).toMatchObject({ name: 'Olga', role: 'owner' });
});

it('answers a preflight with 204 and no body', async () => {
  const pre = await fetch(`${base}/v1/pull`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
  expect(pre.status).toBe(204);
  expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  expect(pre.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
  expect(await pre.text()).toBe('');
});

it('answers an oversized body with 413 without reading all of it', async () => {
  const reply = await fetch(`${base}/v1/push`, { method: 'POST', body: 'x'.repeat(BODY_LIMIT_BYTES + 1024), headers: { origin: ORIGIN } });
  expect(reply.status).toBe(413);
  expect(reply.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  expect(await reply.json()).toMatchObject({ error: { code: 'too-large' } });
});

it('a large push does not hold back other members: a request made while it runs is answered before it ends', async () => {
  const created = await fetch(`${base}/v1/workspaces`, { method: 'POST', body: JSON.stringify({ name: 'Busy', ownerName: 'Olga' }) });
  const { token } = (await created.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  // 400 tag writes in one push: on PGlite (in the server's own thread) about a second of work.
  const mutations = Array.from({ length: 400 }, (_, i) => ({
    mid: i + 1,
    name: 'tag.put',
    args: { shopId: 'demo:busy', tagId: `t_busy_${i}`, name: `tag ${i}`, color: 'blue', description: '' },
    hlc: formatHlc({ wall: Date.now(), counter: i, node: 'cl_busy' }),
  }));
  const started = performance.now();
  let pushEnded = 0;
  const pushing = fetch(`${base}/v1/push`, { method: 'POST', headers: auth, body: JSON.stringify({ clientId: 'cl_busy', mutations }) }).then(async (r) => {
    pushEnded = performance.now() - started;
    return r.json() as Promise<{ lastMid: number; rejected: unknown[] }>;
  });
  await new Promise((r) => setTimeout(r, 150));
  const me = await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  const meAnswered = performance.now() - started;
  expect(me.status).toBe(200);
  const pushed = await pushing;
  expect(pushed.rejected).toEqual([]);
  expect(pushed.lastMid).toBe(400);
  expect(pushEnded, `the push took ${Math.round(pushEnded)} ms: too short to tell`).toBeGreaterThan(meAnswered + 50);
});
