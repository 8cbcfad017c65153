// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '@/lib/sync/hlc';
import { tagIdOf } from '@/lib/model/ids';
import type { PullResponse, PushMutation } from '@/lib/sync/protocol';
import type { Query, Sql } from '@/server/sql';
import { SyncServer } from '@/server/sync-server';
import { BACKENDS } from './backends';
import { team, truncateAll, type TeamMember } from './team';

/**
 * What only a real server can show: PGlite runs one statement at a time, PostgreSQL runs two
 * members' pushes at once on two connections. A shop's writers must still take its seqs one after
 * another (no gap, no duplicate), and a pull must never hand out a cookie past a seq whose
 * transaction is still committing (the client would skip that change for good).
 */
const postgres = BACKENDS.find((b) => b.name === 'PostgreSQL');

const SHOP = 'demo:blossom';
let wall = Date.now() - 60_000;
const tagPut = (mid: number, name: string): PushMutation => ({
  mid,
  name: 'tag.put',
  args: { shopId: SHOP, tagId: tagIdOf(SHOP, name), name, color: 'red' },
  hlc: formatHlc({ wall: wall++, counter: 0, node: 'c' }),
});
const ids = (reply: PullResponse) => reply.changes.map((c) => c.row.id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!postgres)(`concurrent pushes to one shop on PostgreSQL${postgres ? '' : ' (skipped: BUYERLENS_TEST_PG is not set)'}`, () => {
  let sql: Sql;
  let close: () => Promise<void>;
  let server: SyncServer;
  let owner: TeamMember;
  let seller: TeamMember;
  let reader: TeamMember;

  beforeAll(async () => {
    ({ sql, close } = await postgres!.open());
    server = await SyncServer.open(sql, { rateLimit: false });
  }, 60_000);
  afterAll(() => close());
  beforeEach(async () => {
    await truncateAll(sql);
    [owner, seller, reader] = (await team(server, ['seller', 'agent'])) as [TeamMember, TeamMember, TeamMember];
  });

  async function seqs(): Promise<number[]> {
    return (await sql.query<{ seq: number }>('select seq from records where shop_id = $1 order by seq', [SHOP])).rows.map((r) => Number(r.seq));
  }

  it('a push waits for the shop while another commits, and a pull meanwhile sees neither', async () => {
    await server.push(owner.member, { clientId: 'o', mutations: [tagPut(1, 'first')] });

    // The same pool, but a transaction that has done its work waits at a gate before COMMIT: a
    // push through it holds the shop's lock and its seq, uncommitted, until the gate opens.
    let holding = false;
    let reached!: () => void;
    let release!: () => void;
    const atGate = new Promise<void>((r) => (reached = r));
    const gate = new Promise<void>((r) => (release = r));
    const gated: Sql = {
      query: (text, params) => sql.query(text, params),
      transaction: (fn) =>
        sql.transaction(async (q: Query) => {
          const result = await fn(q);
          if (holding) {
            reached();
            await gate;
          }
          return result;
        }),
    };
    const slow = await SyncServer.open(gated, { rateLimit: false });
    holding = true;

    const a = slow.push(owner.member, { clientId: 'o', mutations: [tagPut(2, 'a')] });
    await atGate;
    let bDone = false;
    const b = server.push(seller.member, { clientId: 's', mutations: [tagPut(1, 'b')] }).then((reply) => ((bDone = true), reply));
    await sleep(300);
    expect(bDone, "the second push waits for the shop's lock").toBe(false);

    const during = await server.pull(reader.member, { clientId: 'r', cookie: null });
    expect(ids(during)).toEqual([tagIdOf(SHOP, 'first')]);
    expect(during.cookie).toEqual({ [SHOP]: 1 });

    release();
    expect(await a).toEqual({ lastMid: 2, rejected: [] });
    expect(await b).toEqual({ lastMid: 1, rejected: [] });
    const after = await server.pull(reader.member, { clientId: 'r', cookie: during.cookie });
    expect(ids(after)).toEqual([tagIdOf(SHOP, 'a'), tagIdOf(SHOP, 'b')]);
    expect(after.cookie).toEqual({ [SHOP]: 3 });
    expect(await seqs()).toEqual([1, 2, 3]);
  });

  it('two members pushing at once take every seq once, and pulls meanwhile skip none', async () => {
    const N = 15;
    const pushes = (who: TeamMember, clientId: string, prefix: string) =>
      (async () => {
        // One request per mutation: as many transactions as possible interleave with the other member's.
        for (let mid = 1; mid <= N; mid++) {
          expect(await server.push(who.member, { clientId, mutations: [tagPut(mid, `${prefix}${mid}`)] })).toEqual({ lastMid: mid, rejected: [] });
        }
      })();
    let writing = true;
    const writers = Promise.all([pushes(owner, 'o', 'o'), pushes(seller, 's', 's')]).finally(() => (writing = false));

    const seen: string[] = [];
    let cookie: Record<string, number> | null = null;
    let pulls = 0;
    const readOnce = async () => {
      const reply = await server.pull(reader.member, { clientId: 'r', cookie });
      const before = cookie?.[SHOP] ?? 0;
      const now = reply.cookie?.[SHOP] ?? 0;
      // Every tag is written once, so the changes are exactly the seqs between the two cookies:
      // one fewer would be a seq handed out past, never to be pulled again.
      expect(reply.changes.length, `pull ${pulls}: seqs ${before + 1}..${now}`).toBe(now - before);
      seen.push(...ids(reply));
      cookie = reply.cookie;
      pulls++;
    };
    while (writing) await readOnce();
    await writers;
    await readOnce();

    expect(await seqs()).toEqual(Array.from({ length: 2 * N }, (_, i) => i + 1));
    expect(seen).toHaveLength(2 * N);
    expect(new Set(seen)).toEqual(new Set(['o', 's'].flatMap((p) => Array.from({ length: N }, (_, i) => tagIdOf(SHOP, `${p}${i + 1}`)))));
    expect(pulls, 'pulls ran while the pushes did').toBeGreaterThan(2);
  });
});
