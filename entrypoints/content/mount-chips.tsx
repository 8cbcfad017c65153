import { errorText, errorText as messageOf } from '@/components/error-text';
import { RowChips } from '@/components/RowChips';
import { CHIPS_ROOT_CSS } from '@/components/styles';
import { createShadowHost } from '@/lib/content/shadow-host';
import { observe } from '@/lib/content/observe';
import type { BuyerSighting, OrderSighting } from '@/lib/model/sighting';
import type { TagView } from '@/lib/model/views';
import type { FeatureContext } from './feature';

/**
 * Put a buyer's chips right after `anchor`. Returns the undo. The chips are a portal of the
 * page's one Preact root, so thousands of rows cost one render pass.
 */
export function mountBuyerChips(ctx: FeatureContext, anchor: Element, buyer: BuyerSighting): () => void {
  const { store, overlay } = ctx;
  const { host, root } = createShadowHost(ctx.document, 'buyerlens-chips', ctx.shadowMode, CHIPS_ROOT_CSS);
  anchor.after(host);
  ctx.counters.buyers.set(host, buyer.key);
  const customerId = store.customerIdOf(buyer);
  // Handlers made once per row, so a re-render of the page's rows allocates nothing per row.
  const onOpenEditor = (button: HTMLElement) =>
    overlay.openEditor({
      anchor: button,
      mode: 'single',
      title: ctx.ui().t('editor.label', { name: buyer.displayName }),
      buyers: [buyer],
    });
  const onRemove = (tag: TagView) =>
    void store.removeTag(tag.id, [customerId]).catch((err: unknown) => overlay.toast(messageOf(err, ctx.ui().t), 'bad'));
  const tags = () => store.tagsOf(customerId);
  const marker = () => store.markerOf(customerId);
  const removePortal = overlay.addPortal(root, () => (
    <RowChips
      rowKey={store.rowKey(customerId)}
      marker={marker}
      tags={tags}
      buyerName={buyer.displayName}
      onOpenEditor={onOpenEditor}
      onRemove={onRemove}
    />
  ));
  return () => {
    removePortal();
    host.remove();
    ctx.counters.buyers.delete(host);
  };
}

/** An error as a person reads it (re-exported for the features). */
export { errorText as messageOf };

/** Run page-reading code that may throw on markup we did not expect; undefined instead. */
export function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** What a single-subject page (an order, a customer) says about its buyer. */
export interface PageSubject {
  readonly buyer: BuyerSighting;
  readonly order?: OrderSighting;
  readonly anchor: Element;
}

/**
 * For pages about one order or one customer: each time the page renders its subject, read it,
 * put the buyer's chips beside it and record what was seen. Unreadable subjects are counted.
 */
export function annotateSubject(ctx: FeatureContext, rootSelector: string, read: (root: Element) => PageSubject | undefined): void {
  const undo: (() => void)[] = [];
  observe(
    rootSelector,
    (root) => {
      ctx.counters.rows++;
      const subject = safely(() => read(root));
      if (!subject) {
        ctx.counters.skipped++;
        return;
      }
      undo.push(mountBuyerChips(ctx, subject.anchor, subject.buyer));
      const seen = subject.order ? ctx.store.seen([subject.order]) : ctx.store.seen([], [subject.buyer]);
      seen.catch((err: unknown) => ctx.overlay.toast(messageOf(err, ctx.ui().t), 'bad'));
    },
    { signal: ctx.signal },
  );
  ctx.signal.addEventListener('abort', () => undo.forEach((u) => u()), { once: true });
}
