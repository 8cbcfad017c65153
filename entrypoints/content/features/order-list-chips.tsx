import { observeBatches } from '@/lib/content/observe';
import type { BuyerSighting, OrderSighting } from '@/lib/model/sighting';
import type { Feature } from '../feature';
import { messageOf, mountBuyerChips, safely } from '../mount-chips';

/** Sellers see each buyer's tags beside their name on the order list, and tag with "+". */
export const orderListChips: Feature = {
  id: 'order-list-chips',
  include: ['order-list'],
  init(ctx) {
    const list = ctx.adapter.orderList;
    if (!list) return;
    const undo: (() => void)[] = [];
    observeBatches(
      list.rowSelector,
      (rows) => {
        const sightings: OrderSighting[] = [];
        const buyers: BuyerSighting[] = [];
        for (const row of rows) {
          ctx.counters.rows++;
          const sighting = safely(() => list.extract(row));
          // A taught page may show buyers without order ids: chips, but no purchase recorded.
          const buyer = sighting?.buyer ?? (list.buyerOnly && safely(() => list.buyerOnly!(row)));
          const anchor = buyer && safely(() => list.chipAnchor(row));
          if (!buyer || !anchor) {
            ctx.counters.skipped++; // unreadable rows get no badge, never a wrong one
            continue;
          }
          undo.push(mountBuyerChips(ctx, anchor, buyer));
          if (sighting) sightings.push(sighting);
          else buyers.push(buyer);
        }
        ctx.store.seen(sightings, buyers).catch((err: unknown) => ctx.overlay.toast(messageOf(err, ctx.ui().t), 'bad'));
      },
      { signal: ctx.signal },
    );
    ctx.signal.addEventListener('abort', () => undo.forEach((u) => u()), { once: true });
  },
};
