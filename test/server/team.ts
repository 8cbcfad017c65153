import { handle, type PlainResponse } from '@/server/http';
import type { Member } from '@/server/members';
import type { Sql } from '@/server/sql';
import type { SyncServer } from '@/server/sync-server';
import type { MemberAccess } from '@/lib/sync/protocol';
import type { Role } from '@/lib/sync/roles';

/** Every server table, emptied between tests (one statement: the foreign keys hold). */
export async function truncateAll(sql: Sql): Promise<void> {
  await sql.query('truncate records, shop_seq, clients, rejected, invites, members, shop_workspace, workspaces');
}

/** One request through the real HTTP handler, with a member's token when given. */
export function call(server: SyncServer, method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<PlainResponse> {
  return handle(server, {
    method,
    path,
    body: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

export interface TeamMember extends MemberAccess {
  /** As the server sees the member once its token is checked (for direct push/pull calls). */
  member: Member;
}

/** A workspace made over HTTP: its owner, then one joined member per role given (by invite). */
export async function team(server: SyncServer, roles: Role[] = ['seller', 'agent'], name = 'Blossom team'): Promise<TeamMember[]> {
  const created = await call(server, 'POST', '/v1/workspaces', { name, ownerName: 'Olga' });
  if (created.status !== 201) throw new Error(`creating a workspace answered ${created.status}: ${JSON.stringify(created.body)}`);
  const owner = created.body as MemberAccess;
  const accesses = [owner];
  for (const [i, role] of roles.entries()) {
    const invite = await call(server, 'POST', '/v1/invites', { role }, owner.token);
    if (invite.status !== 201) throw new Error(`inviting answered ${invite.status}: ${JSON.stringify(invite.body)}`);
    const joined = await call(server, 'POST', '/v1/join', { code: (invite.body as { code: string }).code, name: `${role} ${i + 1}` });
    if (joined.status !== 201) throw new Error(`joining answered ${joined.status}: ${JSON.stringify(joined.body)}`);
    accesses.push(joined.body as MemberAccess);
  }
  return Promise.all(accesses.map(async (a) => ({ ...a, member: await server.members.authenticate(a.token) })));
}
