import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '@/lib/rpc/owner-client';
import { formatDateTime } from '@/lib/i18n';
import { TAG_COLORS, type TagColor } from '@/lib/model/entities';
import type { SegmentVersionView, SegmentView } from '@/lib/model/owner';
import { useUi } from '../../ui-context';
import { TAG_PALETTE } from '../../styles';
import { useCan } from '../../role';
import { errorText, useOwnerT } from '../owner-ui';

export interface SegmentListProps {
  readonly shopId: string;
  /** Bumped when the shop's data changed elsewhere: reload. */
  readonly version: number;
  /** The query in the editor. */
  readonly query: string;
  /** Whether that query checks (only a valid query may be saved). */
  readonly valid: boolean;
  readonly onApply: (query: string) => void;
  /** The saved segment picked last (it names the export file). */
  readonly onSelect?: (segment: SegmentView | undefined) => void;
}

type Mode = { kind: 'idle' } | { kind: 'create' } | { kind: 'rename'; segment: SegmentView } | { kind: 'delete'; segment: SegmentView };

/** Saved segments as filter chips: one click applies one; the current query can be saved, updated, renamed, deleted. */
export function SegmentList({ shopId, version, query, valid, onApply, onSelect }: SegmentListProps) {
  const t = useOwnerT();
  const { language } = useUi();
  const mayDelete = useCan('segment.delete');
  const [segments, setSegments] = useState<SegmentView[] | undefined>();
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [name, setName] = useState('');
  const [color, setColor] = useState<TagColor>('blue');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const nameInput = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // A form or a confirmation that opens takes the focus, so the keyboard lands where the work is.
  useEffect(() => (mode.kind === 'delete' ? confirmButton : nameInput).current?.focus(), [mode.kind]);

  useEffect(() => {
    let live = true;
    call('segments.list', { shopId }).then(
      (list) => live && setSegments(list),
      (err: unknown) => live && setError(errorText(err, t)),
    );
    return () => {
      live = false;
    };
  }, [shopId, version]);

  const selected = segments?.find((s) => s.id === selectedId);
  useEffect(() => onSelect?.(selected), [selected]);
  const run = async (work: () => Promise<unknown>, done: string) => {
    setError('');
    try {
      await work();
      setMode({ kind: 'idle' });
      setStatus(done);
      setSegments(await call('segments.list', { shopId }));
    } catch (err) {
      setError(errorText(err, t));
    }
  };

  const save = (e: Event) => {
    e.preventDefault();
    if (mode.kind === 'create')
      void run(async () => {
        const { segmentId } = await call('segments.save', { shopId, name, query, color });
        setSelectedId(segmentId);
      }, t('lists.segments.saved', { name: name.trim() }));
    else if (mode.kind === 'rename')
      void run(
        () => call('segments.save', { shopId, segmentId: mode.segment.id, name, query: mode.segment.query, color }),
        t('lists.segments.saved', { name: name.trim() }),
      );
  };

  return (
    <div class="seg-list" aria-label={t('lists.segments.title')} role="group">
      <div class="seg-chips">
        <span class="muted">{t('lists.segments.title')}</span>
        {segments?.length === 0 && <span class="muted">{t('lists.segments.none')}</span>}
        {segments?.map((s) => {
          const palette = TAG_PALETTE[s.color] ?? TAG_PALETTE.slate!;
          const on = s.id === selectedId && s.query === query;
          return (
            <button
              key={s.id}
              type="button"
              class={`chip seg-chip${on ? ' on' : ''}`}
              data-bl="segment-chip"
              aria-pressed={on}
              title={s.query}
              style={{ background: palette.bg, color: palette.fg, borderColor: on ? palette.dot : 'transparent' }}
              onClick={() => {
                setSelectedId(s.id);
                setMode({ kind: 'idle' });
                onApply(s.query);
              }}
            >
              {s.name}
            </button>
          );
        })}
      </div>
      <div class="seg-actions">
        <button
          type="button"
          data-bl="segment-save"
          disabled={!valid || !query.trim()}
          onClick={() => {
            setName('');
            setColor('blue');
            setMode({ kind: 'create' });
          }}
        >
          {t('lists.segments.saveNew')}
        </button>
        {selected && (
          <>
            <button
              type="button"
              data-bl="segment-update"
              disabled={!valid || selected.query === query}
              onClick={() => void run(() => call('segments.save', { shopId, segmentId: selected.id, name: selected.name, query, color: selected.color }), t('lists.segments.updated', { name: selected.name }))}
            >
              {t('lists.segments.update', { name: selected.name })}
            </button>
            <button
              type="button"
              onClick={() => {
                setName(selected.name);
                setColor(selected.color);
                setMode({ kind: 'rename', segment: selected });
              }}
            >
              {t('lists.segments.rename')}
            </button>
            {mayDelete && (
              <button type="button" class="danger" data-bl="segment-delete" onClick={() => setMode({ kind: 'delete', segment: selected })}>
                {t('lists.segments.delete')}
              </button>
            )}
          </>
        )}
      </div>
      {selected?.history?.length ? (
        <details class="seg-history" data-bl="segment-history" key={selected.id}>
          <summary>{t('lists.segments.history', { count: selected.history.length })}</summary>
          <p class="muted">{t('lists.segments.historyHelp')}</p>
          <ol>
            {/* Newest first: the version just replaced is the one most often wanted back. */}
            {[...selected.history].reverse().map((v: SegmentVersionView, i) => {
              const time = formatDateTime(v.at, language);
              return (
                <li key={`${v.at}-${i}`}>
                  <code class="seg-history-query">{v.query}</code>
                  <span class="muted">
                    {t(v.mine ? 'lists.segments.historyMine' : 'lists.segments.historyWhen', { time })}
                    {v.name !== selected.name && ` · ${t('lists.segments.historyAs', { name: v.name })}`}
                  </span>
                  <button
                    type="button"
                    data-bl="segment-use-version"
                    onClick={() =>
                      void run(async () => {
                        // Saved anew, so it becomes the newest write; the current one goes to history.
                        await call('segments.save', { shopId, segmentId: selected.id, name: v.name, query: v.query, color: v.color });
                        onApply(v.query);
                      }, t('lists.segments.restored', { name: v.name }))
                    }
                  >
                    {t('lists.segments.useVersion')}
                  </button>
                </li>
              );
            })}
          </ol>
        </details>
      ) : null}
      {(mode.kind === 'create' || mode.kind === 'rename') && (
        <form class="seg-form" onSubmit={save}>
          <label>
            <span>{t('lists.segments.name')}</span>
            <input
              type="text"
              data-bl="segment-name"
              maxLength={60}
              required
              value={name}
              ref={nameInput}
              onInput={(e) => setName(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Escape' && setMode({ kind: 'idle' })}
            />
          </label>
          <label>
            <span>{t('lists.segments.color')}</span>
            <select value={color} onChange={(e) => setColor(e.currentTarget.value as TagColor)}>
              {TAG_COLORS.map((c) => (
                <option key={c} value={c}>
                  {t(`lists.color.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <span class="chip" aria-hidden="true" style={{ background: TAG_PALETTE[color]!.bg, color: TAG_PALETTE[color]!.fg }}>
            {name.trim() || '…'}
          </span>
          <button type="submit" class="primary" data-bl="segment-save-confirm" disabled={!name.trim()}>
            {t('lists.segments.save')}
          </button>
          <button type="button" onClick={() => setMode({ kind: 'idle' })}>
            {t('lists.cancel')}
          </button>
        </form>
      )}
      {mode.kind === 'delete' && (
        <div class="confirm" role="alertdialog" aria-label={t('lists.segments.delete')}>
          <span>{t('lists.segments.confirmDelete', { name: mode.segment.name })}</span>
          <button
            type="button"
            class="danger"
            data-bl="segment-delete-confirm"
            ref={confirmButton}
            onClick={() =>
              void run(async () => {
                await call('segments.delete', { shopId, segmentId: mode.segment.id });
                setSelectedId(undefined);
              }, t('lists.segments.deleted', { name: mode.segment.name }))
            }
          >
            {t('lists.segments.delete')}
          </button>
          <button type="button" onClick={() => setMode({ kind: 'idle' })}>
            {t('lists.cancel')}
          </button>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="sr" role="status">
        {status}
      </p>
    </div>
  );
}
