import type { RpcReply } from '@/lib/rpc/protocol';

/** A shop as the options page lists it (shops.list). */
export type ShopSummary = RpcReply<'shops.list'>[number];
