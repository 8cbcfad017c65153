import type { OwnerKey } from '@/lib/i18n/owner';
import { useOwnerT } from '../owner-ui';
import type { FilePreview as Preview } from './preview';

/** Rows of the preview table: enough to recognise the file, not a spreadsheet. */
const SHOWN_ROWS = 5;

/** What was recognised in the chosen file: its format, its encoding and its first rows. */
export function FilePreview({ fileName, size, preview }: { fileName: string; size: number; preview: Preview }) {
  const t = useOwnerT();
  const encoding =
    preview.encoding === 'utf-8-bom'
      ? t('importUi.encoding.utf8bom')
      : preview.encoding === 'gb18030'
        ? t('importUi.encoding.gb18030')
        : preview.encoding === 'utf-16le' || preview.encoding === 'utf-16be'
          ? 'UTF-16'
          : t('importUi.encoding.utf8');
  return (
    <div class="file-preview">
      <dl class="facts">
        <dt>{t('importUi.file')}</dt>
        <dd>
          {fileName} <span class="muted">({formatSize(size)})</span>
        </dd>
        <dt>{t('importUi.format')}</dt>
        <dd data-bl="import-format" data-format={preview.format}>
          {t(`import.format.${preview.format}` as OwnerKey)}
        </dd>
        <dt>{t('importUi.encoding')}</dt>
        <dd data-bl="import-encoding">{encoding}</dd>
      </dl>
      {preview.cells.length > 0 && (
        <div class="table-scroll" tabIndex={0} aria-label={t('importUi.previewTable')}>
          <table class="preview-table">
            <thead>
              <tr>
                <th scope="col">{t('importUi.line')}</th>
                {preview.header.map((h, i) => (
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.cells.slice(0, SHOWN_ROWS).map((cells, r) => (
                <tr key={r}>
                  <td class="num">{preview.rows[r]?.line}</td>
                  {preview.header.map((_, i) => (
                    <td key={i}>{cells[i] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
