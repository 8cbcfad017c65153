import { useState } from 'preact/hooks';
import { useUi } from '../../ui-context';
import { errorText, useOwnerT } from '../owner-ui';
import { downloadBlob } from '../import/download';
import { backupFileName } from './backup-file';
import { writeBackup, type JobStep } from './backup-jobs';
import { JobProgressBar } from './JobProgressBar';

/** Download every BuyerLens record of this browser as one backup file. */
export function BackupSection() {
  const t = useOwnerT();
  const { language } = useUi();
  const [step, setStep] = useState<JobStep | undefined>();
  const [message, setMessage] = useState<{ text: string; bad: boolean } | undefined>();

  const download = async () => {
    setMessage(undefined);
    setStep({ done: 0, total: 0 });
    try {
      const now = new Date();
      const { parts, counts } = await writeBackup(setStep, now);
      downloadBlob(new Blob(parts, { type: 'application/x-ndjson' }), backupFileName(now));
      const records = Object.values(counts).reduce((a, b) => a + b, 0);
      setMessage({ text: t('dataUi.backup.done', { records: records.toLocaleString(language) }), bad: false });
    } catch (err) {
      setMessage({ text: t('dataUi.backup.failed', { reason: errorText(err, t) }), bad: true });
    } finally {
      setStep(undefined);
    }
  };

  return (
    <section class="card" aria-labelledby="backup-title" data-bl="backup">
      <h2 id="backup-title">{t('dataUi.backup.title')}</h2>
      <p class="muted">{t('dataUi.backup.intro')}</p>
      <button type="button" class="primary" data-bl="backup-download" disabled={step !== undefined} onClick={() => void download()}>
        {t('dataUi.backup.download')}
      </button>
      {step && <JobProgressBar label={t('dataUi.backup.working')} step={step} bl="backup-progress" />}
      {message && (
        <p class={message.bad ? 'error' : 'saved'} role={message.bad ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
