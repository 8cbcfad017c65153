import { createPortal, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ShopStore } from '@/lib/content/store';
import type { TagColor } from '@/lib/model/entities';
import type { BuyerSighting } from '@/lib/model/sighting';
import { BulkBar } from './BulkBar';
import { TagEditor } from './TagEditor';
import { Toast, type ToastMessage } from './Toast';
import { UiContext, type Ui } from './ui-context';

export interface EditorRequest {
  readonly anchor: HTMLElement;
  readonly mode: 'single' | 'bulk';
  readonly title: string;
  /** The buyers the editor tags: one in single mode, the selection in bulk mode. */
  readonly buyers: readonly BuyerSighting[];
}

export interface BulkState {
  readonly orders: number;
  readonly buyers: readonly BuyerSighting[];
  readonly clear: () => void;
}

interface Portal {
  readonly root: ShadowRoot;
  readonly render: () => ComponentChildren;
}

/**
 * One Preact root per page: the overlay (editor, bulk bar, toasts) renders here, and every row
 * host and the profile dock are portals of it. One render pass instead of one per row.
 */
export class OverlayUi {
  private readonly portals = new Set<Portal>();
  private readonly listeners = new Set<() => void>();
  editor: EditorRequest | undefined;
  bulk: BulkState | undefined;
  toastMessage: ToastMessage | undefined;
  private toastId = 0;

  constructor(
    readonly store: ShopStore,
    readonly defaultColor: (name: string) => TagColor,
  ) {}

  /** Render into a shadow root for as long as its host is in the page; returns the remover. */
  addPortal(root: ShadowRoot, render: () => ComponentChildren): () => void {
    const portal = { root, render };
    this.portals.add(portal);
    this.changed();
    return () => {
      if (this.portals.delete(portal)) this.changed();
    };
  }

  openEditor(request: EditorRequest): void {
    this.editor = request;
    this.changed();
  }

  closeEditor(): void {
    this.editor = undefined;
    this.changed();
  }

  setBulk(bulk: BulkState | undefined): void {
    this.bulk = bulk;
    this.changed();
  }

  toast(text: string, tone: ToastMessage['tone'] = 'good'): void {
    this.toastMessage = { id: ++this.toastId, text, tone };
    this.changed();
  }

  /** Re-render every portal (their data changed outside the store). */
  refresh(): void {
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Live portals; those whose host the page removed are dropped here. */
  livePortals(): Portal[] {
    const live: Portal[] = [];
    for (const p of this.portals) {
      if (p.root.host.isConnected) live.push(p);
      else this.portals.delete(p);
    }
    return live;
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

export function ContentOverlay({ overlay, ui }: { overlay: OverlayUi; ui: Ui }) {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const offStore = overlay.store.subscribe(bump);
    const offUi = overlay.subscribe(bump);
    // Features add portals right after the first render, before effects run: catch up on them.
    bump();
    return () => {
      offStore();
      offUi();
    };
  }, [overlay]);

  return (
    <UiContext.Provider value={ui}>
      {overlay.livePortals().map((p) => createPortal(<>{p.render()}</>, p.root as unknown as Element))}
      {overlay.bulk && (
        <BulkBar
          orders={overlay.bulk.orders}
          buyers={overlay.bulk.buyers.length}
          onClear={overlay.bulk.clear}
          onTag={(anchor) =>
            overlay.openEditor({
              anchor,
              mode: 'bulk',
              title: ui.t('editor.labelBulk', { count: overlay.bulk!.buyers.length }),
              buyers: overlay.bulk!.buyers,
            })
          }
        />
      )}
      {overlay.editor && <EditorFor overlay={overlay} request={overlay.editor} ui={ui} />}
      {overlay.toastMessage && <Toast message={overlay.toastMessage} onDone={() => (overlay.toastMessage = undefined)} />}
    </UiContext.Provider>
  );
}

function EditorFor({ overlay, request, ui }: { overlay: OverlayUi; request: EditorRequest; ui: Ui }) {
  const { store } = overlay;
  const customerId = request.mode === 'single' && request.buyers[0] ? store.customerIdOf(request.buyers[0]) : undefined;
  return (
    <TagEditor
      title={request.title}
      anchor={request.anchor}
      mode={request.mode}
      allTags={store.allTags()}
      selected={customerId ? store.tagsOf(customerId) : []}
      defaultColor={overlay.defaultColor}
      onClose={() => overlay.closeEditor()}
      onCreate={(name, color) => store.createTag(name, color)}
      onColor={(tag, color) => store.setTagColor(tag.id, color)}
      onRemove={async (tag) => {
        if (customerId) await store.removeTag(tag.id, [customerId]);
      }}
      onAdd={async (tag) => {
        await store.addTag(tag.id, [...request.buyers]);
        // The page's selection stays as it was: the seller may apply another tag to it.
        if (request.mode === 'bulk') overlay.toast(ui.t('editor.applied', { count: request.buyers.length, tag: tag.name }));
      }}
    />
  );
}
