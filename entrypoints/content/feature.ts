import type { OverlayUi } from '@/components/ContentOverlay';
import type { Ui } from '@/components/ui-context';
import type { ShadowMode } from '@/lib/content/shadow-host';
import type { ShopStore } from '@/lib/content/store';
import type { PageKind, SiteAdapter } from '@/lib/sites/types';

/** Counters the popup reads: what this page recognised. */
export interface PageCounters {
  /** Row elements looked at, and those that could not be read. */
  rows: number;
  skipped: number;
  /** Buyer keys per annotated element, so the count follows rows the page removes. */
  readonly buyers: Map<Element, string>;
}

/** Everything a feature gets. It must undo all it did when `signal` aborts. */
export interface FeatureContext {
  readonly document: Document;
  readonly adapter: SiteAdapter;
  readonly kind: PageKind;
  readonly store: ShopStore;
  readonly overlay: OverlayUi;
  readonly ui: () => Ui;
  readonly shadowMode: ShadowMode;
  readonly counters: PageCounters;
  readonly signal: AbortSignal;
}

export interface Feature {
  readonly id: string;
  /** The page kinds it runs on. */
  readonly include: readonly PageKind[];
  init(ctx: FeatureContext): void;
}
