import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ContentOverlay, OverlayUi } from '@/components/ContentOverlay';
import { UI_CSS } from '@/components/styles';
import type { Ui } from '@/components/ui-context';
import { extensionDrafts } from '@/lib/content/drafts';
import { createShadowHost, type ShadowMode } from '@/lib/content/shadow-host';
import { PageStatus, StatusRequest } from '@/lib/content/status';
import type { SiteRecipe } from '@/lib/model/recipe';
import { recipeAdapter } from '@/lib/sites/recipe/adapter';
import { ShopStore } from '@/lib/content/store';
import { defaultTagColor } from '@/lib/model/tag-color';
import { resolveLanguage, translator } from '@/lib/i18n';
import { call } from '@/lib/rpc/client';
import { watchChanges } from '@/lib/rpc/live';
import { keepFresh } from '@/lib/content/keep-fresh';
import { readInspectableUi, readSettings, watchSettings, type Settings } from '@/lib/settings';
import { ADAPTERS, matchPage, type PageMatch } from '@/lib/sites';
import type { FeatureContext, PageCounters } from './feature';
import { FEATURES } from './features';

/** A page session: one shop, one overlay, one store, for as long as the page stays on that shop. */
interface ShopSession {
  readonly store: ShopStore;
  readonly overlay: OverlayUi;
  readonly host: HTMLElement;
  readonly controller: AbortController;
}

/**
 * The content script: find the site adapter for this URL, run the features for its page kind,
 * and run them again when a single-page app navigates. Everything it adds goes when it stops.
 */
export async function startContent(ctx: ContentScriptContext): Promise<void> {
  const [inspectable, initialSettings] = await Promise.all([readInspectableUi(), readSettings(), domParsed()]);
  const shadowMode: ShadowMode = inspectable ? 'open' : 'closed';
  let settings: Settings = initialSettings;
  let ui = makeUi(settings);
  let shop: ShopSession | undefined;
  let page: { match: PageMatch; shopId: string; controller: AbortController } | undefined;
  let counters: PageCounters = { rows: 0, skipped: 0, buyers: new Map() };
  let recipes: SiteRecipe[] = [];

  /** Built-in sites the user has not switched off, then the sites taught by recipes. */
  const adapters = () => [
    ...ADAPTERS.filter((a) => !settings.disabledSites.includes(a.id)),
    ...recipes.map(recipeAdapter),
  ];

  /** Recipes matter only where no built-in site knows the page: ask the background then. */
  async function loadRecipes(url: URL): Promise<void> {
    if (matchPage(url, ADAPTERS)) return;
    recipes = await call('recipes.list', {}).catch(() => []);
  }

  watchSettings((next) => {
    const sitesChanged = next.disabledSites.join() !== settings.disabledSites.join();
    settings = next;
    ui = makeUi(settings);
    if (sitesChanged) runPage(new URL(location.href), true);
    else if (shop) renderOverlay(shop);
  }, ctx.signal);

  function renderOverlay(s: ShopSession) {
    render(<ContentOverlay overlay={s.overlay} ui={ui} />, shadowRootOf(s.host));
  }

  function openShop(match: PageMatch, url: URL): ShopSession | undefined {
    const ref = match.adapter.shop(url, document);
    if (!ref) return undefined;
    if (shop && shop.store.shop.platform === ref.platform && shop.store.shop.key === ref.key) return shop;
    const store = new ShopStore(ref, call);
    closeShop();
    const controller = new AbortController();
    const overlay = new OverlayUi(store, defaultTagColor);
    const { host, root } = createShadowHost(document, 'buyerlens-overlay', shadowMode, UI_CSS);
    host.setAttribute('style', 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;');
    rootByHost.set(host, root);
    // Outside <body>: single-page apps that re-render the body leave us alone.
    document.documentElement.append(host);
    watchChanges(store.shopId, () => void store.changedElsewhere().catch(() => {}), controller.signal);
    // The team's changes reach this page within seconds while it is visible.
    keepFresh(call, controller.signal);
    shop = { store, overlay, host, controller };
    renderOverlay(shop);
    return shop;
  }

  function closeShop() {
    if (!shop) return;
    shop.controller.abort();
    render(null, shadowRootOf(shop.host));
    shop.host.remove();
    shop = undefined;
  }

  function runPage(url: URL, restart = false) {
    const match = matchPage(url, adapters());
    const session = match && openShop(match, url);
    // Same page kind of the same shop (pagination, another chat): the features' observers
    // already follow the page's new rows; restarting would only make the chips flicker.
    if (!restart && page && match && session && page.match.adapter.id === match.adapter.id && page.match.kind === match.kind && page.shopId === session.store.shopId) {
      return;
    }
    page?.controller.abort();
    page = undefined;
    counters = { rows: 0, skipped: 0, buyers: new Map() };
    if (!match || !session) {
      closeShop();
      return;
    }
    session.overlay.closeEditor();
    const controller = new AbortController();
    page = { match, shopId: session.store.shopId, controller };
    const featureContext: FeatureContext = {
      document,
      adapter: match.adapter,
      kind: match.kind,
      store: session.store,
      overlay: session.overlay,
      ui: () => ui,
      shadowMode,
      counters,
      signal: controller.signal,
    };
    for (const feature of FEATURES) {
      if (!feature.include.includes(match.kind)) continue;
      try {
        feature.init(featureContext);
      } catch (err) {
        console.error(`[BuyerLens] feature ${feature.id} failed`, err);
      }
    }
  }

  function status(): PageStatus {
    const live = new Set<string>();
    for (const [el, key] of counters.buyers) if (el.isConnected) live.add(key);
    return {
      site: page?.match.adapter.id,
      siteName: page?.match.adapter.name,
      pageKind: page?.match.kind,
      shopName: shop?.store.shop.name,
      buyers: live.size,
      rows: counters.rows,
      skipped: counters.skipped,
    };
  }

  // The popup asks what this tab recognised. Only our own extension may ask.
  const onMessage = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id || !StatusRequest.safeParse(message).success) return undefined;
    return Promise.resolve(PageStatus.parse(status()));
  };
  browser.runtime.onMessage.addListener(onMessage);

  await loadRecipes(new URL(location.href));
  runPage(new URL(location.href));
  // The Navigation API announces a navigation before location.href changes: use its URL.
  ctx.addEventListener(window, 'wxt:locationchange', (event) => runPage(new URL(event.newUrl)));
  ctx.onInvalidated(() => {
    // The extension was updated or unloaded: take everything of ours off the page.
    browser.runtime.onMessage.removeListener(onMessage);
    page?.controller.abort();
    closeShop();
  });
}

/** The shop is named in the document's head: wait until it has been parsed. */
function domParsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

const rootByHost = new WeakMap<HTMLElement, ShadowRoot>();

/** Closed roots are not reachable through host.shadowRoot: we keep our own reference. */
function shadowRootOf(host: HTMLElement): ShadowRoot {
  return rootByHost.get(host)!;
}

function makeUi(settings: Settings): Ui {
  const language = resolveLanguage(settings.language, navigator.languages ?? [navigator.language]);
  return { t: translator(language), language, drafts: extensionDrafts };
}
