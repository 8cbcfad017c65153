import { render } from 'preact';
import { UI_CSS } from '@/components/styles';
import { TEACH_CSS, TeachPanel } from '@/components/TeachPanel';
import { UiContext, type Ui } from '@/components/ui-context';
import { createShadowHost, type ShadowMode } from '@/lib/content/shadow-host';
import type { SiteRecipe } from '@/lib/model/recipe';

export interface TeachOptions {
  readonly document: Document;
  readonly shadowMode: ShadowMode;
  readonly ui: Ui;
  /** Store the recipe. A rejection is shown in the panel and teaching goes on. */
  readonly onSave: (recipe: SiteRecipe) => Promise<void>;
  /** Teaching ended without a save (Cancel or Escape); not called when the caller stops it. */
  readonly onCancel?: () => void;
}

/**
 * Start "Teach this page" on a document: our own shadow host on <html> with the teach panel
 * and its highlight boxes. Returns stop, which removes every listener and element it added
 * (and may be called more than once).
 */
export function startTeaching(options: TeachOptions): () => void {
  const doc = options.document;
  const { host, root } = createShadowHost(doc, 'buyerlens-teach', options.shadowMode, UI_CSS + TEACH_CSS);
  host.setAttribute('style', 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;');
  // Outside <body>: single-page apps that re-render the body leave us alone.
  doc.documentElement.append(host);
  // What happens in our panel is not the page's business: its "click outside" and keyboard
  // shortcut handlers do not see our clicks and typing.
  for (const type of ['click', 'pointerdown', 'mousedown', 'keydown', 'keyup', 'keypress', 'input']) {
    host.addEventListener(type, (e) => e.stopPropagation());
  }
  let stopped = false;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    render(null, root as unknown as Element); // unmounting removes the panel's page listeners
    host.remove();
  };

  render(
    <UiContext.Provider value={options.ui}>
      <TeachPanel
        document={doc}
        host={host}
        onSave={options.onSave}
        onCancel={() => {
          stop();
          options.onCancel?.();
        }}
      />
    </UiContext.Provider>,
    root as unknown as Element,
  );
  return stop;
}
