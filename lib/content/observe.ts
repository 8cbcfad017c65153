/**
 * `observe(selector, callback, {signal})`: call back for every element matching the selector,
 * those present now and those the page adds later, each exactly once. One MutationObserver per
 * document serves every caller, and work is batched per animation frame, so a page that adds
 * 5,000 rows costs one pass, not 5,000 callbacks between layouts. No polling.
 */

export interface ObserveOptions {
  readonly signal: AbortSignal;
  /** Where to look; the document by default. */
  readonly root?: Document;
}

type BatchCallback = (elements: Element[]) => void;

interface Registration {
  readonly selector: string;
  readonly callback: BatchCallback;
  readonly seen: WeakSet<Element>;
}

interface DocumentWatch {
  readonly registrations: Set<Registration>;
  readonly observer: MutationObserver;
  pending: Element[];
  scheduled: boolean;
}

const watches = new WeakMap<Document, DocumentWatch>();

/** Batched form: the callback receives every newly matching element of one frame at once. */
export function observeBatches(selector: string, callback: BatchCallback, { signal, root = document }: ObserveOptions): void {
  if (signal.aborted) return;
  const watch = watchFor(root);
  const registration: Registration = { selector, callback, seen: new WeakSet() };
  watch.registrations.add(registration);
  signal.addEventListener(
    'abort',
    () => {
      watch.registrations.delete(registration);
      if (!watch.registrations.size) {
        watch.observer.disconnect();
        watches.delete(root);
      }
    },
    { once: true },
  );
  deliver(registration, [...root.querySelectorAll(selector)]);
}

/** Per-element form, for features that handle one element at a time. */
export function observe(selector: string, callback: (element: Element) => void, options: ObserveOptions): void {
  observeBatches(
    selector,
    (elements) => {
      // One bad element must not cost the rest of the batch: they are already marked seen.
      for (const element of elements) {
        try {
          callback(element);
        } catch (err) {
          console.error('[BuyerLens] observer callback failed', err);
        }
      }
    },
    options,
  );
}

function watchFor(root: Document): DocumentWatch {
  const existing = watches.get(root);
  if (existing) return existing;
  const watch: DocumentWatch = {
    registrations: new Set(),
    pending: [],
    scheduled: false,
    observer: new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node.nodeType === 1) watch.pending.push(node as Element);
      }
      if (watch.pending.length && !watch.scheduled) {
        watch.scheduled = true;
        nextFrame(root, () => flush(watch, root));
      }
    }),
  };
  watch.observer.observe(root.documentElement, { childList: true, subtree: true });
  watches.set(root, watch);
  return watch;
}

/** Past this many added nodes in a frame, one query over the document beats one per node. */
const WHOLE_DOCUMENT_THRESHOLD = 64;

function flush(watch: DocumentWatch, root: Document): void {
  watch.scheduled = false;
  const added = watch.pending;
  watch.pending = [];
  for (const registration of [...watch.registrations]) {
    if (added.length > WHOLE_DOCUMENT_THRESHOLD) {
      // A page that appends thousands of rows one by one: one native pass, `seen` filters.
      deliver(registration, [...root.querySelectorAll(registration.selector)]);
      continue;
    }
    const found: Element[] = [];
    for (const node of added) {
      if (!node.isConnected) continue;
      if (node.matches(registration.selector)) found.push(node);
      for (const inner of node.querySelectorAll(registration.selector)) found.push(inner);
    }
    deliver(registration, found);
  }
}

function deliver(registration: Registration, candidates: Element[]): void {
  const fresh: Element[] = [];
  for (const el of candidates) {
    if (registration.seen.has(el)) continue;
    registration.seen.add(el);
    fresh.push(el);
  }
  if (!fresh.length) return;
  try {
    registration.callback(fresh);
  } catch (err) {
    // A feature's bug must never break the page, nor the other features.
    console.error('[BuyerLens] observer callback failed', err);
  }
}

/** rAF batches with layout; hidden tabs get no frames, so fall back to a timer there. */
function nextFrame(root: Document, run: () => void): void {
  const win = root.defaultView;
  if (win && root.visibilityState !== 'hidden' && typeof win.requestAnimationFrame === 'function') {
    win.requestAnimationFrame(run);
  } else {
    setTimeout(run, 16);
  }
}
