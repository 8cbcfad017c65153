import { useState } from 'preact/hooks';
import { formatDateTime } from '@/lib/i18n';
import type { OwnerKey } from '@/lib/i18n/owner';
import { BACKUP_TABLES, type BackupHeader } from '@/lib/model/owner';
import { useUi } from '../../ui-context';
import { errorText, useOwnerT } from '../owner-ui';
import { BackupFileError } from './backup-file';
import { checkBackup, restoreBackup, total, type JobStep } from './backup-jobs';
import { JobProgressBar } from './JobProgressBar';

type State =
  | { name: 'idle' }
  | { name: 'checking'; step: JobStep }
  | { name: 'confirm'; file: File; header: BackupHeader }
  | { name: 'restoring'; step: JobStep; phase: 'staging' | 'saving' }
  | { name: 'done'; records: number }
  | { name: 'refused'; text: string }
  | { name: 'failed'; text: string };

/**
 * Put a backup back: the file is read through once and checked before anything is sent, the
 * person confirms that it replaces everything, then it is restored whole or not at all.
 */
export function RestoreSection() {
  const t = useOwnerT();
  const { language } = useUi();
  const [state, setState] = useState<State>({ name: 'idle' });
  const reason = (err: unknown) => (err instanceof BackupFileError ? t(err.message as OwnerKey, err.params) : errorText(err, t));

  const choose = async (file: File) => {
    setState({ name: 'checking', step: { done: 0, total: 0 } });
    try {
      const header = await checkBackup(file, (step) => setState({ name: 'checking', step }));
      setState({ name: 'confirm', file, header });
    } catch (err) {
      setState({ name: 'refused', text: reason(err) });
    }
  };

  const restore = async (file: File) => {
    setState({ name: 'restoring', step: { done: 0, total: 0 }, phase: 'staging' });
    try {
      const counts = await restoreBackup(file, ({ phase, ...step }) => setState({ name: 'restoring', step, phase }));
      setState({ name: 'done', records: BACKUP_TABLES.reduce((n, tb) => n + (counts[tb] ?? 0), 0) });
    } catch (err) {
      setState({ name: 'failed', text: reason(err) });
    }
  };

  const busy = state.name === 'checking' || state.name === 'restoring';
  return (
    <section class="card" aria-labelledby="restore-title" data-bl="restore">
      <h2 id="restore-title">{t('dataUi.restore.title')}</h2>
      <p class="muted">{t('dataUi.restore.intro')}</p>
      {!busy && state.name !== 'confirm' && (
        <label class="file-button">
          {t('dataUi.restore.choose')}
          <input
            type="file"
            accept=".jsonl,.json,application/x-ndjson,application/json"
            data-bl="restore-file"
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              input.value = '';
              if (file) void choose(file);
            }}
          />
        </label>
      )}
      {state.name === 'checking' && <JobProgressBar label={t('dataUi.restore.checking')} step={state.step} bl="restore-progress" />}
      {state.name === 'confirm' && (
        <div class="confirm-box" role="alertdialog" aria-labelledby="restore-confirm-title" data-bl="restore-confirm-box">
          <h3 id="restore-confirm-title">{t('dataUi.restore.confirmTitle')}</h3>
          <p>
            {t('dataUi.restore.confirmText', {
              date: formatBackupDate(state.header.createdAt, language),
              records: total(state.header).toLocaleString(language),
              customers: (state.header.counts.customers ?? 0).toLocaleString(language),
              orders: (state.header.counts.orders ?? 0).toLocaleString(language),
            })}
          </p>
          <p class="warning">{t('dataUi.restore.replaces')}</p>
          <div class="actions-bar">
            <button type="button" onClick={() => setState({ name: 'idle' })}>
              {t('dataUi.cancel')}
            </button>
            <button type="button" class="primary danger-fill" data-bl="restore-confirm" onClick={() => void restore(state.file)}>
              {t('dataUi.restore.confirmButton')}
            </button>
          </div>
        </div>
      )}
      {state.name === 'restoring' && (
        <JobProgressBar label={state.phase === 'staging' ? t('dataUi.restore.staging') : t('dataUi.restore.saving')} step={state.step} bl="restore-progress" />
      )}
      {state.name === 'done' && (
        <p class="saved" role="status" data-bl="restore-done">
          {t('dataUi.restore.done', { records: state.records.toLocaleString(language) })}
        </p>
      )}
      {(state.name === 'refused' || state.name === 'failed') && (
        <p class="error" role="alert" data-bl="restore-error">
          {t('dataUi.restore.nothingChanged', { reason: state.text })}
        </p>
      )}
    </section>
  );
}

function formatBackupDate(iso: string, language: 'en' | 'zh-CN'): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatDateTime(ms, language);
}
