import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { analyze, complete, type CompletionItem } from '@/lib/segments';
import { useOwnerT } from '../owner-ui';
import { acceptCompletion } from './query-edit';
import { QueryError } from './QueryError';
import { SegmentExamples } from './SegmentExamples';

export interface SegmentEditorProps {
  readonly value: string;
  readonly onChange: (text: string) => void;
  /** The shop's tag names: offered as values of customer_tags. */
  readonly tags: readonly string[];
  /** The live count, shown beside the input. */
  readonly children?: ComponentChildren;
}

const LISTBOX_ID = 'segment-completions';

/**
 * The segment query input: checked as you type (the error points at the character) and an
 * ARIA combobox offering what may come next: fields, operators, enum values, the shop's tags.
 */
export function SegmentEditor({ value, onChange, tags, children }: SegmentEditorProps) {
  const t = useOwnerT();
  const input = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState(value.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // Where the caret should go after we change the text ourselves (accepting a completion).
  const pendingCursor = useRef<number | undefined>(undefined);

  const trimmed = value.trim();
  const error = useMemo(() => (trimmed ? analyze(value).errors[0] : undefined), [value, trimmed]);
  const completions = useMemo(() => complete(value, cursor, { tags }), [value, cursor, tags]);
  const items = completions.items.slice(0, 50);
  const shown = open && items.length > 0;

  useEffect(() => {
    const at = pendingCursor.current;
    if (at === undefined || !input.current) return;
    pendingCursor.current = undefined;
    input.current.setSelectionRange(at, at);
  }, [value]);

  useEffect(() => setActive(0), [completions.from, value]);

  const accept = (item: CompletionItem) => {
    const next = acceptCompletion(value, completions.from, completions.to, item);
    pendingCursor.current = next.cursor;
    setCursor(next.cursor);
    // After a value the condition is whole: close and let the person decide what comes next.
    setOpen(item.kind !== 'value');
    onChange(next.text);
    input.current?.focus();
  };

  const syncCursor = () => setCursor(input.current?.selectionStart ?? value.length);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!shown) {
        syncCursor();
        setOpen(true);
        return;
      }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + items.length) % items.length);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && shown && items[active]) {
      e.preventDefault();
      accept(items[active]!);
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      syncCursor();
      setOpen(true);
    }
  };

  const kindLabel: Record<CompletionItem['kind'], string> = {
    field: t('lists.editor.kind.field'),
    operator: t('lists.editor.kind.operator'),
    value: t('lists.editor.kind.value'),
    keyword: t('lists.editor.kind.keyword'),
    punctuation: '',
  };

  return (
    <div class="seg-editor">
      <label class="seg-label" for="segment-input">
        {t('lists.editor.label')}
      </label>
      <div class="seg-row">
        <div class="seg-combo">
          <input
            ref={input}
            id="segment-input"
            data-bl="segment-input"
            class={`seg-input${error ? ' invalid' : ''}`}
            type="text"
            role="combobox"
            autocomplete="off"
            spellcheck={false}
            aria-autocomplete="list"
            aria-expanded={shown}
            aria-controls={LISTBOX_ID}
            aria-activedescendant={shown ? `${LISTBOX_ID}-${active}` : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby="segment-help"
            placeholder={t('lists.editor.placeholder')}
            value={value}
            onInput={(e) => {
              setCursor(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
              setOpen(true);
              onChange(e.currentTarget.value);
            }}
            onKeyDown={onKeyDown}
            onKeyUp={(e) => (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') && syncCursor()}
            onClick={syncCursor}
            onBlur={() => setOpen(false)}
          />
          {shown && (
            <ul id={LISTBOX_ID} role="listbox" class="seg-options" aria-label={t('lists.editor.suggestions')}>
              {items.map((item, i) => (
                <li
                  key={`${item.kind}:${item.insert}`}
                  id={`${LISTBOX_ID}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  data-bl="segment-option"
                  class={i === active ? 'active' : ''}
                  // mousedown, not click: the input must keep focus.
                  onMouseDown={(e) => {
                    e.preventDefault();
                    accept(item);
                  }}
                >
                  <span class="label">{item.label}</span>
                  {kindLabel[item.kind] && <span class="kind">{kindLabel[item.kind]}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
        {value && (
          <button type="button" class="link" onClick={() => onChange('')} data-bl="segment-clear">
            {t('lists.editor.clear')}
          </button>
        )}
        {children}
      </div>
      <p id="segment-help" class="muted seg-help">
        {t('lists.editor.help')}
      </p>
      {error && <QueryError text={value} error={error} onFix={onChange} />}
      {!trimmed && <SegmentExamples tags={tags} onPick={onChange} />}
    </div>
  );
}
