import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DateFormat } from '@/lib/io/import';
import type { OwnerKey, OwnerTranslate } from '@/lib/i18n/owner';
import type { ShopSummary } from './shops';
import { errorText, useOwnerT } from './owner-ui';
import { FileDrop } from './import/FileDrop';
import { FilePreview } from './import/FilePreview';
import { ImportIntro } from './import/ImportIntro';
import { ImportProgressBar } from './import/ImportProgressBar';
import { ImportSettingsFields } from './import/ImportSettingsFields';
import { ImportSummaryCard } from './import/ImportSummaryCard';
import { MappingPreview } from './import/MappingPreview';
import { MappingStep } from './import/MappingStep';
import { ProblemList } from './import/ProblemList';
import { ShopChooser } from './import/ShopChooser';
import { checkSettings, DEFAULT_SETTINGS, needsCurrency, type ImportSettings } from './import/import-settings';
import { recallMapping, rememberMapping } from './import/mapping-store';
import { platformOf, previewFile, type FilePreview as Preview } from './import/preview';
import { isFileError, runImport, type ImportOutcome, type ImportProgress } from './import/run-import';
import { shopRefOf, type ShopChoice } from './import/shop-choice';
import { completeMapping, suggestMapping, type MappingDraft } from './import/suggest-mapping';
import './import/import.css';

/** Progress repaints at most this often: a fast import must not spend its time re-rendering. */
const PROGRESS_EVERY_MS = 100;

type Finished = ImportOutcome & { shopName: string; fileName: string };

