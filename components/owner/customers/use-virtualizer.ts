import { useLayoutEffect, useReducer, useState } from 'preact/hooks';
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type Rect } from '@tanstack/virtual-core';

export interface VirtualListOptions {
  readonly count: number;
  readonly getScrollElement: () => HTMLElement | null;
  readonly rowHeight: number;
  /** Rows above the list inside the scroll element (a sticky header), in px. */
  readonly scrollMargin?: number;
  readonly overscan?: number;
}

/** Before layout (and where there is none, as in tests) assume a viewport of this size. */
const FALLBACK_RECT: Rect = { width: 1000, height: 520 };

/**
 * @tanstack/virtual-core wired to Preact, as its React adapter does: the virtualizer lives as
 * long as the component, takes fresh options at every render, and asks for a render when the
 * scroll position or the viewport changes. Rows have one fixed height: no measuring per row,
 * so scrolling 100,000 rows costs the same as scrolling 100.
 */
export function useVirtualList(options: VirtualListOptions): Virtualizer<HTMLElement, HTMLElement> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved = {
    count: options.count,
    getScrollElement: options.getScrollElement,
    estimateSize: () => options.rowHeight,
    scrollMargin: options.scrollMargin ?? 0,
    overscan: options.overscan ?? 8,
    initialRect: FALLBACK_RECT,
    scrollToFn: elementScroll,
    observeElementOffset,
    // A viewport measured at 0 px (not laid out yet, hidden) would render no rows at all.
    observeElementRect: (instance: Virtualizer<HTMLElement, HTMLElement>, cb: (rect: Rect) => void) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT)),
    onChange: () => rerender(0),
  };
  const [virtualizer] = useState(() => new Virtualizer<HTMLElement, HTMLElement>(resolved));
  virtualizer.setOptions(resolved);
  useLayoutEffect(() => virtualizer._didMount(), []);
  useLayoutEffect(() => virtualizer._willUpdate());
  return virtualizer;
}
