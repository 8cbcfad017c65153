import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '@/lib/rpc/owner-client';
import { EXPORT_COLUMNS, type CustomerFilter, type CustomerSort, type ExportColumn } from '@/lib/model/owner';
import type { TagView } from '@/lib/model/views';
import { errorText, useOwnerT } from '../owner-ui';
import { downloadText, exportFileName, joinCsvPages } from './csv-file';

export interface ExportDialogProps {
  readonly shopId: string;
  readonly filter: CustomerFilter;
  readonly sort: CustomerSort;
  /** Customers the filter matches, when known. */
  readonly matched: number | undefined;
  /** What the current filter is called (a saved segment's name): it names the file. */
  readonly label: string;
  readonly tags: readonly TagView[];
  readonly onClose: () => void;
}

/** Rows per `export.csv` call: large enough to be quick, small enough to keep each reply modest. */
export const EXPORT_PAGE = 20_000;

/** Notes are free text about people: out unless the owner asks for them. */
const DEFAULT_OFF: readonly ExportColumn[] = ['all_keys', 'notes', 'rfm_r', 'rfm_f', 'rfm_m'];

/** Fetch every page of an export; stops between pages when `cancelled` says so. */
export async function fetchExport(
  args: { shopId: string; filter: CustomerFilter; sort: CustomerSort; columns: ExportColumn[] },
  onProgress: (done: number, total: number) => void,
  cancelled: () => boolean,
): Promise<{ csv: string; rows: number } | undefined> {
  const pages: string[] = [];
  let offset = 0;
  let total = Infinity;
  while (offset < total) {
    if (cancelled()) return undefined;
    const reply = await call('export.csv', { ...args, offset, limit: EXPORT_PAGE });
    if (cancelled()) return undefined;
    pages.push(reply.csv);
    total = reply.total;
    offset += reply.rows;
    onProgress(Math.min(offset, total), total);
    if (reply.rows === 0) break;
  }
  return { csv: joinCsvPages(pages), rows: offset };
}

/** Export what the filter (or one tag) matches as CSV, with the columns the owner picks. */
export function ExportDialog({ shopId, filter, sort, matched, label, tags, onClose }: ExportDialogProps) {
  const t = useOwnerT();
  const [columns, setColumns] = useState<Set<ExportColumn>>(() => new Set(EXPORT_COLUMNS.filter((c) => !DEFAULT_OFF.includes(c))));
  const [source, setSource] = useState<'filter' | 'tag'>('filter');
  const [tagId, setTagId] = useState(tags[0]?.id ?? '');
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const cancel = useRef(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
    // Closing the dialog mid-export stops it.
    return () => void (cancel.current = true);
  }, []);

  const running = progress !== undefined;
  const toggle = (c: ExportColumn) => {
    const next = new Set(columns);
    if (next.has(c)) next.delete(c);
    else next.add(c);
    setColumns(next);
  };

  const start = async () => {
    cancel.current = false;
    setError('');
    setDone('');
    setProgress({ done: 0, total: matched ?? 0 });
    const tag = tags.find((x) => x.id === tagId);
    const chosen: CustomerFilter = source === 'tag' && tag ? { query: '', tagId: tag.id } : filter;
    try {
      const result = await fetchExport(
        { shopId, filter: chosen, sort, columns: EXPORT_COLUMNS.filter((c) => columns.has(c)) },
        (d, total) => setProgress({ done: d, total }),
        () => cancel.current,
      );
      if (!result) {
        setDone(t('lists.export.cancelled'));
        return;
      }
      const fileName = exportFileName(source === 'tag' && tag ? tag.name : label, new Date());
      downloadText(result.csv, fileName, 'text/csv;charset=utf-8');
      setDone(t('lists.export.done', { rows: result.rows, file: fileName }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <div class="export card" role="dialog" aria-labelledby="export-title" data-bl="export-dialog" onKeyDown={(e) => e.key === 'Escape' && !running && onClose()}>
      <h3 id="export-title">{t('lists.export.title')}</h3>
      <fieldset class="export-source" disabled={running}>
        <legend>{t('lists.export.what')}</legend>
        <label>
          <input ref={first} type="radio" name="export-source" checked={source === 'filter'} onChange={() => setSource('filter')} />{' '}
          {matched === undefined ? t('lists.export.fromFilter', { label }) : t('lists.export.fromFilterN', { label, n: matched })}
        </label>
        {tags.length > 0 && (
          <label>
            <input type="radio" name="export-source" checked={source === 'tag'} onChange={() => setSource('tag')} /> {t('lists.export.fromTag')}{' '}
            <select aria-label={t('lists.export.tag')} value={tagId} disabled={source !== 'tag'} onChange={(e) => setTagId(e.currentTarget.value)}>
              {tags.map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {tag.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      <fieldset class="export-columns" disabled={running}>
        <legend>{t('lists.export.columns')}</legend>
        {EXPORT_COLUMNS.map((c) => (
          <label key={c} class="choice">
            <input type="checkbox" data-bl={`export-col-${c}`} checked={columns.has(c)} onChange={() => toggle(c)} /> {t(`lists.exportCol.${c}`)}
          </label>
        ))}
      </fieldset>
      <p class="muted hint">{columns.has('notes') ? t('lists.export.notesWarning') : t('lists.export.notesHint')}</p>
      {running && (
        <div class="export-progress">
          <progress data-bl="export-progress" max={Math.max(1, progress.total)} value={progress.done} aria-label={t('lists.export.progressLabel')} />
          <span class="muted">{t('lists.export.progress', { done: progress.done, total: progress.total })}</span>
        </div>
      )}
      <div class="export-actions">
        {running ? (
          <button type="button" data-bl="export-cancel" onClick={() => (cancel.current = true)}>
            {t('lists.cancel')}
          </button>
        ) : (
          <>
            <button type="button" class="primary" data-bl="export-start" disabled={columns.size === 0 || (source === 'tag' && !tagId)} onClick={() => void start()}>
              {t('lists.export.start')}
            </button>
            <button type="button" onClick={onClose}>
              {t('lists.close')}
            </button>
          </>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="saved" role="status" data-bl="export-status">
        {done}
      </p>
    </div>
  );
}
