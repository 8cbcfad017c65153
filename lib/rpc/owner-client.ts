import type { RpcName } from './protocol';
import { PROTOCOL } from './protocol-all';
import { makeCaller } from './client';

export { RpcCallError, type Transport } from './client';

/** Call the background from an owner's page (options): every message, core and owner's. */
export const call = makeCaller<RpcName>(PROTOCOL);
