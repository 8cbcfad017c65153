import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { PopupApp } from '@/components/PopupApp';
import { STATUS_REQUEST, type PageStatus } from '@/lib/content/status';
import type { SiteRecipe } from '@/lib/model/recipe';
import { renderUi } from './ui';

type Call = (name: string, args: unknown) => Promise<unknown>;
const rpc = vi.hoisted(() => ({ call: vi.fn<Call>() }));
vi.mock('@/lib/rpc/client', () => ({ call: rpc.call }));

type Tab = Browser.tabs.Tab;

const TAB_ID = 42;
const CONTENT_SCRIPT = '/content-scripts/content.js';
const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';
const WOO_LIST = 'https://shop.example.com:8443/wp-admin/admin.php?page=wc-orders';

const STATUS: PageStatus = {
  site: 'woocommerce',
  siteName: 'WooCommerce',
  pageKind: 'order-list',
  shopName: 'Blossom Teas',
  buyers: 1234,
  rows: 50,
  skipped: 2,
};

function recipe(overrides: Partial<SiteRecipe> = {}): SiteRecipe {
  return {
    id: 'r_erp',
    origin: 'https://erp.example.net',
    pathPrefix: '/orders',
    name: 'My ERP orders',
    rowSelector: 'table tbody tr',
    fields: { buyer: 'td.buyer' },
    createdAt: 1_700_000_000_000,
    version: 1,
    ...overrides,
  };
}

/** What the tab's content script answers (a status), or undefined when there is none. */
let contentScript: PageStatus | undefined;
let recipes: SiteRecipe[];
let tabs: {
  query: Mock<(query: Browser.tabs.QueryInfo) => Promise<Tab[]>>;
  get: Mock<(tabId: number) => Promise<Tab | undefined>>;
  sendMessage: Mock<(tabId: number, message: unknown) => Promise<unknown>>;
};
type Request = (permissions: Browser.permissions.Permissions) => Promise<boolean>;
type Execute = (injection: { target: { tabId: number }; files?: string[] }) => Promise<unknown[]>;
let permissionsRequest: Mock<Request>;
let executeScript: Mock<Execute>;
let close: Mock<() => void>;

/** Stub one fake-browser function (the fake's overloads make vi.spyOn's own typing useless here). */
function stub<F extends (...args: never[]) => unknown>(api: object, name: string): Mock<F> {
  return (vi.spyOn as (object: object, method: string) => unknown)(api, name) as Mock<F>;
}

/** The active tab the popup was opened on. `url` undefined: the popup may not read it. */
function activeTab(url: string | undefined, id = TAB_ID) {
  const tab = { id, index: 0, windowId: 1, active: true, highlighted: true, incognito: false, pinned: false, url } as Tab;
  tabs.query.mockResolvedValue([tab]);
  tabs.get.mockImplementation(async (tabId) => (tabId === id ? tab : undefined));
}

beforeEach(() => {
  fakeBrowser.reset();
  contentScript = undefined;
  recipes = [];
  rpc.call.mockReset();
  rpc.call.mockImplementation(async (name) => {
    if (name === 'recipes.list') return structuredClone(recipes);
    throw new Error(`unexpected call ${name}`);
  });
  tabs = {
    query: stub(fakeBrowser.tabs, 'query'),
    get: stub(fakeBrowser.tabs, 'get'),
    sendMessage: stub(fakeBrowser.tabs, 'sendMessage'),
  };
  tabs.query.mockResolvedValue([]);
  tabs.sendMessage.mockImplementation(async () => {
    if (!contentScript) throw new Error(NO_RECEIVER);
    return structuredClone(contentScript);
  });
  permissionsRequest = stub<Request>(fakeBrowser.permissions, 'request');
  permissionsRequest.mockResolvedValue(true);
  executeScript = stub<Execute>(fakeBrowser.scripting, 'executeScript');
  executeScript.mockResolvedValue([]);
  close = stub<() => void>(window, 'close');
  close.mockImplementation(() => {});
});

afterEach(() => {
  act(() => cleanup());
  vi.restoreAllMocks();
});

/** Let the popup's chain of promises (tab, message, recipes, settings) settle. */
const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
  });

async function open() {
  const result = renderUi(<PopupApp />);
  await settle();
  const bl = (name: string) => result.container.querySelector<HTMLElement>(`[data-bl="${name}"]`);
  return { ...result, bl };
}

