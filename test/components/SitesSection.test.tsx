import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { SitesSection } from '@/components/SitesSection';
import type { RecipeExport, SiteRecipe } from '@/lib/model/recipe';
import { DEFAULT_SETTINGS, readSettings, writeSettings, type Settings } from '@/lib/settings';
import { ADAPTERS } from '@/lib/sites';
import { EVIL, renderUi } from './ui';

type Call = (name: string, args: unknown) => Promise<unknown>;
const rpc = vi.hoisted(() => ({ call: vi.fn<Call>() }));
vi.mock('@/lib/rpc/client', () => ({ call: rpc.call }));

type Listener = (permissions: Browser.permissions.Permissions) => void;
type Origins = { origins?: string[] };

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

/** The browser's granted host permissions, and who listens to their changes. */
let origins: string[];
const listeners = { added: new Set<Listener>(), removed: new Set<Listener>() };
/** The background's taught recipes. */
let recipes: SiteRecipe[];
let importReply: (file: RecipeExport) => Promise<{ imported: number }>;

const calls = (name: string) => rpc.call.mock.calls.filter(([n]) => n === name);

beforeEach(() => {
  fakeBrowser.reset();
  origins = ['https://shop.example.com/*', 'http://localhost/*', 'http://127.0.0.1/*', 'https://admin.shopify.com/*'];
  recipes = [];
  importReply = async (file) => ({ imported: file.recipes.length });
  listeners.added.clear();
  listeners.removed.clear();

  const permissions = fakeBrowser.permissions;
  vi.spyOn(permissions, 'getAll').mockImplementation(async () => ({ origins: [...origins], permissions: ['storage'] }));
  vi.spyOn(permissions, 'remove').mockImplementation(async (p: Origins) => {
    origins = origins.filter((o) => !p.origins?.includes(o));
    for (const l of listeners.removed) l({ origins: p.origins });
    return true;
  });
  vi.spyOn(permissions.onAdded, 'addListener').mockImplementation((l: Listener) => void listeners.added.add(l));
  vi.spyOn(permissions.onAdded, 'removeListener').mockImplementation((l: Listener) => void listeners.added.delete(l));
  vi.spyOn(permissions.onRemoved, 'addListener').mockImplementation((l: Listener) => void listeners.removed.add(l));
  vi.spyOn(permissions.onRemoved, 'removeListener').mockImplementation((l: Listener) => void listeners.removed.delete(l));

  rpc.call.mockReset();
  rpc.call.mockImplementation(async (name, args) => {
    if (name === 'recipes.list') return structuredClone(recipes);
    if (name === 'recipes.delete') {
      const { id } = args as { id: string };
      const before = recipes.length;
      recipes = recipes.filter((r) => r.id !== id);
      return { deleted: recipes.length < before };
    }
    if (name === 'recipes.import') return importReply((args as { file: RecipeExport }).file);
    throw new Error(`unexpected call ${name}`);
  });
});

afterEach(() => {
  // Inside act, so the effects' clean-ups run now, while the permission events are still stubbed.
  act(() => cleanup());
  vi.restoreAllMocks();
});

/** Let the section's promises (permissions, recipes, storage, file reading) settle. */
const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
  });

async function setup(settings: Settings = DEFAULT_SETTINGS) {
  const result = renderUi(<SitesSection settings={settings} />);
  await settle();
  const toggles = () => [...result.container.querySelectorAll<HTMLInputElement>('[data-bl="site-toggle"]')];
  const toggle = (name: string) => toggles().find((t) => t.closest('label')!.textContent!.trim() === name)!;
  const granted = () => [...result.container.querySelectorAll('code')].map((c) => c.textContent).filter((t) => t!.endsWith('/*'));
  const recipeItems = () => [...result.container.querySelectorAll<HTMLElement>('[data-bl="recipe"]')];
  const fileInput = () => result.container.querySelector<HTMLInputElement>('[data-bl="recipes-import"]')!;
  const importFile = async (file: File) => {
    fireEvent.change(fileInput(), { target: { files: [file] } });
    await settle();
  };
  return { ...result, toggles, toggle, granted, recipeItems, fileInput, importFile };
}

