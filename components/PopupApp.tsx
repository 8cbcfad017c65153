import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PageStatus, STATUS_REQUEST } from '@/lib/content/status';
import { usePageUi } from './page-ui';
import { UiContext } from './ui-context';

type Load = { state: 'loading' } | { state: 'ready'; status: PageStatus } | { state: 'none' };

/** Which tab to describe: `?tab=<id>` when opened for a given tab, else the active one. */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** This tab: which site and page kind BuyerLens recognised, and how many buyers. */
export function PopupApp() {
  const { ui } = usePageUi();
  const { t } = ui;
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    void (async () => {
      try {
        const tabId = await targetTabId();
        if (tabId === undefined) return setLoad({ state: 'none' });
        const reply = PageStatus.safeParse(await browser.tabs.sendMessage(tabId, { type: STATUS_REQUEST }));
        setLoad(reply.success ? { state: 'ready', status: reply.data } : { state: 'none' });
      } catch {
        // No content script in that tab: not a page BuyerLens runs on.
        setLoad({ state: 'none' });
      }
    })();
  }, []);

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
            {status.skipped > 0 && <dd class="warn">{t('popup.rowsSkipped', { count: status.skipped })}</dd>}
          </dl>
        ) : (
          <section class="empty">
            <p data-bl="popup-page-kind" class="strong">
              {t('popup.notRecognised')}
            </p>
            <p class="muted">{t('popup.notRecognisedHint')}</p>
            <span data-bl="popup-count" hidden>
              0
            </span>
          </section>
        )}
        <footer>
          <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
            {t('popup.openOptions')}
          </a>
        </footer>
      </main>
    </UiContext.Provider>
  );
}
