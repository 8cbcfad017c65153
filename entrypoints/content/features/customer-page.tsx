import type { Feature } from '../feature';
import { annotateSubject } from '../mount-chips';

/** On a customer's own admin page, their tags and stage sit beside their name. */
export const customerPage: Feature = {
  id: 'customer-page',
  include: ['customer'],
  init(ctx) {
    const page = ctx.adapter.customerPage;
    if (!page) return;
    annotateSubject(ctx, page.rootSelector, (root) => {
      const buyer = page.buyer(root, new URL(location.href));
      const anchor = buyer && page.chipAnchor(root);
      return buyer && anchor ? { buyer, anchor } : undefined;
    });
  },
};