const jsonFile = (content: string, name = 'buyerlens-recipes.json') => new File([content], name, { type: 'application/json' });

describe('SitesSection', () => {
  it('lists every built-in site, ticked unless switched off in the settings', async () => {
    const { toggles, toggle } = await setup({ ...DEFAULT_SETTINGS, disabledSites: ['taobao'] });
    expect(toggles().map((t) => t.closest('label')!.textContent!.trim())).toEqual(ADAPTERS.map((a) => a.name));
    for (const adapter of ADAPTERS) expect(toggle(adapter.name).checked).toBe(adapter.id !== 'taobao');
  });

  it('unticking a site adds it to disabledSites in storage; ticking takes it out again', async () => {
    await writeSettings({ memberName: 'Ann', disabledSites: ['taobao'] });
    const { toggle, rerenderUi } = await setup(await readSettings());
    fireEvent.click(toggle('WooCommerce'));
    await settle();
    expect((await readSettings()).disabledSites).toEqual(['taobao', 'woocommerce']);

    // The options page follows the stored settings: give the section what was stored.
    rerenderUi(<SitesSection settings={await readSettings()} />);
    expect(toggle('WooCommerce').checked).toBe(false);
    fireEvent.click(toggle('Taobao / Tmall seller center 淘宝天猫卖家中心'));
    await settle();
    expect(await readSettings()).toEqual({ ...DEFAULT_SETTINGS, memberName: 'Ann', disabledSites: ['woocommerce'] });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a setting that cannot be written is shown (alert)', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const { toggle } = await setup();
    fireEvent.click(toggle('Shopify admin'));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('QUOTA_BYTES quota exceeded');
  });

  it('lists the granted patterns, sorted, without the demo’s localhost ones', async () => {
    const { granted } = await setup();
    expect(granted()).toEqual(['https://admin.shopify.com/*', 'https://shop.example.com/*']);
    expect(screen.queryByText('http://localhost/*')).toBeNull();
    expect(screen.queryByText('http://127.0.0.1/*')).toBeNull();
  });

  it('with only the demo’s patterns granted, says none yet', async () => {
    origins = ['http://localhost/*', 'http://127.0.0.1/*'];
    const { granted } = await setup();
    expect(granted()).toEqual([]);
    expect(screen.getByText(/^None yet\. Open your backoffice/)).toBeTruthy();
  });

  it('"Remove access" removes exactly that pattern, and the list follows', async () => {
    const { granted } = await setup();
    const item = screen.getByText('https://shop.example.com/*').closest('li')!;
    fireEvent.click(within(item).getByRole('button', { name: 'Remove access' }));
    await settle();
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledTimes(1);
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['https://shop.example.com/*'] });
    expect(granted()).toEqual(['https://admin.shopify.com/*']);
  });

  it('a site granted elsewhere (the popup) shows up; listeners go away with the section', async () => {
    const { granted, unmount } = await setup();
    origins = [...origins, 'https://erp.example.net/*'];
    await act(async () => {
      for (const l of listeners.added) l({ origins: ['https://erp.example.net/*'] });
    });
    await settle();
    expect(granted()).toContain('https://erp.example.net/*');
    // Effect clean-ups may run after the unmount itself (Preact 11): let them.
    act(() => {
      unmount();
    });
    expect(listeners.added.size).toBe(0);
    expect(listeners.removed.size).toBe(0);
  });

  it('lists taught pages (as text); Delete deletes that one and the list follows', async () => {
    recipes = [recipe(), recipe({ id: 'r_evil', name: EVIL, origin: 'https://evil.example', pathPrefix: '/' })];
    const { recipeItems, container } = await setup();
    expect(recipeItems().map((li) => li.querySelector('b')!.textContent)).toEqual(['My ERP orders', EVIL]);
    expect(recipeItems()[0]!.querySelector('code')!.textContent).toBe('https://erp.example.net/orders');
    expect(container.querySelector('img')).toBeNull();

    fireEvent.click(within(recipeItems()[0]!).getByRole('button', { name: 'Delete' }));
    await settle();
    expect(calls('recipes.delete')).toEqual([['recipes.delete', { id: 'r_erp' }]]);
    expect(recipeItems().map((li) => li.querySelector('b')!.textContent)).toEqual([EVIL]);
  });

  it('no recipes: says none yet, and export is disabled', async () => {
    const { recipeItems } = await setup();
    expect(recipeItems()).toHaveLength(0);
    expect(screen.getByText(/^None yet\. On an admin BuyerLens does not know/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Export taught pages' }).disabled).toBe(true);
  });

  it('a delete the background refuses shows its message (alert), translated', async () => {
    recipes = [recipe()];
    const { recipeItems } = await setup();
    rpc.call.mockImplementation(async (name) => {
      if (name === 'recipes.delete') throw new Error('error.unreachable');
      return structuredClone(recipes);
    });
    fireEvent.click(within(recipeItems()[0]!).getByRole('button', { name: 'Delete' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('BuyerLens was updated or restarted. Reload this page to continue.');
    expect(recipeItems()).toHaveLength(1);
  });

  it('exports the taught pages as a BuyerLens export file', async () => {
    recipes = [recipe()];
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:bl-test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await setup();
    fireEvent.click(screen.getByRole('button', { name: 'Export taught pages' }));
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('buyerlens-recipes.json');
    expect(clicked[0]!.href).toBe('blob:bl-test');
    expect(JSON.parse(await blob!.text())).toEqual({ format: 'buyerlens-recipes', version: 1, recipes });
  });

  it('importing a valid export calls recipes.import with the parsed file and says how many', async () => {
    const file: RecipeExport = {
      format: 'buyerlens-recipes',
      version: 1,
      recipes: [recipe(), recipe({ id: 'r_two', name: '  Second  ', origin: 'https://two.example' })],
    };
    importReply = async (f) => {
      recipes = f.recipes;
      return { imported: f.recipes.length };
    };
    const { importFile, fileInput, recipeItems } = await setup();
    await importFile(jsonFile(JSON.stringify(file)));
    const imported = calls('recipes.import');
    expect(imported).toHaveLength(1);
    // Parsed by the schema: the name comes trimmed.
    expect(imported[0]![1]).toEqual({ file: { ...file, recipes: [file.recipes[0], { ...file.recipes[1], name: 'Second' }] } });
    expect(screen.getByRole('status').textContent).toBe('Imported 2 taught pages.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(recipeItems()).toHaveLength(2);
    // The same file can be chosen again.
    expect(fileInput().value).toBe('');
  });

  it('a file that is not JSON: says so (alert) and imports nothing', async () => {
    const { importFile } = await setup();
    await importFile(jsonFile('format: buyerlens-recipes\n', 'recipes.yaml'));
    expect(screen.getByRole('alert').textContent).toBe('That file is not JSON: nothing was imported.');
    expect(calls('recipes.import')).toHaveLength(0);
  });

  it('JSON that is not a valid export: says so (alert) and imports nothing', async () => {
    const { importFile } = await setup();
    const invalid = [
      { format: 'something-else', version: 1, recipes: [] },
      { format: 'buyerlens-recipes', version: 2, recipes: [recipe()] },
      // One bad recipe spoils the file: all or nothing.
      { format: 'buyerlens-recipes', version: 1, recipes: [recipe(), recipe({ id: 'r_bad', rowSelector: 'tr <script>' })] },
      [recipe()],
    ];
    for (const content of invalid) {
      await importFile(jsonFile(JSON.stringify(content)));
      expect(screen.getByRole('alert').textContent).toBe(
        'That file is not a BuyerLens export of taught pages, or one of them is invalid: nothing was imported.',
      );
    }
    expect(calls('recipes.import')).toHaveLength(0);
  });

  it('an import the background refuses shows its message (alert)', async () => {
    importReply = async () => {
      throw new Error('Too many taught pages');
    };
    const { importFile } = await setup();
    await importFile(jsonFile(JSON.stringify({ format: 'buyerlens-recipes', version: 1, recipes: [recipe()] })));
    expect(calls('recipes.import')).toHaveLength(1);
    expect(screen.getByRole('alert').textContent).toBe('Too many taught pages');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('choosing no file does nothing', async () => {
    const { fileInput } = await setup();
    fireEvent.change(fileInput(), { target: { files: [] } });
    await settle();
    expect(calls('recipes.import')).toHaveLength(0);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
  });
});