const recipeCalls = () => rpc.call.mock.calls.filter(([name]) => name === 'recipes.list');

describe('PopupApp', () => {
  it('a tab whose content script answers: site, page kind, buyers and rows read', async () => {
    activeTab(WOO_LIST);
    contentScript = STATUS;
    const { bl } = await open();
    expect(tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(tabs.sendMessage).toHaveBeenCalledWith(TAB_ID, { type: STATUS_REQUEST });
    expect(bl('popup-site')!.textContent).toBe('WooCommerce · Blossom Teas');
    expect(bl('popup-page-kind')!.textContent).toBe('Order list');
    expect(bl('popup-count')!.textContent).toBe('1,234');
    expect(bl('popup-rows')!.textContent).toBe('Read 48 of 50 rows');
    expect(screen.getByText('2 rows could not be read')).toBeTruthy();
    // Recognised: nothing to enable or teach, and no need to ask the background for recipes.
    expect(bl('popup-enable')).toBeNull();
    expect(bl('popup-teach')).toBeNull();
    expect(recipeCalls()).toHaveLength(0);
  });

  it('with no rows read and none skipped, no row line is shown', async () => {
    activeTab('http://localhost:5178/admin/chat/c1001');
    contentScript = { site: 'demo', siteName: 'BuyerLens demo backoffice', pageKind: 'chat', buyers: 1, rows: 0, skipped: 0 };
    const { bl } = await open();
    expect(bl('popup-site')!.textContent).toBe('BuyerLens demo backoffice');
    expect(bl('popup-page-kind')!.textContent).toBe('Customer chat');
    expect(bl('popup-count')!.textContent).toBe('1');
    expect(bl('popup-rows')).toBeNull();
    expect(screen.queryByText(/could not be read/)).toBeNull();
  });

  it('opened for a given tab (?tab=<id>), describes that tab rather than the active one', async () => {
    const before = location.href;
    history.replaceState(null, '', '?tab=7');
    try {
      activeTab(WOO_LIST, 7);
      contentScript = STATUS;
      const { bl } = await open();
      expect(tabs.get).toHaveBeenCalledWith(7);
      expect(tabs.query).not.toHaveBeenCalled();
      expect(tabs.sendMessage).toHaveBeenCalledWith(7, { type: STATUS_REQUEST });
      expect(bl('popup-count')!.textContent).toBe('1,234');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('a WooCommerce order list on an unknown host: offers to enable that host, without its port', async () => {
    activeTab(WOO_LIST);
    const { bl } = await open();
    expect(bl('popup-page-kind')!.textContent).toBe('WooCommerce: Order list');
    const enable = screen.getByRole('button', { name: 'Enable on shop.example.com:8443' });
    expect(screen.getByText('BuyerLens does not run on shop.example.com:8443 yet. It asks for access to this site only.')).toBeTruthy();
    expect(bl('popup-teach')).toBeNull();

    // Once granted and injected, the content script answers.
    executeScript.mockImplementation(async () => {
      contentScript = STATUS;
      return [];
    });
    fireEvent.click(enable);
    // Asked inside the click, before any await: the browser needs the user's gesture.
    expect(permissionsRequest.mock.calls).toEqual([[{ origins: ['https://shop.example.com/*'] }]]);
    await settle();
    expect(executeScript.mock.calls).toEqual([[{ target: { tabId: TAB_ID }, files: [CONTENT_SCRIPT] }]]);
    expect(bl('popup-site')!.textContent).toBe('WooCommerce · Blossom Teas');
    expect(bl('popup-rows')!.textContent).toBe('Read 48 of 50 rows');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a built-in site with its own host patterns asks for exactly those', async () => {
    activeTab('https://admin.shopify.com/store/blossom-teas/orders');
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Enable on admin.shopify.com' }));
    expect(permissionsRequest).toHaveBeenCalledWith({ origins: ['https://admin.shopify.com/*'] });
  });

  it('refused permission: says so (alert), injects nothing, and offers enabling again', async () => {
    activeTab(WOO_LIST);
    permissionsRequest.mockResolvedValue(false);
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Enable on shop.example.com:8443' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Access was not granted, so BuyerLens stays off on this site.');
    expect(executeScript).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Enable on shop.example.com:8443' })).toBeTruthy();
  });

  it('a permission request that throws shows its message (alert)', async () => {
    activeTab(WOO_LIST);
    permissionsRequest.mockRejectedValue(new Error('Only request permissions during a user gesture'));
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Enable on shop.example.com:8443' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Only request permissions during a user gesture');
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('no content script and an unknown page: not recognised, and "Teach this page" runs /teach.js in that tab', async () => {
    activeTab('https://erp.example.net/orders?page=2');
    const { bl } = await open();
    expect(recipeCalls()).toEqual([['recipes.list', {}]]);
    expect(bl('popup-page-kind')!.textContent).toBe('Page not recognised');
    expect(bl('popup-enable')).toBeNull();
    const teach = screen.getByRole('button', { name: 'Teach this page' });
    fireEvent.click(teach);
    await settle();
    expect(executeScript.mock.calls).toEqual([[{ target: { tabId: TAB_ID }, files: ['/teach.js'] }]]);
    expect(permissionsRequest).not.toHaveBeenCalled();
    // The teaching happens on the page: the popup gets out of the way.
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('teaching that cannot start shows why (alert) and keeps the popup open', async () => {
    activeTab('https://erp.example.net/orders');
    executeScript.mockRejectedValue(new Error('Cannot access contents of the page.'));
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Teach this page' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Cannot access contents of the page.');
    expect(close).not.toHaveBeenCalled();
  });

  it('a content script that runs but recognises nothing counts as not recognised', async () => {
    activeTab('https://erp.example.net/orders');
    contentScript = { buyers: 0, rows: 0, skipped: 0 };
    const { bl } = await open();
    expect(bl('popup-page-kind')!.textContent).toBe('Page not recognised');
    expect(bl('popup-site')).toBeNull();
  });

  it('no URL (no activeTab grant): not recognised, no teach button, no recipe lookup', async () => {
    activeTab(undefined);
    const { bl } = await open();
    expect(tabs.sendMessage).toHaveBeenCalledWith(TAB_ID, { type: STATUS_REQUEST });
    expect(bl('popup-page-kind')!.textContent).toBe('Page not recognised');
    expect(bl('popup-teach')).toBeNull();
    expect(bl('popup-enable')).toBeNull();
    expect(recipeCalls()).toHaveLength(0);
  });

  it('a browser page (not http): not recognised, nothing to teach', async () => {
    activeTab('chrome://extensions/');
    const { bl } = await open();
    expect(bl('popup-page-kind')!.textContent).toBe('Page not recognised');
    expect(bl('popup-teach')).toBeNull();
  });

  it('no active tab at all: not recognised', async () => {
    const { bl } = await open();
    expect(bl('popup-page-kind')!.textContent).toBe('Page not recognised');
    expect(bl('popup-teach')).toBeNull();
    expect(tabs.sendMessage).not.toHaveBeenCalled();
  });

  it('a recipe taught for the origin: names it and asks for https://<host>/*', async () => {
    recipes = [recipe({ id: 'r_other', origin: 'https://other.example.net', name: 'Other' }), recipe()];
    activeTab('https://erp.example.net/orders/list');
    const { bl } = await open();
    expect(bl('popup-page-kind')!.textContent).toBe('Taught page: My ERP orders');
    expect(bl('popup-teach')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Enable on erp.example.net' }));
    expect(permissionsRequest.mock.calls).toEqual([[{ origins: ['https://erp.example.net/*'] }]]);
    await settle();
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: TAB_ID }, files: [CONTENT_SCRIPT] });
  });

  it('a recipe for an origin with a port asks for the host without the port', async () => {
    recipes = [recipe({ origin: 'https://erp.example.net:8443' })];
    activeTab('https://erp.example.net:8443/orders');
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Enable on erp.example.net:8443' }));
    expect(permissionsRequest).toHaveBeenCalledWith({ origins: ['https://erp.example.net/*'] });
  });

  it('a recipe for another origin (same host, other port) is not this page’s', async () => {
    recipes = [recipe({ origin: 'https://erp.example.net:8443' })];
    activeTab('https://erp.example.net/orders');
    const { bl } = await open();
    expect(bl('popup-page-kind')!.textContent).toBe('Page not recognised');
  });

  it('recipes that cannot be listed: the page is simply not recognised', async () => {
    rpc.call.mockRejectedValue(new Error('error.unreachable'));
    activeTab('https://erp.example.net/orders');
    const { bl } = await open();
    expect(bl('popup-page-kind')!.textContent).toBe('Page not recognised');
    expect(screen.getByRole('button', { name: 'Teach this page' })).toBeTruthy();
  });
});
