import { BuyerLensDb } from '@/lib/db/database';
import { createService } from '@/lib/db/service';
import { ownerTranslator, isOwnerKey } from '@/lib/i18n/owner';
import { dispatch, RpcError } from '@/lib/rpc/server';
import type { RpcErrorCode, RpcInput, RpcName, RpcReply } from '@/lib/rpc/protocol';
import { SELF, SHOP, buyer, order } from './helpers';

let counter = 0;

/** The service as a page calls it: arguments before their defaults are filled in. */
export type OwnerCalls = { [N in RpcName]: (args: RpcInput<N>, sender?: unknown) => Promise<RpcReply<N>> };

/**
 * The real background service over a fresh database, speaking the owner vocabulary (as the
 * background does), driven through the real dispatcher so arguments are validated.
 */
export function ownerService(options: { now?: () => number; language?: 'en' | 'zh-CN' } = {}) {
  const db = new BuyerLensDb(`lists-${Date.now()}-${counter++}`);
  const t = ownerTranslator(options.language ?? 'en');
  const handlers = createService({
    db,
    onChange: () => {},
    authorName: async () => 'Ada',
    message: (key, params) => (isOwnerKey(key) ? t(key, params) : key),
    now: options.now,
  });
  const service = new Proxy(handlers, {
    get: (_target, name: string) => async (args: unknown) => {
      const result = await dispatch(handlers, { rpc: name, args }, SELF, SELF.id);
      if (!result.ok) throw new RpcError(result.error.code as RpcErrorCode, result.error.message);
      return result.value;
    },
  }) as unknown as OwnerCalls;
  return { db, service };
}

/** Tests' "today": 2026-12-01 00:00 UTC. */
export const NOW = Date.parse('2026-12-01T00:00:00Z');

/**
 * A small shop whose figures are worked out by hand (amounts in fen):
 * - Zed: one order 800.00 on 2026-11-20
 * - 张三: 300.00 on 2026-11-02 and 200.00 on 2026-10-01 (500.00 in all, 2 orders)
 * - Alice: one order 500.00 on 2026-06-15 (ties 张三 on amount)
 * - Bob: one cancelled order (2026-11-05): no counted order, a prospect
 * - 李四: seen on a page, never ordered
 */
export async function seedShop(service: OwnerCalls, options: { withUsdBuyer?: boolean } = {}) {
  const at = (day: string) => ({ placedAt: `${day}T10:15:00+08:00` });
  const orders = [
    order('Z1', 'Zed', 80_000, at('2026-11-20')),
    order('A1', '张三', 30_000, at('2026-11-02')),
    order('A2', '张三', 20_000, at('2026-10-01')),
    order('B1', 'Alice', 50_000, at('2026-06-15')),
    order('C1', 'Bob', 10_000, { ...at('2026-11-05'), status: 'cancelled' }),
  ];
  if (options.withUsdBuyer) orders.push(order('Y1', 'Yuki', 9_999, { ...at('2026-11-25'), total: { amountMinor: 9_999, currency: 'USD' } }));
  await service['page.seen']({ shop: SHOP, orders, buyers: [buyer('李四')] }, {});
}
