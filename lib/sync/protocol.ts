import * as z from 'zod/mini';
import { ROLES } from './roles';
import { SYNCED_TABLES } from './tables';

/**
 * The sync wire format (Replicache-style push/pull, see DESIGN.md "Sync"). Both ends validate
 * with these schemas: the server every request, the client every reply.
 */

const ClientId = z.string().check(z.minLength(1), z.maxLength(100));
const Mid = z.number().check(z.int(), z.minimum(1));
/** Upper bound per push: a client sends its outbox in chunks of at most this many. */
export const PUSH_MAX_MUTATIONS = 500;

export const PushMutation = z.object({
  mid: Mid,
  /** Checked against MUTATION_SCHEMAS on the server: an unknown name is a rejection, not a 400. */
  name: z.string().check(z.minLength(1), z.maxLength(60)),
  args: z.unknown(),
  hlc: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type PushMutation = z.infer<typeof PushMutation>;

export const PushRequest = z.object({
  clientId: ClientId,
  mutations: z.array(PushMutation).check(z.maxLength(PUSH_MAX_MUTATIONS)),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const Rejection = z.object({ mid: Mid, reason: z.string() });
export type Rejection = z.infer<typeof Rejection>;

export const PushResponse = z.object({
  /** The client's last mutation the server has dealt with (applied or rejected): 0 for none. */
  lastMid: z.number().check(z.int(), z.minimum(0)),
  /** Mutations of this request's range that were refused for good (they still count as dealt with). */
  rejected: z.array(Rejection),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** Per shop, the last change seq the client holds; null before the first pull. */
export const Cookie = z.nullable(z.record(z.string(), z.number().check(z.int(), z.minimum(0))));
export type Cookie = z.infer<typeof Cookie>;

export const PullRequest = z.object({
  clientId: ClientId,
  cookie: Cookie,
  /** This asks for the next page of a pull whose last reply said `more`. */
  continued: z.optional(z.boolean()),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const Change = z.object({
  table: z.enum(SYNCED_TABLES),
  row: z.looseObject({ id: z.string() }),
});
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  cookie: Cookie,
  lastMid: z.number().check(z.int(), z.minimum(0)),
  changes: z.array(Change),
  /** The server could not continue from the cookie: drop every synced record, keep the outbox. */
  reset: z.optional(z.boolean()),
  /** More changes follow: pull again (with `continued`) from the new cookie. */
  more: z.optional(z.boolean()),
});
export type PullResponse = z.infer<typeof PullResponse>;

/*
 * Workspaces and members (issue 6). A workspace is one team's customer book; each member holds a
 * bearer token (sent as `Authorization: Bearer …`) that the server keeps only as a hash.
 */

export const Role = z.enum(ROLES);
const PersonName = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const MemberId = z.string().check(z.minLength(1), z.maxLength(100));
const Time = z.number().check(z.int(), z.minimum(0));

/** `POST /v1/workspaces`: a new workspace and its owner. */
export const CreateWorkspaceRequest = z.object({ name: PersonName, ownerName: PersonName });
export type CreateWorkspaceRequest = z.infer<typeof CreateWorkspaceRequest>;

/** What creating a workspace or joining one answers: the member's token, shown this once. */
export const MemberAccess = z.object({ workspaceId: z.string(), memberId: MemberId, token: z.string(), role: Role });
export type MemberAccess = z.infer<typeof MemberAccess>;

/** `POST /v1/invites` (owner): a single-use code for one person with this role. */
export const InviteRequest = z.object({ role: Role, name: z.optional(PersonName) });
export type InviteRequest = z.infer<typeof InviteRequest>;

export const InviteReply = z.object({ code: z.string(), expiresAt: Time });
export type InviteReply = z.infer<typeof InviteReply>;

/** `POST /v1/join`: redeem an invite code. */
export const JoinRequest = z.object({ code: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)), name: PersonName });
export type JoinRequest = z.infer<typeof JoinRequest>;

export const MemberInfo = z.object({
  memberId: MemberId,
  name: z.string(),
  role: Role,
  joinedAt: Time,
  revoked: z.boolean(),
  revokedAt: z.optional(Time),
});
export type MemberInfo = z.infer<typeof MemberInfo>;

/** `GET /v1/members` (owner). */
export const MembersReply = z.object({ members: z.array(MemberInfo) });
export type MembersReply = z.infer<typeof MembersReply>;

/** `POST /v1/members/revoke` (owner): the member is refused from the next request on. */
export const RevokeRequest = z.object({ memberId: MemberId });
export type RevokeRequest = z.infer<typeof RevokeRequest>;

export const RevokeReply = z.object({ memberId: MemberId, revoked: z.literal(true) });
export type RevokeReply = z.infer<typeof RevokeReply>;

/** `GET /v1/me`: who the token belongs to. */
export const MeReply = z.object({ workspaceId: z.string(), workspaceName: z.string(), memberId: MemberId, name: z.string(), role: Role });
export type MeReply = z.infer<typeof MeReply>;

export const ErrorReply = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorReply = z.infer<typeof ErrorReply>;
