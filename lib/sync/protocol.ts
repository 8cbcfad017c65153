import * as z from 'zod/mini';
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

export const PullRequest = z.object({ clientId: ClientId, cookie: Cookie });
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
});
export type PullResponse = z.infer<typeof PullResponse>;

export const ErrorReply = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorReply = z.infer<typeof ErrorReply>;
