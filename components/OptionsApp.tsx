import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { call, RpcCallError } from '@/lib/rpc/client';
import type { RpcReply } from '@/lib/rpc/protocol';
import { TAG_COLORS, type TagColor } from '@/lib/model/entities';
import type { Role } from '@/lib/model/sync';
import { isMessageKey } from '@/lib/i18n';
import { ownerTranslator } from '@/lib/i18n/owner';
import { CHANGE_KEY } from '@/lib/rpc/live';
import { keepFresh } from '@/lib/content/keep-fresh';
import { writeSettings, type Settings } from '@/lib/settings';
import { browser } from 'wxt/browser';
import { RulesEditor } from './RulesEditor';
import { can, roleOf, RoleContext, useRole } from './role';
import { SyncStatusLine } from './SyncStatusLine';
import { useSyncStatus } from './use-sync-status';
import { SitesSection } from './SitesSection';
import { TAG_PALETTE } from './styles';
import { usePageUi } from './page-ui';
import { UiContext, useUi, type Ui } from './ui-context';
import { CustomersView } from './owner/CustomersView';
import { DataView } from './owner/DataView';
import { LazyImportView } from './owner/LazyImportView';
import { LazyTeamView } from './owner/LazyTeamView';

type Shops = RpcReply<'shops.list'>;

const TABS = ['customers', 'import', 'data', 'team', 'settings'] as const;
type Tab = (typeof TABS)[number];
const SHOP_KEY = 'buyerlens:options-shop';

function tabOf(hash: string): Tab {
  const name = hash.replace(/^#\/?/, '');
  return (TABS as readonly string[]).includes(name) ? (name as Tab) : 'customers';
}

/**
 * The owner's page: customers (table, segments, dashboard, export), import, data (backup,
 * merge), team (workspace, sync, members) and settings (language, name, sites, tags, rules), one
 * tab each, for one shop at a time. A team member sees only what their role lets them do.
 */
export function OptionsApp() {
  const { ui, settings } = usePageUi();
  const { t } = ui;
  const ot = useMemo(() => ownerTranslator(ui.language), [ui.language]);
  const sync = useSyncStatus(call);
  const role = roleOf(sync.status);
  // Not offered what the server would refuse: an agent imports nothing.
  const tabs = TABS.filter((name) => name !== 'import' || can(role, 'import.records'));
  const [shops, setShops] = useState<Shops | undefined>();
  const [error, setError] = useState('');
  const [tab, setTab] = useState<Tab>(() => tabOf(location.hash));
  const [shopId, setShopId] = useState<string>(() => localStorage.getItem(SHOP_KEY) ?? '');

  const reload = () =>
    call('shops.list', {})
      .then(setShops)
      .catch((err: unknown) => setError(String(err instanceof Error ? err.message : err)));

  useEffect(() => {
    void reload();
    // Tags change in other tabs too: follow them.
    const onChange = (changes: Record<string, unknown>) => {
      if (changes[CHANGE_KEY]) void reload();
    };
    browser.storage.onChanged.addListener(onChange);
    const onHash = () => setTab(tabOf(location.hash));
    addEventListener('hashchange', onHash);
    // While this page is visible, the team's changes land within seconds.
    const visible = new AbortController();
    keepFresh(call, visible.signal);
    return () => {
      visible.abort();
      browser.storage.onChanged.removeListener(onChange);
      removeEventListener('hashchange', onHash);
    };
  }, []);

  const shop = shops?.find((s) => s.shopId === shopId) ?? shops?.[0];
  const chooseShop = (id: string) => {
    localStorage.setItem(SHOP_KEY, id);
    setShopId(id);
  };
  // A link to a tab this role does not have lands on the customers.
  const shown: Tab = tabs.includes(tab) ? tab : 'customers';
  const go = (next: Tab) => {
    history.replaceState(null, '', `#${next}`);
    setTab(next);
  };

  return (
    <Providers ui={ui} role={role}>
      <main class={`options tab-${shown}`}>
        <header class="head">
          <img src="/icon/48.png" alt="" width={32} height={32} />
          <h1>{t('options.title')}</h1>
          {shops && shops.length > 0 && (
            <label class="shop-picker">
              <span class="sr">{t('options.shop')}</span>
              <select data-bl="shop-picker" value={shop?.shopId} onChange={(e) => chooseShop(e.currentTarget.value)}>
                {shops.map((s) => (
                  <option key={s.shopId} value={s.shopId}>
                    {s.name} · {s.platform}
                  </option>
                ))}
              </select>
            </label>
          )}
          <SyncStatusLine status={sync.status} onRetry={() => void sync.syncNow()} />
        </header>
        <nav class="tabs" role="tablist" aria-label={t('options.sections')}>
          {tabs.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`tab-${name}`}
              data-bl={`tab-${name}`}
              aria-selected={shown === name}
              aria-controls={`panel-${name}`}
              tabIndex={shown === name ? 0 : -1}
              onClick={() => go(name)}
              onKeyDown={(e) => {
                const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                if (!step) return;
                const next = tabs[(tabs.indexOf(name) + step + tabs.length) % tabs.length]!;
                go(next);
                (e.currentTarget.parentElement?.querySelector(`#tab-${next}`) as HTMLElement | null)?.focus();
              }}
            >
              {ot(`options.tab.${name}`)}
            </button>
          ))}
        </nav>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div role="tabpanel" id={`panel-${shown}`} aria-labelledby={`tab-${shown}`}>
          {shown === 'customers' &&
            (shops === undefined ? (
              <p class="muted">…</p>
            ) : shop ? (
              <CustomersView key={shop.shopId} shop={shop} />
            ) : (
              <section class="card empty">
                <h2>{t('options.noShopsTitle')}</h2>
                <p class="muted">{t('options.noShops')}</p>
                {can(role, 'import.records') ? (
                  <button type="button" class="primary" onClick={() => go('import')}>
                    {t('options.importFirst')}
                  </button>
                ) : (
                  <p>{ot('roles.agentNoImport')}</p>
                )}
              </section>
            ))}
          {shown === 'import' && shops && (
            <LazyImportView
              shops={shops}
              shop={shop}
              onImported={(id) => {
                chooseShop(id);
                void reload();
              }}
            />
          )}
          {shown === 'data' && <DataView shop={shop} inTeam={!!sync.status && sync.status.state !== 'off'} />}
          {shown === 'team' && <LazyTeamView />}
          {shown === 'settings' && (
            <>
              <PersonalSettings settings={settings} />
              <SitesSection settings={settings} />
              <section class="card" aria-labelledby="tags-title">
                <h2 id="tags-title">{t('options.tags')}</h2>
                {shops === undefined ? (
                  <p class="muted">…</p>
                ) : shops.length === 0 ? (
                  <p class="muted">{t('options.noShops')}</p>
                ) : (
                  shops.map((s) => <ShopTags key={s.shopId} shop={s} onChanged={reload} />)
                )}
              </section>
              {shop && (
                <section class="card" aria-labelledby="rules-title">
                  <h2 id="rules-title">
                    {t('options.rules')} · {shop.name}
                  </h2>
                  <RulesEditor key={shop.shopId} shopId={shop.shopId} />
                </section>
              )}
            </>
          )}
        </div>
        <p class="muted privacy">{t('options.privacy')}</p>
      </main>
    </Providers>
  );
}

