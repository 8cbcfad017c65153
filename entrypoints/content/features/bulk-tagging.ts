import { observeBatches } from '@/lib/content/observe';
import type { BuyerSighting } from '@/lib/model/sighting';
import type { Feature } from '../feature';
import { safely } from '../mount-chips';

/** Select rows with the page's own checkboxes, then tag all their buyers at once. */
export const bulkTagging: Feature = {
  id: 'bulk-tagging',
  include: ['order-list'],
  init(ctx) {
    const list = ctx.adapter.orderList;
    if (!list) return;
    const doc = ctx.document;
    let scheduled = false;
    let shown = '0|'; // nothing selected: no bar

    const selectedRows = () =>
      [...doc.querySelectorAll(list.rowSelector)].filter((row) => safely(() => list.checkbox(row))?.checked === true);

    const recompute = () => {
      scheduled = false;
      if (ctx.signal.aborted) return;
      const rows = selectedRows();
      const buyers = new Map<string, BuyerSighting>();
      for (const row of rows) {
        const buyer = safely(() => list.extract(row))?.buyer;
        if (buyer) buyers.set(buyer.key, buyer);
      }
      // Every click lands here: re-render only when the selection really changed.
      const signature = `${rows.length}|${[...buyers.keys()].join('\n')}`;
      if (signature === shown) return;
      shown = signature;
      ctx.overlay.setBulk(
        rows.length
          ? {
              orders: rows.length,
              buyers: [...buyers.values()],
              // Untick through the page's own checkboxes so its state stays consistent.
              clear: () => selectedRows().forEach((row) => safely(() => list.checkbox(row))?.click()),
            }
          : undefined,
      );
    };
    // "Select all" often sets .checked in code, which fires no change event: recompute after clicks too.
    const schedule = () => {
      if (!scheduled) {
        scheduled = true;
        setTimeout(recompute, 0);
      }
    };
    doc.addEventListener('change', schedule, { capture: true, signal: ctx.signal });
    doc.addEventListener('click', schedule, { capture: true, signal: ctx.signal });
    // A new page of rows replaces the selection.
    observeBatches(list.rowSelector, schedule, { signal: ctx.signal });
    ctx.signal.addEventListener('abort', () => ctx.overlay.setBulk(undefined), { once: true });
  },
};
