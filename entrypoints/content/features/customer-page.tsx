import { observe } from '@/lib/content/observe';
import type { Feature } from '../feature';
import { messageOf, mountBuyerChips, safely } from '../mount-chips';

/** On a customer's own admin page, their tags and stage sit beside their name. */
export const customerPage: Feature = {
  id: 'customer-page',
  include: ['customer'],
  init(ctx) {
    const page = ctx.adapter.customerPage;
    if (!page) return;
    const undo: (() => void)[] = [];
    observe(
      page.rootSelector,
      (root) => {
        ctx.counters.rows++;
        const buyer = safely(() => page.buyer(root, new URL(location.href)));
        const anchor = buyer && safely(() => page.chipAnchor(root));
        if (!buyer || !anchor) {
          ctx.counters.skipped++;
          return;
        }
        undo.push(mountBuyerChips(ctx, anchor, buyer));
        ctx.store.seen([], [buyer]).catch((err: unknown) => ctx.overlay.toast(messageOf(err, ctx.ui().t), 'bad'));
      },
      { signal: ctx.signal },
    );
    ctx.signal.addEventListener('abort', () => undo.forEach((u) => u()), { once: true });
  },
};
