import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { TAG_COLORS, TagName, type TagColor } from '@/lib/model/entities';
import { tagNameKey } from '@/lib/model/ids';
import type { TagView } from '@/lib/model/views';
import { errorText } from './error-text';
import { useUi } from './ui-context';

export interface TagEditorProps {
  readonly title: string;
  /** The element the editor opened from: it is placed beside it and gets focus back on close. */
  readonly anchor: HTMLElement;
  readonly allTags: readonly TagView[];
  /** Tags the buyer has (single mode); empty when tagging a selection. */
  readonly selected: readonly TagView[];
  readonly mode: 'single' | 'bulk';
  readonly onAdd: (tag: TagView) => Promise<void>;
  readonly onCreate: (name: string, color: TagColor) => Promise<TagView>;
  readonly onRemove: (tag: TagView) => Promise<void>;
  readonly onColor: (tag: TagView, color: TagColor) => Promise<void>;
  readonly onClose: () => void;
  readonly defaultColor: (name: string) => TagColor;
}

type Option = { kind: 'tag'; tag: TagView } | { kind: 'create'; name: string };

const WIDTH = 280;

/** Type to filter or create; Enter adds; Backspace removes the last; Esc closes. An ARIA combobox. */
export function TagEditor(props: TagEditorProps) {
  const { t } = useUi();
  const { allTags, selected, mode } = props;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [newColor, setNewColor] = useState<TagColor | undefined>();
  const [position, setPosition] = useState({ top: -9999, left: -9999 });
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = 'bl-tag-options';

  const selectedIds = useMemo(() => new Set(selected.map((s) => s.id)), [selected]);
  const options = useMemo(() => buildOptions(allTags, query), [allTags, query]);
  const current = options[Math.min(active, options.length - 1)];

  useEffect(() => setActive(0), [query]);
  useEffect(() => input.current?.focus(), []);

  // Stay beside the anchor while the page scrolls; close if the anchor goes away.
  useLayoutEffect(() => {
    let frame = 0;
    const place = () => {
      frame = 0;
      if (!props.anchor.isConnected) return props.onClose();
      const rect = props.anchor.getBoundingClientRect();
      const height = box.current?.offsetHeight ?? 300;
      const below = rect.bottom + 4;
      const top = below + height > innerHeight - 8 && rect.top - height - 4 > 8 ? rect.top - height - 4 : below;
      const left = Math.max(8, Math.min(rect.left, innerWidth - WIDTH - 8));
      setPosition({ top, left });
    };
    const schedule = () => (frame ||= requestAnimationFrame(place));
    place();
    addEventListener('scroll', schedule, true);
    addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      removeEventListener('scroll', schedule, true);
      removeEventListener('resize', schedule);
    };
  }, [props.anchor, options.length, selected.length]);

  // A click anywhere outside closes the editor.
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (box.current && !e.composedPath().includes(box.current)) close(false);
    };
    addEventListener('pointerdown', onDown, true);
    return () => removeEventListener('pointerdown', onDown, true);
  }, []);

  function close(refocus = true) {
    props.onClose();
    if (refocus && props.anchor.isConnected) props.anchor.focus();
  }

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  function choose(option: Option | undefined) {
    if (!option || busy) return;
    void run(async () => {
      if (option.kind === 'create') {
        const parsed = TagName.safeParse(option.name);
        if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'tag.errors.empty');
        const tag = await props.onCreate(parsed.data, newColor ?? props.defaultColor(parsed.data));
        await props.onAdd(tag);
      } else if (mode === 'single' && selectedIds.has(option.tag.id)) {
        await props.onRemove(option.tag);
      } else {
        await props.onAdd(option.tag);
      }
      setQuery('');
      setNewColor(undefined);
      if (mode === 'bulk') close();
    });
  }

  function onKeyDown(e: KeyboardEvent) {
    // An IME is composing Chinese: its Enter and Escape are the IME's, and never the page's.
    if (e.isComposing) return e.stopPropagation();
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        setActive((a) => Math.min(a + 1, options.length - 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        setActive((a) => Math.max(a - 1, 0));
        break;
      case 'Enter':
        e.preventDefault();
        // Only spaces typed: say why nothing happens rather than add whatever is listed first.
        if (query && !query.trim()) setError(t('tag.errors.empty'));
        else choose(current);
        break;
      case 'Escape':
        e.preventDefault();
        close();
        break;
      case 'Backspace':
        if (!query && mode === 'single' && selected.length && !busy) {
          e.preventDefault();
          void run(() => props.onRemove(selected[selected.length - 1]!));
        }
        break;
    }
    e.stopPropagation(); // keep the page's own shortcuts out of our typing
  }

  const paletteTarget = current?.kind === 'tag' ? current.tag : undefined;
  const paletteColor = paletteTarget?.color ?? newColor ?? (current?.kind === 'create' ? props.defaultColor(current.name) : undefined);

  return (
    <div
      ref={box}
      class="bl editor"
      role="dialog"
      aria-label={props.title}
      style={{ top: `${position.top}px`, left: `${position.left}px` }}
      onKeyDown={(e) => e.key === 'Escape' && !e.isComposing && close()}
    >
      <div class="editor-head">
        <span class="editor-title">{props.title}</span>
        <button type="button" class="icon-btn" aria-label={t('editor.close')} onClick={() => close()}>
          ×
        </button>
      </div>
      {mode === 'single' && selected.length > 0 && (
        <div class="editor-chips">
          {selected.map((tag) => (
            <span key={tag.id} class={`chip c-${tag.color}`} data-bl="editor-chip">
              <span class="chip-name">{tag.name}</span>
              <button
                type="button"
                class="chip-x"
                aria-label={t('chips.remove', { tag: tag.name })}
                onClick={() => void run(() => props.onRemove(tag))}
              >
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      <input
        ref={input}
        data-bl="tag-input"
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? `bl-opt-${active}` : undefined}
        placeholder={t('editor.placeholder')}
        maxLength={80}
        value={query}
        disabled={busy}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      {options.length ? (
        <ul class="options" id={listId} role="listbox" aria-label={t('profile.tags')}>
          {options.map((option, i) => (
            <li
              key={option.kind === 'tag' ? option.tag.id : 'create'}
              id={`bl-opt-${i}`}
              role="option"
              data-bl="tag-option"
              aria-selected={i === active}
              class={`option${option.kind === 'create' ? ' create' : ''}`}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(option)}
            >
              {option.kind === 'tag' ? (
                <>
                  <span class={`dot d-${option.tag.color}`} aria-hidden="true" />
                  <span class="name">{option.tag.name}</span>
                  {mode === 'single' && selectedIds.has(option.tag.id) && (
                    <span class="check" aria-hidden="true">
                      ✓
                    </span>
                  )}
                </>
              ) : (
                <>
                  <span class={`dot d-${newColor ?? props.defaultColor(option.name)}`} aria-hidden="true" />
                  <span class="name">{t('editor.create', { name: option.name })}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <div class="empty">{allTags.length ? t('editor.noMatch') : t('editor.noTags')}</div>
      )}
      {paletteColor && (
        <div class="palette" role="group" aria-label={t('editor.color', { tag: paletteTarget?.name ?? query.trim() })}>
          {TAG_COLORS.map((color) => (
            <button
              key={color}
              type="button"
              class={`swatch d-${color}`}
              aria-label={color}
              aria-pressed={color === paletteColor}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                if (paletteTarget) void run(() => props.onColor(paletteTarget, color));
                else setNewColor(color);
                input.current?.focus();
              }}
            />
          ))}
        </div>
      )}
      {error && (
        <div class="error" role="alert">
          {error}
        </div>
      )}
      <div class="hint">{t('editor.hint')}</div>
    </div>
  );
}

/** Matching tags (prefix matches first), then "create" when the typed name is new. */
export function buildOptions(tags: readonly TagView[], query: string): Option[] {
  // Stored names have inner runs of spaces collapsed (TagName): compare like with like.
  const q = tagNameKey(query.replace(/\s+/g, ' '));
  const matching = tags
    .filter((tag) => !q || tagNameKey(tag.name).includes(q))
    .sort((a, b) => {
      const pa = tagNameKey(a.name).startsWith(q) ? 0 : 1;
      const pb = tagNameKey(b.name).startsWith(q) ? 0 : 1;
      return pa - pb || a.name.localeCompare(b.name, 'zh-CN');
    });
  const options: Option[] = matching.map((tag) => ({ kind: 'tag', tag }));
  const typed = query.trim().replace(/\s+/g, ' ');
  if (typed && !tags.some((tag) => tagNameKey(tag.name) === q)) options.push({ kind: 'create', name: typed });
  return options;
}
