import { CORE_PROTOCOL, type Protocol, type RpcName } from './protocol';
import { OWNER_PROTOCOL } from './protocol-owner';
import { TEAM_PROTOCOL } from './protocol-team';

/** Every message with its schemas: for the background (which serves them all) and the owner's pages. */
export const PROTOCOL: Protocol = { ...CORE_PROTOCOL, ...OWNER_PROTOCOL, ...TEAM_PROTOCOL };

export const RPC_NAMES = Object.keys(PROTOCOL) as RpcName[];
