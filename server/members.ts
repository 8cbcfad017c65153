import { createHash, randomBytes } from 'node:crypto';
import type {
  CreateWorkspaceRequest,
  InviteReply,
  InviteRequest,
  JoinRequest,
  MeReply,
  MemberAccess,
  MemberInfo,
  MembersReply,
  RevokeReply,
  RevokeRequest,
} from '../lib/sync/protocol';
import { isRole, mayDo, type Role } from '../lib/sync/roles';
import { ApiError } from './errors';
import type { Query, Sql } from './sql';

/**
 * Workspaces, members, invites and bearer tokens (issue 6). Tokens and invite codes are random
 * (32 and 18 bytes) and stored only as SHA-256 hashes: a copy of the database lets no one in.
 * Every request looks its token up afresh, so a revoked member is refused from the next request on.
 */

/** The member a request's token belongs to. */
export interface Member {
  readonly id: string;
  readonly workspaceId: string;
  readonly role: Role;
  readonly name: string;
}

export const INVITE_TTL_MS = 7 * 24 * 3600_000;
/** Longer strings are no token of ours: refused before hashing. */
const TOKEN_MAX = 200;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
/** A bearer token: a recognisable prefix (secret scanners, logs) and 32 random bytes. */
export const newToken = () => `blt_${random(32)}`;
const newInviteCode = () => `bli_${random(18)}`;

type MemberRow = { id: string; workspace_id: string; role: string; name: string; revoked_at: string | number | null; joined_at: string | number };

export class MemberStore {
  constructor(
    private readonly sql: Sql,
    private readonly now: () => number,
  ) {}

  /** The member holding this token; 401 when there is none or it was revoked. */
  async authenticate(token: string | undefined): Promise<Member> {
    if (!token) throw new ApiError(401, 'unauthenticated', 'send the member token as "Authorization: Bearer <token>"');
    if (token.length > TOKEN_MAX) throw new ApiError(401, 'invalid-token', 'the token is not valid');
    const { rows } = await this.sql.query<MemberRow>(
      'select id, workspace_id, role, name, revoked_at, joined_at from members where token_hash = $1',
      [sha256(token)],
    );
    const row = rows[0];
    if (!row) throw new ApiError(401, 'invalid-token', 'the token is not valid');
    if (row.revoked_at !== null) throw new ApiError(401, 'revoked', 'this member was removed from the workspace');
    if (!isRole(row.role)) throw new Error(`member ${row.id} has an unknown role ${row.role}`);
    return { id: row.id, workspaceId: row.workspace_id, role: row.role, name: row.name };
  }

  /** A new workspace with its owner. Open to anyone who reaches the server unless the server closes it. */
  async createWorkspace({ name, ownerName }: CreateWorkspaceRequest): Promise<MemberAccess> {
    return this.sql.transaction(async (q) => {
      const workspaceId = `w_${random(12)}`;
      await q.query('insert into workspaces (id, name, created_at) values ($1, $2, $3)', [workspaceId, name, this.now()]);
      return this.addMember(q, workspaceId, ownerName, 'owner');
    });
  }

  private async addMember(q: Query, workspaceId: string, name: string, role: Role): Promise<MemberAccess> {
    const memberId = `m_${random(12)}`;
    const token = newToken();
    await q.query('insert into members (id, workspace_id, name, role, token_hash, joined_at) values ($1, $2, $3, $4, $5, $6)', [
      memberId,
      workspaceId,
      name,
      role,
      sha256(token),
      this.now(),
    ]);
    return { workspaceId, memberId, token, role };
  }

  async me(member: Member): Promise<MeReply> {
    const { rows } = await this.sql.query<{ name: string }>('select name from workspaces where id = $1', [member.workspaceId]);
    return { workspaceId: member.workspaceId, workspaceName: rows[0]?.name ?? '', memberId: member.id, name: member.name, role: member.role };
  }

  /** A single-use code for one person, valid for 7 days (owner only). */
  async invite(member: Member, { role, name }: InviteRequest): Promise<InviteReply> {
    ownerOnly(member);
    const code = newInviteCode();
    const now = this.now();
    const expiresAt = now + INVITE_TTL_MS;
    await this.sql.query(
      'insert into invites (code_hash, workspace_id, role, name, created_by, created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7)',
      [sha256(code), member.workspaceId, role, name ?? null, member.id, now, expiresAt],
    );
    return { code, expiresAt };
  }

