import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PageStatus, STATUS_REQUEST } from '@/lib/content/status';
import type { SiteRecipe } from '@/lib/model/recipe';
import { injectInto, patternsToRequest, startTeachingIn } from '@/lib/platform/site-access';
import { call } from '@/lib/rpc/client';
import { matchPage } from '@/lib/sites';
import type { PageKind, SiteAdapter } from '@/lib/sites/types';
import { errorText } from './error-text';
import { usePageUi } from './page-ui';
import { SyncStatusLine } from './SyncStatusLine';
import { UiContext } from './ui-context';
import { useSyncStatus } from './use-sync-status';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; tabId: number; status: PageStatus }
  | { state: 'none'; tabId?: number; url?: URL; site?: { adapter: SiteAdapter; kind: PageKind } | { recipe: SiteRecipe } };

/** Which tab to describe: `?tab=<id>` when opened for a given tab, else the active one. */
async function targetTab(): Promise<{ id: number; url?: URL } | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  const tab = Number.isInteger(fromQuery) && fromQuery > 0 ? await browser.tabs.get(fromQuery) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id === undefined) return undefined;
  // The URL is readable when the user opened the popup on that tab (activeTab), not otherwise.
  return { id: tab.id, url: tab.url ? new URL(tab.url) : undefined };
}

async function describeTab(): Promise<Load> {
  const tab = await targetTab();
  if (!tab) return { state: 'none' };
  try {
    const reply = PageStatus.safeParse(await browser.tabs.sendMessage(tab.id, { type: STATUS_REQUEST }));
    if (reply.success && reply.data.pageKind) return { state: 'ready', tabId: tab.id, status: reply.data };
  } catch {
    // No content script in that tab: BuyerLens is not enabled there (yet).
  }
  if (!tab.url || !/^https?:$/.test(tab.url.protocol)) return { state: 'none', tabId: tab.id };
  const builtIn = matchPage(tab.url);
  if (builtIn) return { state: 'none', tabId: tab.id, url: tab.url, site: builtIn };
  const recipes = await call('recipes.list', {}).catch(() => []);
  const recipe = recipes.find((r) => r.origin === tab.url!.origin);
  return { state: 'none', tabId: tab.id, url: tab.url, site: recipe ? { recipe } : undefined };
}

/** This tab: which site and page kind BuyerLens recognised, and how many buyers; enable or teach. */
export function PopupApp() {
  const { ui } = usePageUi();
  const { t } = ui;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [error, setError] = useState('');
  const sync = useSyncStatus(call);

  useEffect(() => {
    void describeTab().then(setLoad, () => setLoad({ state: 'none' }));
  }, []);

  /** Ask for the site (inside the click: a permission request needs the user's gesture). */
  function enable(patterns: string[], tabId: number) {
    setError('');
    browser.permissions
      .request({ origins: patterns })
      .then(async (granted) => {
        if (!granted) return setError(t('popup.enableRefused'));
        await injectInto(tabId);
        setLoad(await describeTab());
      })
      .catch((err: unknown) => setError(errorText(err, t)));
  }

  async function teach(tabId: number) {
    setError('');
    try {
      await startTeachingIn(tabId);
      window.close();
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  const status = load.state === 'ready' ? load.status : undefined;
  const recognised = !!status?.pageKind;

  return (
    <UiContext.Provider value={ui}>
      <main class="popup">
        <header class="popup-head">
          <img src="/icon/32.png" alt="" width={20} height={20} />
          <h1>{t('app.name')}</h1>
        </header>
        {load.state === 'loading' ? (
          <p class="muted">…</p>
        ) : recognised && status ? (
          <dl class="facts">
            <dt>{t('popup.site')}</dt>
            <dd data-bl="popup-site">
              {status.siteName}
              {status.shopName ? ` · ${status.shopName}` : ''}
            </dd>
            <dt>{t('popup.page')}</dt>
            <dd data-bl="popup-page-kind">{t(`page.${status.pageKind!}`)}</dd>
            <dt>{t('popup.buyers')}</dt>
            <dd class="big" data-bl="popup-count">
              {status.buyers.toLocaleString(ui.language)}
            </dd>
            {status.rows > 0 && (
              <dd class="rows" data-bl="popup-rows">
                {t('popup.rowsRead', { read: status.rows - status.skipped, rows: status.rows })}
              </dd>
            )}
            {status.skipped > 0 && <dd class="warn">{t('popup.rowsSkipped', { count: status.skipped })}</dd>}
          </dl>
        ) : load.state === 'none' && load.site && load.tabId !== undefined && load.url ? (
          <section class="empty">
            <p class="strong" data-bl="popup-page-kind">
              {'adapter' in load.site
                ? t('popup.siteKnown', { site: load.site.adapter.name, page: t(`page.${load.site.kind}`) })
                : t('popup.recipeKnown', { name: load.site.recipe.name })}
            </p>
            <p class="muted">{t('popup.enableHint', { host: load.url.host })}</p>
            <button
              type="button"
              class="primary"
              data-bl="popup-enable"
              onClick={() => {
                const site = (load as { site: { adapter: SiteAdapter } | { recipe: SiteRecipe } }).site;
                const patterns =
                  'adapter' in site ? patternsToRequest(site.adapter.hostPatterns, load.url!) : patternsToRequest([], new URL(site.recipe.origin));
                enable(patterns, load.tabId!);
              }}
            >
              {t('popup.enable', { host: load.url.host })}
            </button>
            <span data-bl="popup-count" hidden>
              0
            </span>
          </section>
        ) : (
          <section class="empty">
            <p data-bl="popup-page-kind" class="strong">
              {t('popup.notRecognised')}
            </p>
            <p class="muted">{t('popup.notRecognisedHint')}</p>
            {load.state === 'none' && load.tabId !== undefined && load.url && (
              <button type="button" data-bl="popup-teach" onClick={() => void teach(load.tabId!)}>
                {t('popup.teach')}
              </button>
            )}
            <span data-bl="popup-count" hidden>
              0
            </span>
          </section>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <footer>
          <SyncStatusLine status={sync.status} onRetry={() => void sync.syncNow()} />
          <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
            {t('popup.openOptions')}
          </a>
        </footer>
      </main>
    </UiContext.Provider>
  );
}
