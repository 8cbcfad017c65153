import { createPortal } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ShopStore } from '@/lib/content/store';
import { createShadowHost } from '@/lib/content/shadow-host';
import type { CustomerRow } from '@/lib/model/owner';
import type { BuyerSighting, ShopRef } from '@/lib/model/sighting';
import { defaultTagColor } from '@/lib/model/tag-color';
import type { ProfileView } from '@/lib/model/views';
import { call } from '@/lib/rpc/owner-client';
import { errorText } from '../../error-text';
import { ProfilePanel } from '../../ProfilePanel';
import { useCan } from '../../role';
import { UI_CSS } from '../../styles';
import { TagEditor } from '../../TagEditor';
import { useUi } from '../../ui-context';

export interface DrawerProfileProps {
  readonly shopId: string;
  readonly row: CustomerRow;
  /** Bumped when the background announces a change to this shop (another tab, sync). */
  readonly version: number;
  /** A write that failed outside a form that shows its own error (removing a tag from its chip). */
  readonly onError: (message: string) => void;
  /** Every platform key the customer goes by, once the profile has them. */
  readonly onKeys: (keys: readonly string[]) => void;
}

/**
 * The drawer names the customer and has its own close button: the panel's header (name, key,
 * collapse) would only repeat it. Sections sit flush with the drawer's padding.
 */
const DRAWER_CSS = `${UI_CSS}
.panel { border: 0; border-radius: 0; }
.panel-head { display: none; }
.section { padding: 10px 0; }
`;

/** `platform:key` → the shop reference tagging needs (the name only matters for a shop not yet recorded). */
export function shopRefOf(shopId: string): ShopRef {
  const at = shopId.indexOf(':');
  const key = shopId.slice(at + 1);
  return { platform: shopId.slice(0, at), key, name: key };
}

/**
 * The agent's ProfilePanel and TagEditor, in the owner's drawer: a shadow root carries their
 * px-sized content styles without leaking them into the options page (or the page's into them),
 * and a ShopStore over the owner's caller does the tagging, notes and actions as on a chat page.
 */
export function DrawerProfile({ shopId, row, version, onError, onKeys }: DrawerProfileProps) {
  const { t } = useUi();
  // Agents may edit a note, not erase it (lib/sync/roles.ts): they are not offered Delete.
  const mayDeleteNotes = useCan('note.delete');
  const store = useMemo(() => new ShopStore(shopRefOf(shopId), call), [shopId]);
  const buyer: BuyerSighting = useMemo(
    () => ({ key: row.key, otherKeys: [], displayName: row.displayName.trim() || row.key }),
    [row.key, row.displayName],
  );
  const [profile, setProfile] = useState<ProfileView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [followed, setFollowed] = useState(false);
  const [editor, setEditor] = useState<HTMLElement | undefined>();
  const [, setTick] = useState(0);
  const loads = useRef(0);

  const slot = useRef<HTMLDivElement>(null);
  const [root, setRoot] = useState<ShadowRoot | undefined>();
  useLayoutEffect(() => {
    const shadow = createShadowHost(document, 'buyerlens-profile', 'open', DRAWER_CSS);
    shadow.host.style.setProperty('display', 'block');
    slot.current!.append(shadow.host);
    setRoot(shadow.root);
    return () => shadow.host.remove();
  }, []);

  useEffect(() => store.subscribe(() => setTick((n) => n + 1)), [store]);

  const load = async () => {
    const n = ++loads.current;
    try {
      const next = await store.profile(row.id);
      if (n !== loads.current) return;
      setProfile(next);
      setError(undefined);
      onKeys(next.keys);
    } catch (err) {
      if (n === loads.current) setError(errorText(err, t));
    }
  };

  // On open and whenever this shop changes elsewhere: the profile, and the tags the store follows.
  useEffect(() => {
    void load();
    let live = true;
    store.follow([row.id]).then(
      () => live && setFollowed(true),
      (err: unknown) => live && setError(errorText(err, t)),
    );
    return () => void (live = false);
  }, [store, row.id, version]);

  /** Writes re-read the profile at once; the change announcement that follows reloads it again. */
  const then = async (write: Promise<unknown>) => {
    await write;
    await load();
  };

  // The table's tags until the store has read the customer's own.
  const tags = followed ? store.tagsOf(row.id) : row.tags;
  const draftKey = `${shopId}:${row.id}`;

  return (
    <>
      <div ref={slot} class="drawer-profile" />
      {root &&
        createPortal(
          <>
            <ProfilePanel
              buyerName={buyer.displayName}
              buyerKey={row.key}
              draftKey={draftKey}
              profile={profile}
              tags={tags}
              error={error}
              onOpenEditor={setEditor}
              onRemoveTag={(tag) => void store.removeTag(tag.id, [row.id]).catch((err: unknown) => onError(errorText(err, t)))}
              onSaveNote={(text, note) => then(store.saveNote(row.id, text, note))}
              onDeleteNote={mayDeleteNotes ? (note) => then(store.deleteNote(note.id)) : undefined}
              onMarkAction={(s, state) => then(store.markAction(row.id, s.ruleId, state, s.factsKey))}
            />
            {editor && (
              // Esc inside the editor closes the editor alone, never the drawer around it.
              <div onKeyDown={(e) => e.key === 'Escape' && e.stopPropagation()}>
                <TagEditor
                  title={t('editor.label', { name: buyer.displayName })}
                  anchor={editor}
                  mode="single"
                  allTags={store.allTags()}
                  selected={tags}
                  defaultColor={defaultTagColor}
                  onClose={() => setEditor(undefined)}
                  onCreate={(name, color) => store.createTag(name, color)}
                  onColor={(tag, color) => store.setTagColor(tag.id, color)}
                  onRemove={(tag) => store.removeTag(tag.id, [row.id])}
                  onAdd={async (tag) => void (await store.addTag(tag.id, [buyer]))}
                />
              </div>
            )}
          </>,
          root as unknown as Element,
        )}
    </>
  );
}