function Providers({ ui, role, children }: { ui: Ui; role: Role; children: ComponentChildren }) {
  return (
    <UiContext.Provider value={ui}>
      <RoleContext.Provider value={role}>{children}</RoleContext.Provider>
    </UiContext.Provider>
  );
}

function PersonalSettings({ settings }: { settings: Settings }) {
  const { t } = useUi();
  const [name, setName] = useState(settings.memberName);
  const [saved, setSaved] = useState(false);
  useEffect(() => setName(settings.memberName), [settings.memberName]);

  const save = async (patch: Partial<Settings>) => {
    await writeSettings(patch);
    setSaved(true);
    setTimeout(() => setSaved(false), 1500);
  };

  return (
    <section class="card">
      <label class="field">
        <span>{t('options.language')}</span>
        <select
          data-bl="language"
          value={settings.language}
          onChange={(e) => void save({ language: e.currentTarget.value as Settings['language'] })}
        >
          <option value="auto">{t('options.languageAuto')}</option>
          <option value="en">English</option>
          <option value="zh-CN">简体中文</option>
        </select>
      </label>
      <label class="field">
        <span>{t('options.memberName')}</span>
        <input
          data-bl="member-name"
          type="text"
          maxLength={60}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          onBlur={() => void save({ memberName: name })}
          onKeyDown={(e) => e.key === 'Enter' && void save({ memberName: name })}
        />
      </label>
      <p class="saved" role="status" aria-live="polite">
        {saved ? t('options.saved') : ''}
      </p>
    </section>
  );
}

function ShopTags({ shop, onChanged }: { shop: Shops[number]; onChanged: () => void }) {
  const { t, language } = useUi();
  const mayDelete = can(useRole(), 'tag.delete');
  const [error, setError] = useState('');
  const run = async (work: () => Promise<unknown>) => {
    setError('');
    try {
      await work();
      onChanged();
    } catch (err) {
      const message = err instanceof RpcCallError || err instanceof Error ? err.message : String(err);
      setError(isMessageKey(message) ? t(message) : message);
    }
  };

  return (
    <div class="shop">
      <h3>
        {shop.name} <span class="muted">({shop.platform} · {shop.customers.toLocaleString(language)})</span>
      </h3>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {shop.tags.length === 0 ? (
        <p class="muted">{t('options.tagsEmpty')}</p>
      ) : (
        <table class="tags">
          <tbody>
            {shop.tags.map((tag) => (
              <tr key={tag.id} data-bl="options-tag">
                <td>
                  <span class="chip" style={{ background: TAG_PALETTE[tag.color]!.bg, color: TAG_PALETTE[tag.color]!.fg }}>
                    {tag.name}
                  </span>
                </td>
                <td class="num">{tag.uses.toLocaleString(language)}</td>
                <td>
                  <select
                    aria-label={t('editor.color', { tag: tag.name })}
                    value={tag.color}
                    onChange={(e) =>
                      void run(() => call('tag.update', { shopId: shop.shopId, tagId: tag.id, color: e.currentTarget.value as TagColor }))
                    }
                  >
                    {TAG_COLORS.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </td>
                <td class="actions">
                  <button
                    type="button"
                    onClick={() => {
                      const name = prompt(t('options.rename'), tag.name);
                      if (name && name !== tag.name) void run(() => call('tag.update', { shopId: shop.shopId, tagId: tag.id, name }));
                    }}
                  >
                    {t('options.rename')}
                  </button>
                  {mayDelete && (
                    <button
                      type="button"
                      class="danger"
                      data-bl="tag-delete"
                      onClick={() => {
                        if (confirm(t('options.confirmDeleteTag', { tag: tag.name })))
                          void run(() => call('tag.delete', { shopId: shop.shopId, tagId: tag.id }));
                      }}
                    >
                      {t('options.deleteTag')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
