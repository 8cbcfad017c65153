import { BuyerLensDb } from '@/lib/db/database';
import { createService } from '@/lib/db/service';
import { isOwnerKey, ownerTranslator } from '@/lib/i18n/owner';
import type { ShopRef } from '@/lib/model/sighting';
import { dispatch, RpcError, type RpcHandlers } from '@/lib/rpc/server';
import type { RpcErrorCode, RpcInput, RpcName, RpcReply } from '@/lib/rpc/protocol';
import type { JobProgress } from '@/lib/rpc/protocol-owner';

let counter = 0;

/** A fresh database (fake-indexeddb) and the real background service over it. */
export function freshService(options: { now?: () => number; authorName?: string; progress?: (p: JobProgress) => void } = {}) {
  const db = new BuyerLensDb(`test-${Date.now()}-${counter++}`);
  const changes: string[] = [];
  const t = ownerTranslator('en');
  const handlers = createService({
    db,
    onChange: (shopId) => changes.push(shopId),
    authorName: async () => options.authorName ?? 'Ada',
    message: (key, params) => (isOwnerKey(key) ? t(key, params) : key),
    now: options.now,
    progress: options.progress,
  });
  // Calls go through the real dispatcher, so arguments are validated and normalised exactly
  // as they are for messages from a page.
  const service = new Proxy(handlers, {
    get: (_target, name: string) => async (args: unknown) => {
      const result = await dispatch(handlers, { rpc: name, args }, SELF, SELF.id);
      if (!result.ok) throw new RpcError(result.error.code as RpcErrorCode, result.error.message);
      return result.value;
    },
  }) as RpcHandlers;
  return { db, service, handlers, changes };
}

/** The service as a page calls it: request inputs (fields with defaults may be left out), no sender. */
export type ServiceCaller = { [N in RpcName]: (args: RpcInput<N>) => Promise<RpcReply<N>> };

/** freshService, typed for calls made the way the owner's pages make them. */
export function freshOwnerService(options: Parameters<typeof freshService>[0] = {}) {
  const fresh = freshService(options);
  return { ...fresh, service: fresh.service as unknown as ServiceCaller };
}

export const SHOP: ShopRef = { platform: 'demo', key: 'blossom', name: '花开小铺' };
export const SHOP_ID = 'demo:blossom';

export function order(orderId: string, nick: string, amountMinor: number, extra: Record<string, unknown> = {}) {
  return {
    orderId,
    buyer: { key: `nick:${nick}`, otherKeys: [], displayName: nick },
    placedAt: '2026-11-02T10:15:00+08:00',
    total: { amountMinor, currency: 'CNY' },
    status: 'paid',
    ...extra,
  };
}

export function buyer(nick: string, displayName = nick) {
  return { key: `nick:${nick}`, otherKeys: [], displayName };
}

/** The sender every test message claims: this extension. */
export const SELF = { id: 'self-extension-id' };
