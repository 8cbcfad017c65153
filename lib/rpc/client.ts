import { browser } from 'wxt/browser';
import { CORE_PROTOCOL, RpcResultEnvelope, type CoreRpcName, type Protocol, type RpcErrorCode, type RpcInput, type RpcName, type RpcReply } from './protocol';

/** A request the background refused or could not carry out, with a message a person can act on. */
export class RpcCallError extends Error {
  constructor(
    readonly code: RpcErrorCode | 'unreachable' | 'bad-reply',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RpcCallError';
  }
}

export type Transport = (message: { rpc: string; args: unknown }) => Promise<unknown>;

const runtimeTransport: Transport = (message) => browser.runtime.sendMessage(message);

/**
 * A caller over a table of schemas: it can send only the messages whose reply it can check.
 * Content scripts and the popup use `call` (the core table); the owner's pages use owner-client.
 */
export function makeCaller<K extends RpcName>(table: Pick<Protocol, K>) {
  return <N extends K>(name: N, args: RpcInput<N>, transport: Transport = runtimeTransport): Promise<RpcReply<N>> =>
    send(table as Pick<Protocol, N>, name, args, transport);
}

/** Call the background with a core message. */
export const call = makeCaller<CoreRpcName>(CORE_PROTOCOL);

/** Replies are validated too: a context trusts nothing it did not check. */
async function send<N extends RpcName>(table: Pick<Protocol, N>, name: N, args: RpcInput<N>, transport: Transport): Promise<RpcReply<N>> {
  let raw: unknown;
  try {
    raw = await transport({ rpc: name, args });
  } catch (err) {
    // Usually the extension was updated or reloaded under an open page: say what to do
    // (an i18n key the UI translates); the browser's own words stay in `cause`.
    throw new RpcCallError('unreachable', 'error.unreachable', { cause: err });
  }
  const envelope = RpcResultEnvelope.safeParse(raw);
  if (!envelope.success) throw new RpcCallError('bad-reply', `The background sent an unreadable reply to ${name}.`);
  if (!envelope.data.ok) throw new RpcCallError(envelope.data.error.code as RpcErrorCode, envelope.data.error.message);
  const value = (table[name].reply as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(envelope.data.value);
  if (!value.success) throw new RpcCallError('bad-reply', `The background's reply to ${name} did not match its schema.`);
  return value.data as RpcReply<N>;
}
