import type { Feature } from '../feature';
import { annotateSubject } from '../mount-chips';

/** The order page records the order with its line items, and shows the buyer's tags. */
export const orderDetail: Feature = {
  id: 'order-detail',
  include: ['order-detail'],
  init(ctx) {
    const detail = ctx.adapter.orderDetail;
    if (!detail) return;
    annotateSubject(ctx, detail.rootSelector, (root) => {
      const order = detail.extract(root);
      const anchor = order && detail.chipAnchor(root);
      return order && anchor ? { buyer: order.buyer, order, anchor } : undefined;
    });
  },
};
