import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { RecipeExport, type SiteRecipe } from '@/lib/model/recipe';
import { grantedPatterns } from '@/lib/platform/site-access';
import { call } from '@/lib/rpc/client';
import { writeSettings, type Settings } from '@/lib/settings';
import { ADAPTERS } from '@/lib/sites';
import { errorText } from './error-text';
import { useUi } from './ui-context';

/**
 * The sites BuyerLens runs on: built-in adapters (each can be switched off), the hosts the
 * user granted (access can be taken back), and taught recipes (export, import, delete).
 */
export function SitesSection({ settings }: { settings: Settings }) {
  const { t } = useUi();
  const [granted, setGranted] = useState<string[] | undefined>();
  const [recipes, setRecipes] = useState<SiteRecipe[] | undefined>();
  const [message, setMessage] = useState<{ text: string; bad: boolean } | undefined>();

  const reload = async () => {
    setGranted(await grantedPatterns());
    setRecipes(await call('recipes.list', {}).catch(() => []));
  };
  useEffect(() => {
    void reload();
    browser.permissions.onAdded.addListener(reload);
    browser.permissions.onRemoved.addListener(reload);
    return () => {
      browser.permissions.onAdded.removeListener(reload);
      browser.permissions.onRemoved.removeListener(reload);
    };
  }, []);

  const run = async (work: () => Promise<unknown>, done?: string) => {
    setMessage(undefined);
    try {
      await work();
      if (done) setMessage({ text: done, bad: false });
      await reload();
    } catch (err) {
      setMessage({ text: errorText(err, t), bad: true });
    }
  };

  const toggleSite = (id: string, on: boolean) =>
    void run(() =>
      writeSettings({ disabledSites: on ? settings.disabledSites.filter((s) => s !== id) : [...settings.disabledSites, id] }),
    );

  const exportRecipes = () => {
    const file: RecipeExport = { format: 'buyerlens-recipes', version: 1, recipes: recipes ?? [] };
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'buyerlens-recipes.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const importRecipes = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void run(async () => {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        throw new Error(t('sites.importNotJson'));
      }
      // Checked here for a clear message, and again by the background: all or nothing.
      const parsed = RecipeExport.safeParse(json);
      if (!parsed.success) throw new Error(t('sites.importInvalid'));
      const { imported } = await call('recipes.import', { file: parsed.data });
      setMessage({ text: t('sites.imported', { count: imported }), bad: false });
    });
  };

  return (
    <section class="card" aria-labelledby="sites-title" data-bl="sites">
      <h2 id="sites-title">{t('sites.title')}</h2>
      <h3>{t('sites.builtIn')}</h3>
      <ul class="sites">
        {ADAPTERS.map((adapter) => (
          <li key={adapter.id}>
            <label>
              <input
                type="checkbox"
                data-bl="site-toggle"
                checked={!settings.disabledSites.includes(adapter.id)}
                onChange={(e) => toggleSite(adapter.id, e.currentTarget.checked)}
              />{' '}
              {adapter.name}
            </label>
          </li>
        ))}
      </ul>
      <h3>{t('sites.granted')}</h3>
      {granted === undefined ? (
        <p class="muted">…</p>
      ) : granted.length === 0 ? (
        <p class="muted">{t('sites.noneGranted')}</p>
      ) : (
        <ul class="sites">
          {granted.map((pattern) => (
            <li key={pattern}>
              <code>{pattern}</code>
              <button type="button" class="danger" onClick={() => void run(() => browser.permissions.remove({ origins: [pattern] }))}>
                {t('sites.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('sites.recipes')}</h3>
      {recipes && recipes.length === 0 && <p class="muted">{t('sites.noRecipes')}</p>}
      {recipes && recipes.length > 0 && (
        <ul class="sites">
          {recipes.map((recipe) => (
            <li key={recipe.id} data-bl="recipe">
              <span>
                <b>{recipe.name}</b> <code>{recipe.origin + recipe.pathPrefix}</code>
              </span>
              <button type="button" class="danger" onClick={() => void run(() => call('recipes.delete', { id: recipe.id }))}>
                {t('sites.deleteRecipe')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="rules-bar">
        <button type="button" onClick={exportRecipes} disabled={!recipes?.length}>
          {t('sites.export')}
        </button>
        <label class="file-button">
          {t('sites.import')}
          <input type="file" accept="application/json,.json" data-bl="recipes-import" onChange={(e) => importRecipes(e.currentTarget)} />
        </label>
      </div>
      {message && (
        <p class={message.bad ? 'error' : 'saved'} role={message.bad ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
