import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Language } from '@/lib/i18n';
import { teachEn, type TeachKey } from '@/lib/i18n/teach.en';
import { teachZhCN } from '@/lib/i18n/teach.zh-CN';
import { recipeErrorKey, SiteRecipe } from '@/lib/model/recipe';
import { fieldSelector, proposeRecipe, refine, type Proposal } from '@/lib/sites/recipe/propose';
import { useUi } from './ui-context';

/**
 * "Teach this page": the user clicks a buyer's name in one row; we propose selectors matching
 * the same cell on every row, highlight them with a count, let the user refine them and pick the
 * optional order id, date and total, and save a validated SiteRecipe.
 *
 * The panel listens to the page in the capture phase, so the page's links and handlers do not
 * see the clicks meant for us; clicks inside our own host are left alone. Page text is shown
 * only as text.
 */

export type OptionalField = 'orderId' | 'date' | 'total';
const OPTIONAL_FIELDS: readonly OptionalField[] = ['orderId', 'date', 'total'];

/** Most highlight boxes drawn at once. */
export const MAX_BOXES = 2000;
const NAME_MAX = 60;

export interface TeachPanelProps {
  readonly document: Document;
  /** Our own host element: clicks and keys inside it are ours, not the page's. */
  readonly host: Element;
  readonly onSave: (recipe: SiteRecipe) => Promise<void>;
  /** The user cancelled (button or Escape). */
  readonly onCancel: () => void;
  /** Recipe ids; defaults to a random one. */
  readonly makeId?: () => string;
  readonly now?: () => number;
}

/** CSS of the teach host, added to UI_CSS. */
export const TEACH_CSS = `
.teach { position: fixed; top: 16px; right: 16px; z-index: 2147483647; width: 320px; max-height: calc(100vh - 32px); overflow-y: auto; background: #fff; border: 1px solid #d1d5db; border-radius: 10px; box-shadow: 0 10px 30px rgba(15,23,42,.22); padding: 12px 14px; font-size: 13px; }
.teach:focus { outline: none; }
.teach:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
.teach h2 { margin: 0 0 6px; font-size: 13px; font-weight: 600; color: #111827; }
.teach .step { margin: 0 0 4px; font-size: 13px; font-weight: 600; color: #1d4ed8; }
.teach .sub { margin: 0 0 8px; font-size: 11px; color: #6b7280; }
.teach .count { margin: 6px 0; font-size: 14px; font-weight: 600; color: #111827; text-transform: none; }
.teach .btns { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
.teach .fields { list-style: none; margin: 8px 0; padding: 0; }
.teach .field { display: flex; align-items: center; gap: 6px; padding: 3px 0; font-size: 12px; }
.teach .field-name { font-weight: 600; color: #374151; flex: none; }
.teach .field-sample { flex: 1; min-width: 0; color: #6b7280; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.teach label { display: block; margin: 8px 0 3px; font-size: 11px; font-weight: 600; color: #374151; }
.teach input { width: 100%; height: 28px; border: 1px solid #d1d5db; border-radius: 6px; padding: 0 8px; font: inherit; font-size: 13px; color: #111827; background: #fff; }
.teach input:focus { border-color: #2563eb; outline: none; box-shadow: 0 0 0 3px rgba(37,99,235,.18); }
.teach .note { margin: 6px 0; color: #92400e; background: #fffbeb; border-radius: 5px; padding: 5px 7px; font-size: 12px; }
.teach .btn[aria-pressed="true"] { background: #eff6ff; border-color: #2563eb; color: #1d4ed8; }
.teach-box { position: fixed; z-index: 2147483646; pointer-events: none; outline: 2px solid #2563eb; background: rgba(37,99,235,.10); border-radius: 3px; }
.teach-box.clicked { outline-color: #f59e0b; background: rgba(245,158,11,.14); }
`;

type Mode = { kind: 'buyer' } | { kind: 'review' } | { kind: 'pick'; field: OptionalField };

interface PickedField {
  readonly selector: string;
  readonly sample: string;
}

type Params = Record<string, string | number>;