  /** Redeem an invite: the code is spent in the same transaction that makes the member. */
  async join({ code, name }: JoinRequest): Promise<MemberAccess> {
    return this.sql.transaction(async (q) => {
      const now = this.now();
      const { rows } = await q.query<{ workspace_id: string; role: string; used_at: unknown; expires_at: string | number }>(
        'select workspace_id, role, used_at, expires_at from invites where code_hash = $1 for update',
        [sha256(code)],
      );
      const invite = rows[0];
      if (!invite) throw new ApiError(404, 'invite-unknown', 'no such invite: check the code, or ask the owner for a new one');
      if (invite.used_at !== null) throw new ApiError(409, 'invite-used', 'this invite was used already: ask the owner for a new one');
      if (Number(invite.expires_at) <= now) throw new ApiError(410, 'invite-expired', 'this invite has expired: ask the owner for a new one');
      if (!isRole(invite.role)) throw new Error(`invite with an unknown role ${invite.role}`);
      const access = await this.addMember(q, invite.workspace_id, name, invite.role);
      await q.query('update invites set used_at = $2, used_by = $3 where code_hash = $1', [sha256(code), now, access.memberId]);
      return access;
    });
  }

  async members(member: Member): Promise<MembersReply> {
    ownerOnly(member);
    const { rows } = await this.sql.query<MemberRow>(
      // Oldest first; owners first among members who joined at the same moment.
      `select id, workspace_id, role, name, revoked_at, joined_at from members where workspace_id = $1
       order by joined_at, role <> 'owner', name, id`,
      [member.workspaceId],
    );
    return {
      members: rows.map((r): MemberInfo => {
        const info: MemberInfo = { memberId: r.id, name: r.name, role: r.role as Role, joinedAt: Number(r.joined_at), revoked: r.revoked_at !== null };
        if (r.revoked_at !== null) info.revokedAt = Number(r.revoked_at);
        return info;
      }),
    };
  }

  /** Revoke a member of the owner's workspace: refused from the next request on. The last owner stays. */
  async revoke(member: Member, { memberId }: RevokeRequest): Promise<RevokeReply> {
    ownerOnly(member);
    return this.sql.transaction(async (q) => {
      // Owners of the workspace, locked: two owners revoking each other cannot leave none.
      const { rows } = await q.query<{ id: string; role: string; revoked_at: unknown }>(
        'select id, role, revoked_at from members where workspace_id = $1 order by id for update',
        [member.workspaceId],
      );
      const target = rows.find((r) => r.id === memberId);
      if (!target) throw new ApiError(404, 'member-unknown', 'no such member in this workspace');
      if (target.revoked_at !== null) return { memberId, revoked: true };
      const owners = rows.filter((r) => r.role === 'owner' && r.revoked_at === null);
      if (target.role === 'owner' && owners.length <= 1) {
        throw new ApiError(409, 'last-owner', 'the last owner cannot be revoked: make another member owner first');
      }
      await q.query('update members set revoked_at = $2 where id = $1', [memberId, this.now()]);
      return { memberId, revoked: true };
    });
  }

  /**
   * Bind the client id to the member on its first use; a client id another member uses is refused
   * (one browser profile syncs as one member).
   */
  async bindClient(member: Member, clientId: string): Promise<void> {
    const { rows } = await this.sql.query<{ member_id: string | null }>('select member_id from clients where client_id = $1', [clientId]);
    let owner = rows[0]?.member_id;
    if (!owner) {
      const bound = await this.sql.query<{ member_id: string }>(
        `insert into clients (client_id, last_mid, member_id) values ($1, 0, $2)
         on conflict (client_id) do update set member_id = coalesce(clients.member_id, excluded.member_id) returning member_id`,
        [clientId, member.id],
      );
      owner = bound.rows[0]!.member_id;
    }
    if (owner !== member.id) throw new ApiError(403, 'client-of-another-member', 'this client id belongs to another member: sign in again to get a new one');
  }
}

function ownerOnly(member: Member) {
  if (!mayDo(member.role, 'members')) throw new ApiError(403, 'forbidden', 'only an owner manages members');
}
