import type { RpcHandlers } from '../rpc/server';
import { RpcError } from '../rpc/server';
import type { TeamRpcName } from '../rpc/protocol';
import type { Role, TeamAccount } from '../model/sync';
import { mayDo } from './roles';
import { InviteReply, MemberAccess, MembersReply, RevokeReply } from './protocol';
import { requestServer, SyncHttpError } from './http';
import { inviteLink, parseInvite, parseServerUrl, type ServerUrlProblem } from './server-url';
import type { StoredAccount, SyncEngine } from './engine';

export type TeamHandlers = Pick<RpcHandlers, TeamRpcName | 'sync.status' | 'sync.now' | 'sync.live'>;

export interface TeamDeps {
  readonly sync: SyncEngine;
  readonly message: (key: string, params?: Record<string, string | number>) => string;
}

/**
 * The Team tab's handlers: create or join a workspace on the team's server, invite, list and
 * revoke members, leave; and the sync state for the popup and options. Network calls happen
 * here, in the background, and nowhere near a Dexie transaction.
 */
export function teamHandlers({ sync, message }: TeamDeps): TeamHandlers {
  const fetch = sync.fetch;
  const serverOf = (input: string) => {
    const parsed = parseServerUrl(input);
    if (!parsed.ok) throw new RpcError('invalid', message(`team.errors.server.${parsed.problem}`));
    return parsed.url;
  };

  /** A failed request to the server as words a person can act on. */
  const explain = (err: unknown): never => {
    if (err instanceof SyncHttpError) {
      const known = err.reason && ['invite-unknown', 'invite-used', 'invite-expired', 'signup-closed', 'forbidden', 'revoked', 'last-owner', 'member-unknown'].includes(err.reason);
      const text = known ? message(`team.errors.reason.${err.reason}`) : message(`sync.error.${err.code}`);
      throw new RpcError(err.code === 'forbidden' ? 'forbidden' : 'invalid', `${text} (${err.detail})`);
    }
    throw err;
  };

  const public_ = ({ token: _token, ...account }: StoredAccount): TeamAccount => account;

  async function requireRole(action: 'members'): Promise<StoredAccount> {
    const account = await sync.readAccount();
    if (!account) throw new RpcError('invalid', message('team.errors.notInTeam'));
    if (!mayDo(account.role, action)) throw new RpcError('forbidden', message('team.errors.ownerOnly'));
    return account;
  }

  async function join(server: string, access: MemberAccess, workspaceName: string, memberName: string) {
    const account: StoredAccount = { server, workspaceId: access.workspaceId, workspaceName, memberId: access.memberId, memberName, role: access.role, token: access.token };
    await sync.connect(account);
    return public_(account);
  }

  return {
    async 'team.get'() {
      const account = await sync.readAccount();
      return { ...(account ? { account: public_(account) } : {}), status: await sync.status() };
    },

    async 'team.create'({ server: input, workspaceName, ownerName }) {
      const server = serverOf(input);
      const reply = await requestServer({ server, path: '/v1/workspaces', body: { name: workspaceName, ownerName }, fetch }).catch(explain);
      return join(server, MemberAccess.parse(reply), workspaceName, ownerName);
    },

    async 'team.join'({ invite, server: typed, name }) {
      const parsed = parseInvite(invite);
      if (!parsed.ok) {
        throw new RpcError('invalid', message(parsed.problem === 'no-code' ? 'team.errors.inviteMalformed' : `team.errors.server.${parsed.problem as ServerUrlProblem}`));
      }
      const server = parsed.server ?? (typed ? serverOf(typed) : undefined);
      if (!server) throw new RpcError('invalid', message('team.errors.server.empty'));
      const access = MemberAccess.parse(await requestServer({ server, path: '/v1/join', body: { code: parsed.code, name }, fetch }).catch(explain));
      // The workspace's name, for people: asked with the new token.
      const me = (await requestServer({ server, path: '/v1/me', method: 'GET', token: access.token, fetch }).catch(explain)) as { workspaceName?: unknown };
      return join(server, access, typeof me.workspaceName === 'string' ? me.workspaceName : '', name);
    },

    async 'team.invite'({ role, name }) {
      const account = await requireRole('members');
      const reply = InviteReply.parse(await sync.request('/v1/invites', { role, ...(name ? { name } : {}) }).catch(explain));
      return { code: reply.code, link: inviteLink(account.server, reply.code), expiresAt: reply.expiresAt };
    },

    async 'team.members'() {
      const account = await requireRole('members');
      const reply = MembersReply.parse(await sync.request('/v1/members', undefined, 'GET').catch(explain));
      return {
        members: reply.members.map((m) => ({
          memberId: m.memberId,
          name: m.name,
          role: m.role as Role,
          joinedAt: m.joinedAt,
          revoked: m.revoked,
          you: m.memberId === account.memberId,
        })),
      };
    },

    async 'team.revoke'({ memberId }) {
      const account = await requireRole('members');
      if (memberId === account.memberId) throw new RpcError('invalid', message('team.errors.revokeSelf'));
      const reply = RevokeReply.parse(await sync.request('/v1/members/revoke', { memberId }).catch(explain));
      return { memberId: reply.memberId };
    },

    async 'team.leave'() {
      return { pending: await sync.disconnect() };
    },

    async 'sync.status'() {
      return sync.status();
    },

    async 'sync.now'() {
      return sync.syncNow();
    },

    async 'sync.live'() {
      sync.live();
      return {};
    },
  };
}
