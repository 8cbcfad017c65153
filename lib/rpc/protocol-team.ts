import * as z from 'zod/mini';
import { ROLES, TeamAccount } from '../model/sync';
import { SyncStatus } from '../model/sync';

/**
 * The team's messages (options page, Team tab): join or create a workspace on the team's own
 * server, invite, list and revoke members, leave. The background makes the network calls; the
 * bearer token never leaves it. Part of PROTOCOL (see protocol.ts); the same rules apply.
 */

const PersonName = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const Text = z.string().check(z.maxLength(2000));
const MemberId = z.string().check(z.minLength(1), z.maxLength(100));

export const TEAM_PROTOCOL = {
  /** This browser's membership (none when not in a team) and the sync state. */
  'team.get': {
    request: z.object({}),
    reply: z.object({ account: z.optional(TeamAccount), status: SyncStatus }),
  },
  /** Make a new workspace on the server with this browser's person as its owner; the local book is shared from now on. */
  'team.create': {
    request: z.object({ server: Text, workspaceName: PersonName, ownerName: PersonName }),
    reply: TeamAccount,
  },
  /** Join with an invite: a link (the server comes with it) or a code and the server's address. */
  'team.join': {
    request: z.object({ invite: Text, server: z.optional(Text), name: PersonName }),
    reply: TeamAccount,
  },
  /** Owner: a single-use invite for one person with this role. */
  'team.invite': {
    request: z.object({ role: z.enum(ROLES), name: z.optional(PersonName) }),
    reply: z.object({ code: z.string(), link: z.string(), expiresAt: z.number() }),
  },
  /** Owner: everyone who joined, revoked members too. */
  'team.members': {
    request: z.object({}),
    reply: z.object({
      members: z.array(
        z.object({ memberId: z.string(), name: z.string(), role: z.enum(ROLES), joinedAt: z.number(), revoked: z.boolean(), you: z.boolean() }),
      ),
    }),
  },
  /** Owner: refuse this member from their next request on. */
  'team.revoke': {
    request: z.object({ memberId: MemberId }),
    reply: z.object({ memberId: z.string() }),
  },
  /** Stop syncing on this browser. Local data stays; changes not yet sent stay waiting in the outbox. */
  'team.leave': {
    request: z.object({}),
    reply: z.object({ pending: z.number() }),
  },
} as const;
