import { observeBatches } from '@/lib/content/observe';
import type { OrderSighting } from '@/lib/model/sighting';
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
        for (const row of rows) {
          ctx.counters.rows++;
          const sighting = safely(() => list.extract(row));
          const anchor = sighting && safely(() => list.chipAnchor(row));
          if (!sighting || !anchor) {
            ctx.counters.skipped++; // unreadable rows get no badge, never a wrong one
            continue;
          }
          undo.push(mountBuyerChips(ctx, anchor, sighting.buyer));
          sightings.push(sighting);
        }
        ctx.store.seen(sightings).catch((err: unknown) => ctx.overlay.toast(messageOf(err, ctx.ui().t), 'bad'));
      },
      { signal: ctx.signal },
    );
    ctx.signal.addEventListener('abort', () => undo.forEach((u) => u()), { once: true });
  },
};
