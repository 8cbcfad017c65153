import type * as z from 'zod/mini';
import { RpcMessage, type RpcErrorCode, type RpcName, type RpcReply, type RpcRequest, type RpcResult } from './protocol';
import { PROTOCOL } from './protocol-all';

/** One handler per message: the background's service, as a map (Bitwarden style). */
export type RpcHandlers = { [N in RpcName]: (args: RpcRequest<N>, sender: RpcSender) => Promise<RpcReply<N>> };

/** What we know of who sent a message. */
export interface RpcSender {
  /** The sending extension's id; must be ours. */
  readonly id?: string;
  /** Set when a content script in a tab sent it. */
  readonly tabId?: number;
}

/** A failure the handler means to report (not a crash). */
export class RpcError extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Validate and dispatch one message. Pure apart from the handlers it calls: it never throws,
 * and an invalid message reaches no handler.
 */
export async function dispatch(
  handlers: RpcHandlers,
  message: unknown,
  sender: RpcSender,
  ownId: string,
  describe: (issues: z.core.$ZodIssue[]) => string = defaultDescribe,
): Promise<RpcResult<unknown>> {
  if (sender.id !== ownId) return fail('forbidden', 'Messages are accepted only from BuyerLens itself.');
  const envelope = RpcMessage.safeParse(message);
  if (!envelope.success) return fail('invalid', 'A message must look like { rpc, args }.');
  const name = envelope.data.rpc;
  if (!Object.hasOwn(PROTOCOL, name)) return fail('unknown-rpc', `Unknown request "${name}".`);
  const spec = PROTOCOL[name as RpcName];
  const args = spec.request.safeParse(envelope.data.args);
  if (!args.success) return fail('invalid', describe(args.error.issues));
  try {
    const handler = handlers[name as RpcName] as (a: unknown, s: RpcSender) => Promise<unknown>;
    return { ok: true, value: await handler(args.data, sender) };
  } catch (err) {
    if (err instanceof RpcError) return fail(err.code, err.message);
    console.error(`[BuyerLens] ${name} failed`, err);
    return fail('internal', err instanceof Error ? err.message : String(err));
  }
}

function fail(code: RpcErrorCode, message: string): RpcResult<never> {
  return { ok: false, error: { code, message } };
}

function defaultDescribe(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
