import { observe } from '@/lib/content/observe';
import type { Feature } from '../feature';
import { messageOf, mountBuyerChips, safely } from '../mount-chips';

/** The order page records the order with its line items, and shows the buyer's tags. */
export const orderDetail: Feature = {
  id: 'order-detail',
  include: ['order-detail'],
  init(ctx) {
    const detail = ctx.adapter.orderDetail;
    if (!detail) return;
    const undo: (() => void)[] = [];
    observe(
      detail.rootSelector,
      (root) => {
        ctx.counters.rows++;
        const sighting = safely(() => detail.extract(root));
        const anchor = sighting && safely(() => detail.chipAnchor(root));
        if (!sighting || !anchor) {
          ctx.counters.skipped++;
          return;
        }
        undo.push(mountBuyerChips(ctx, anchor, sighting.buyer));
        ctx.store.seen([sighting]).catch((err: unknown) => ctx.overlay.toast(messageOf(err, ctx.ui().t), 'bad'));
      },
      { signal: ctx.signal },
    );
    ctx.signal.addEventListener('abort', () => undo.forEach((u) => u()), { once: true });
  },
};