/** Import purchase history from the platforms' own exports. */
export function ImportView({ shops, shop, onImported }: { shops: readonly ShopSummary[]; shop?: ShopSummary; onImported: (shopId: string) => void }) {
  const t = useOwnerT();
  const [file, setFile] = useState<File | undefined>();
  const [preview, setPreview] = useState<Preview | undefined>();
  const [fileError, setFileError] = useState<{ key: string; params: Record<string, string | number> } | undefined>();
  const [mappingMode, setMappingMode] = useState(false);
  const [draft, setDraft] = useState<MappingDraft>({});
  const [dateFormat, setDateFormat] = useState<DateFormat>('ymd');
  const [remembered, setRemembered] = useState(false);
  const [choice, setChoice] = useState<ShopChoice>(() =>
    shop ? { mode: 'existing', shopId: shop.shopId } : shops[0] ? { mode: 'existing', shopId: shops[0].shopId } : { mode: 'new', platform: 'other', name: '' },
  );
  const [settings, setSettings] = useState<ImportSettings>(DEFAULT_SETTINGS);
  const [formError, setFormError] = useState('');
  const [progress, setProgress] = useState<ImportProgress | undefined>();
  const [cancelling, setCancelling] = useState(false);
  const [finished, setFinished] = useState<Finished | undefined>();
  const controller = useRef<AbortController | undefined>(undefined);
  /** The file whose preview is current: a slower preview of an earlier file must not win. */
  const currentFile = useRef<File | undefined>(undefined);

  // The shop picked in the page's header is the default target; follow it when it changes.
  useEffect(() => {
    if (shop) setChoice((c) => (c.mode === 'existing' ? { mode: 'existing', shopId: shop.shopId } : c));
  }, [shop?.shopId]);

  // Leaving the tab mid-import stops it (and drops what was staged): nothing half-done remains.
  useEffect(() => () => controller.current?.abort(), []);

  const choose = async (next: File) => {
    currentFile.current = next;
    setFile(next);
    setPreview(undefined);
    setFileError(undefined);
    setFinished(undefined);
    setFormError('');
    setMappingMode(false);
    setRemembered(false);
    const result = await previewFile(next);
    if (currentFile.current !== next) return;
    if (!result.ok) {
      setFileError({ key: result.error.key, params: result.error.params });
      return;
    }
    const p = result.preview;
    setPreview(p);
    if (choice.mode === 'new' && !choice.name) setChoice({ ...choice, platform: platformOf(p.format) });
    if (p.format === 'generic') await startMapping(p, next);
  };

  const startMapping = async (p: Preview, forFile: File | undefined = file) => {
    const recalled = await recallMapping(p.header);
    if (currentFile.current !== forFile) return;
    setMappingMode(true);
    if (recalled) {
      setDraft(recalled.mapping);
      setDateFormat(recalled.dateFormat);
      setRemembered(true);
    } else {
      setDraft(suggestMapping(p.header));
      setRemembered(false);
    }
  };

  const mapping = useMemo(() => (mappingMode ? completeMapping(draft) : undefined), [mappingMode, draft]);
  const checkedSettings = checkSettings(settings);

  const start = async () => {
    if (!file || !preview) return;
    setFormError('');
    const target = shopRefOf(choice, shops);
    if (!target.ok) return setFormError(t(`importUi.shop.error.${target.reason}` as OwnerKey));
    if (!checkedSettings.ok) return setFormError(t(`importUi.settings.error.${checkedSettings.field}` as OwnerKey));
    if (mapping && !mapping.ok) return setFormError(t('importUi.mapping.needBuyer'));
    if (!mappingMode && preview.missing.length) return setFormError(t('importUi.fixColumns'));
    const columnMapping = mapping?.ok ? mapping.mapping : undefined;
    // Remembered as soon as it is used: the next file of this layout starts from it, even if this
    // one had to be cancelled.
    if (columnMapping) await rememberMapping(preview.header, columnMapping, dateFormat).catch(() => undefined);

    const abort = new AbortController();
    controller.current = abort;
    setCancelling(false);
    setFinished(undefined);
    // At most one repaint per PROGRESS_EVERY_MS, but the latest figures always reach the screen.
    let lastPaint = 0;
    let lastPhase = '';
    let latest: ImportProgress | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const paint = () => {
      timer = undefined;
      lastPaint = performance.now();
      if (latest) setProgress(latest);
    };
    const outcome = await runImport(
      {
        file,
        fileName: file.name,
        shop: target.shop,
        format: columnMapping ? 'generic' : preview.format,
        ...(columnMapping ? { mapping: columnMapping, dateFormat } : {}),
        ...(checkedSettings.currency ? { currency: checkedSettings.currency } : {}),
        ...(checkedSettings.utcOffset ? { utcOffset: checkedSettings.utcOffset } : {}),
      },
      {
        signal: abort.signal,
        onProgress: (p) => {
          latest = p;
          const since = performance.now() - lastPaint;
          if (p.phase !== lastPhase || since >= PROGRESS_EVERY_MS) {
            lastPhase = p.phase;
            clearTimeout(timer);
            paint();
          } else timer ??= setTimeout(paint, PROGRESS_EVERY_MS - since);
        },
      },
    );
    clearTimeout(timer);
    controller.current = undefined;
    setProgress(undefined);
    setCancelling(false);
    setFinished({ ...outcome, shopName: target.shop.name, fileName: file.name });
    if (outcome.kind === 'done') onImported(target.shopId);
  };

  const cancel = () => {
    setCancelling(true);
    controller.current?.abort();
  };

  const running = progress !== undefined || controller.current !== undefined;
  const done = finished?.kind === 'done';

  return (
    <section class="card import-view" data-bl="import-view" aria-labelledby="import-title">
      <h2 id="import-title">{t('importUi.title')}</h2>
      {!running && <FileDrop compact={file !== undefined} onFile={(f) => void choose(f)} />}
      {!file && <ImportIntro />}

      {fileError && (
        <div class="error" role="alert" data-bl="import-file-error">
          <p>{t(fileError.key as OwnerKey, fileError.params)}</p>
          <p>{t('importUi.fileErrorNext')}</p>
        </div>
      )}

      {file && preview && !done && (
        <div class="import-setup" inert={running}>
          <FilePreview fileName={file.name} size={file.size} preview={preview} />
          {!mappingMode && preview.missing.length > 0 && (
            <div class="error" role="alert" data-bl="import-missing-columns">
              <p>{t('import.error.missingColumns', { format: t(`import.format.${preview.format}` as OwnerKey), columns: preview.missing.join(', ') })}</p>
              <button type="button" onClick={() => void startMapping(preview)}>
                {t('importUi.mapMyself')}
              </button>
            </div>
          )}
          {mappingMode && (
            <>
              <MappingStep
                header={preview.header}
                draft={draft}
                dateFormat={dateFormat}
                remembered={remembered}
                onChange={(d) => {
                  setDraft(d);
                  setRemembered(false);
                }}
                onDateFormat={setDateFormat}
              />
              {mapping?.ok ? (
                <MappingPreview
                  rows={preview.rows}
                  mapping={mapping.mapping}
                  dateFormat={dateFormat}
                  {...(checkedSettings.ok && checkedSettings.currency ? { currency: checkedSettings.currency } : {})}
                  {...(checkedSettings.ok && checkedSettings.utcOffset ? { utcOffset: checkedSettings.utcOffset } : {})}
                />
              ) : (
                <p class="muted">{t('importUi.mapping.needBuyer')}</p>
              )}
            </>
          )}
          <ShopChooser shops={shops} choice={choice} suggestedPlatform={platformOf(preview.format)} onChange={setChoice} />
          <ImportSettingsFields settings={settings} currencyWanted={mappingMode || needsCurrency(preview.format)} onChange={setSettings} />
          {formError && (
            <p class="error" role="alert" data-bl="import-form-error">
              {formError}
            </p>
          )}
          {!running && (
            <div class="actions-bar">
              <button type="button" class="primary" data-bl="import-start" onClick={() => void start()}>
                {t('importUi.start')}
              </button>
            </div>
          )}
        </div>
      )}

      {progress && <ImportProgressBar progress={progress} cancelling={cancelling} onCancel={cancel} />}

      {finished && <Outcome finished={finished} t={t} />}
    </section>
  );
}

/** How the import ended, in words; a failure or a cancel always says that nothing was imported. */
function Outcome({ finished, t }: { finished: Finished; t: OwnerTranslate }) {
  if (finished.kind === 'done') {
    return (
      <>
        <ImportSummaryCard summary={finished.summary} rows={finished.rows} shopName={finished.shopName} />
        <ProblemList problems={finished.problems} fileName={finished.fileName} />
      </>
    );
  }
  if (finished.kind === 'cancelled') {
    return (
      <p class="notice" role="status" data-bl="import-cancelled">
        {t('importUi.cancelled')}
      </p>
    );
  }
  const reason = isFileError(finished.error) ? t(finished.error.key, finished.error.params) : errorText(finished.error, t);
  return (
    <p class="error" role="alert" data-bl="import-failed">
      {t('importUi.failed', { reason })}
    </p>
  );
}
