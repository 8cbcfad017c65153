import * as z from 'zod/mini';

/**
 * What the extension shows of team sync (popup, options). Pure schemas: content scripts and the
 * popup may import them; nothing here touches the network or the database.
 */

/** A member's role in a team's workspace; what each may do is lib/sync/roles.ts. */
export const ROLES = ['owner', 'seller', 'agent'] as const;
export type Role = (typeof ROLES)[number];

const Time = z.number().check(z.int(), z.minimum(0));
const Count = z.number().check(z.int(), z.minimum(0));

/**
 * - off: this browser is in no team (everything stays local);
 * - syncing: a round is running now;
 * - waiting: local changes not yet on the server (and no error);
 * - up-to-date: nothing waiting, the last round succeeded;
 * - error: the last round failed; it is retried at `nextRetryAt` (or now, by hand);
 * - revoked: the server no longer accepts this member; nothing is sent until joining again.
 */
export const SYNC_STATES = ['off', 'syncing', 'waiting', 'up-to-date', 'error', 'revoked'] as const;
export const SyncState = z.enum(SYNC_STATES);
export type SyncState = z.infer<typeof SyncState>;

/**
 * Why the last round failed, for people: the UI translates `code` (`sync.error.<code>`) and shows
 * `detail` (the server's or the browser's own words) beside it.
 */
export const SYNC_ERROR_CODES = ['offline', 'server', 'rate-limited', 'revoked', 'forbidden', 'bad-reply', 'invalid'] as const;
export const SyncErrorCode = z.enum(SYNC_ERROR_CODES);
export type SyncErrorCode = z.infer<typeof SyncErrorCode>;

export const SyncStatus = z.object({
  state: SyncState,
  /** Local changes the server has not acknowledged yet. */
  pending: Count,
  lastSyncedAt: z.optional(Time),
  error: z.optional(z.object({ code: SyncErrorCode, detail: z.string() })),
  nextRetryAt: z.optional(Time),
  /** Changes the server refused for good (kept for people to see), newest last. */
  rejected: z.array(z.object({ mid: Count, reason: z.string() })),
  workspaceName: z.optional(z.string()),
  memberName: z.optional(z.string()),
  role: z.optional(z.enum(ROLES)),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** This browser's membership, as shown to people (the token never leaves the background). */
export const TeamAccount = z.object({
  server: z.string(),
  workspaceId: z.string(),
  workspaceName: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  role: z.enum(ROLES),
});
export type TeamAccount = z.infer<typeof TeamAccount>;