/** `ui.t` for the teach keys, with our own dictionaries until the lead merges them. */
export function useTeachT(): (key: TeachKey, params?: Params) => string {
  const { t, language } = useUi();
  return (key, params) => {
    const out = (t as unknown as (k: string, p?: Params) => string)(key, params);
    return out !== key ? out : local(language, key, params);
  };
}

function local(language: Language, key: TeachKey, params?: Params): string {
  const template = (language === 'zh-CN' ? teachZhCN[key] : undefined) ?? teachEn[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const v = params[name]!;
    return typeof v === 'number' ? new Intl.NumberFormat(language).format(v) : v;
  });
}

function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function short(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function randomId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return `r_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The page's path without trailing id-like segments: `/store/orders/page/2` → `/store/orders/page`. */
export function pathPrefixOf(pathname: string): string {
  const segments = pathname.split('/').filter(Boolean);
  while (segments.length && /\d{2,}|^\d+$/.test(segments[segments.length - 1]!)) segments.pop();
  const path = `/${segments.join('/')}`;
  return path.length > 200 ? path.slice(0, 200) : path;
}

function defaultName(doc: Document): string {
  const title = (doc.title ?? '').replace(/\s+/g, ' ').trim();
  const base = title || doc.location?.host || '';
  return base.slice(0, NAME_MAX).trim();
}

interface Box {
  readonly key: number;
  readonly top: number;
  readonly left: number;
  readonly width: number;
  readonly height: number;
  readonly clicked: boolean;
}

export function TeachPanel(props: TeachPanelProps) {
  const tt = useTeachT();
  const doc = props.document;
  const view = doc.defaultView;
  const [mode, setMode] = useState<Mode>({ kind: 'buyer' });
  const [proposal, setProposal] = useState<Proposal | undefined>();
  const [clicked, setClicked] = useState<Element | undefined>();
  const [fields, setFields] = useState<Partial<Record<OptionalField, PickedField>>>({});
  const [name, setName] = useState(() => defaultName(doc));
  const [note, setNote] = useState<TeachKey | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [boxes, setBoxes] = useState<Box[]>([]);
  const panel = useRef<HTMLDivElement>(null);

  // Current state for the page listeners, which are added once.
  const state = useRef({ mode, proposal, busy });
  state.current = { mode, proposal, busy };

  const broader = useMemo(() => (proposal && clicked ? refine(proposal, clicked, 'broader') : undefined), [proposal, clicked]);
  const narrower = useMemo(() => (proposal && clicked ? refine(proposal, clicked, 'narrower') : undefined), [proposal, clicked]);

  useEffect(() => panel.current?.focus(), []);

  function onPageClick(target: Element) {
    const { mode: m, proposal: p } = state.current;
    setError('');
    if (m.kind === 'pick' && p) {
      const row = p.rows.find((r) => r.contains(target));
      if (!row) return setNote('teach.pickOutside');
      const selector = fieldSelector(row, target);
      if (!selector) return setNote('teach.pickFailed');
      let found: Element | null = null;
      try {
        found = row.querySelector(selector);
      } catch {
        found = null;
      }
      setFields((f) => ({ ...f, [m.field]: { selector, sample: textOf(found) } }));
      setNote(undefined);
      setMode({ kind: 'review' });
      return;
    }
    const next = proposeRecipe(target);
    if (!next) {
      setNote('teach.noRows');
      return;
    }
    setNote(undefined);
    setClicked(target);
    setProposal(next);
    setFields({});
    setMode({ kind: 'review' });
  }

  // The page's clicks are ours while teaching; so is Escape.
  useEffect(() => {
    const win: Window | Document = view ?? doc;
    const ours = (e: Event) => e.composedPath().includes(props.host);
    const swallow = (e: Event) => {
      if (ours(e)) return;
      e.stopPropagation();
    };
    const onClick = (e: Event) => {
      if (ours(e)) return;
      e.preventDefault();
      e.stopPropagation();
      e.stopImmediatePropagation();
      if (state.current.busy) return;
      const target = e.composedPath()[0] ?? e.target;
      const el = target && (target as Node).nodeType === 1 ? (target as Element) : ((target as Node | null)?.parentElement ?? null);
      if (el) onPageClick(el);
    };
    const onKey = (e: Event) => {
      const k = e as KeyboardEvent;
      if (k.key !== 'Escape' || k.isComposing) return;
      k.preventDefault();
      k.stopPropagation();
      if (state.current.mode.kind === 'pick') {
        setMode({ kind: 'review' });
        setNote(undefined);
      } else {
        props.onCancel();
      }
    };
    const pointerTypes = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'auxclick', 'dblclick'];
    win.addEventListener('click', onClick, true);
    win.addEventListener('keydown', onKey, true);
    for (const type of pointerTypes) win.addEventListener(type, swallow, true);
    return () => {
      win.removeEventListener('click', onClick, true);
      win.removeEventListener('keydown', onKey, true);
      for (const type of pointerTypes) win.removeEventListener(type, swallow, true);
    };
  }, []);

  // Outline boxes over every matched cell, kept in place while the page scrolls or resizes.
  useLayoutEffect(() => {
    const cells = proposal?.cells.slice(0, MAX_BOXES) ?? [];
    let frame = 0;
    const place = () => {
      frame = 0;
      const height = view?.innerHeight ?? 0;
      const width = view?.innerWidth ?? 0;
      const next: Box[] = [];
      cells.forEach((cell, key) => {
        const r = cell.getBoundingClientRect();
        // Off-screen boxes are not drawn (a list of thousands stays cheap); happy-dom lays out nothing.
        if (height && (r.bottom < 0 || r.top > height || r.right < 0 || r.left > width)) return;
        next.push({ key, top: r.top - 2, left: r.left - 2, width: r.width + 4, height: r.height + 4, clicked: cell === clicked || cell.contains(clicked ?? null) });
      });
      setBoxes(next);
    };
    const schedule = () => {
      if (!frame) frame = view ? view.requestAnimationFrame(place) : 0;
    };
    place();
    view?.addEventListener('scroll', schedule, true);
    view?.addEventListener('resize', schedule);
    return () => {
      if (frame) view?.cancelAnimationFrame(frame);
      view?.removeEventListener('scroll', schedule, true);
      view?.removeEventListener('resize', schedule);
    };
  }, [proposal, clicked]);

  function apply(next: Proposal | undefined) {
    if (next) setProposal(next);
  }

  async function save() {
    if (!proposal || busy) return;
    setError('');
    const url = new URL(doc.location?.href ?? doc.URL);
    const fieldSelectors: Record<string, string> = { buyer: proposal.cellSelector };
    for (const f of OPTIONAL_FIELDS) {
      const picked = fields[f];
      if (picked) fieldSelectors[f] = picked.selector;
    }
    const parsed = SiteRecipe.safeParse({
      id: (props.makeId ?? randomId)(),
      origin: url.origin,
      pathPrefix: pathPrefixOf(url.pathname),
      name,
      rowSelector: proposal.rowSelector,
      fields: fieldSelectors,
      createdAt: (props.now ?? Date.now)(),
      version: 1,
    });
    if (!parsed.success) {
      setError(tt(recipeErrorKey(parsed.error) as TeachKey));
      return;
    }
    setBusy(true);
    try {
      await props.onSave(parsed.data);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const reason = Object.hasOwn(teachEn, message) ? tt(message as TeachKey) : message;
      setError(tt('teach.saveFailed', { reason }));
    } finally {
      setBusy(false);
    }
  }

  const count = proposal?.rows.length ?? 0;
  const step: TeachKey =
    mode.kind === 'pick' ? (`teach.step.pick.${mode.field}` as TeachKey) : mode.kind === 'review' ? 'teach.step.review' : 'teach.step.buyer';
  const hint: TeachKey = mode.kind === 'review' ? 'teach.step.review.hint' : 'teach.step.buyer.hint';
  const buyerSample = proposal && clicked ? textOf(proposal.cells[proposal.rows.findIndex((r) => r.contains(clicked))]) : '';

  return (
    <>
      {boxes.map((b) => (
        <div
          key={b.key}
          class={`teach-box${b.clicked ? ' clicked' : ''}`}
          data-bl="teach-box"
          aria-hidden="true"
          style={{ top: `${b.top}px`, left: `${b.left}px`, width: `${b.width}px`, height: `${b.height}px` }}
        />
      ))}
      <div class="teach bl" role="dialog" aria-label={tt('teach.title')} tabIndex={-1} ref={panel} data-bl="teach-panel">
        <h2>{tt('teach.title')}</h2>
        <p class="step" data-bl="teach-step">
          {tt(step)}
        </p>
        <p class="sub">{tt(hint)}</p>
        <div class="count" aria-live="polite" data-bl="teach-count">
          {proposal ? (count === 1 ? tt('teach.matches.one') : tt('teach.matches', { count })) : ''}
        </div>
        {note && (
          <div class="note" role="status" data-bl="teach-note">
            {tt(note)}
          </div>
        )}
        {proposal && (
          <>
            <div class="btns">
              <button
                type="button"
                class="btn btn-light"
                data-bl="teach-broader"
                aria-label={tt('teach.broader.label')}
                disabled={!broader || busy}
                onClick={() => apply(broader)}
              >
                {tt('teach.broader')}
              </button>
              <button
                type="button"
                class="btn btn-light"
                data-bl="teach-narrower"
                aria-label={tt('teach.narrower.label')}
                disabled={!narrower || busy}
                onClick={() => apply(narrower)}
              >
                {tt('teach.narrower')}
              </button>
            </div>
            <ul class="fields">
              <li class="field">
                <span class="field-name">{tt('teach.field.buyer')}</span>
                <span class="field-sample" data-bl="teach-sample-buyer">
                  {buyerSample ? tt('teach.field.sample', { text: short(buyerSample) }) : ''}
                </span>
              </li>
              {OPTIONAL_FIELDS.map((f) => {
                const picked = fields[f];
                return picked ? (
                  <li class="field" key={f}>
                    <span class="field-name">{tt(`teach.field.${f}`)}</span>
                    <span class="field-sample" data-bl={`teach-sample-${f}`}>
                      {tt('teach.field.sample', { text: short(picked.sample) })}
                    </span>
                    <button
                      type="button"
                      class="icon-btn"
                      aria-label={tt('teach.field.clear', { field: tt(`teach.field.${f}`) })}
                      onClick={() => setFields(({ [f]: _gone, ...rest }) => rest)}
                    >
                      ×
                    </button>
                  </li>
                ) : null;
              })}
            </ul>
            <div class="btns">
              {OPTIONAL_FIELDS.map((f) => {
                const picking = mode.kind === 'pick' && mode.field === f;
                return (
                  <button
                    key={f}
                    type="button"
                    class="btn btn-light"
                    data-bl={`teach-pick-${f}`}
                    aria-pressed={picking}
                    disabled={busy}
                    onClick={() => {
                      setNote(undefined);
                      setMode(picking ? { kind: 'review' } : { kind: 'pick', field: f });
                    }}
                  >
                    {picking ? tt('teach.pick.cancel') : tt(`teach.pick.${f}`)}
                  </button>
                );
              })}
            </div>
            {!fields.orderId && <p class="sub">{tt('teach.optional')}</p>}
            <label for="bl-teach-name">{tt('teach.name')}</label>
            <input
              id="bl-teach-name"
              data-bl="teach-name"
              maxLength={NAME_MAX}
              value={name}
              disabled={busy}
              onInput={(e) => setName(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.isComposing) {
                  e.preventDefault();
                  void save();
                }
              }}
            />
          </>
        )}
        {error && (
          <div class="error" role="alert" data-bl="teach-error">
            {error}
          </div>
        )}
        <div class="row">
          <span class="grow" />
          <button type="button" class="btn btn-light" data-bl="teach-cancel" onClick={() => props.onCancel()}>
            {tt('teach.cancel')}
          </button>
          {proposal && (
            <button type="button" class="btn btn-primary" data-bl="teach-save" disabled={busy} onClick={() => void save()}>
              {busy ? tt('teach.saving') : tt('teach.save')}
            </button>
          )}
        </div>
      </div>
    </>
  );
}
