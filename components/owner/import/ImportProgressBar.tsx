import { useUi } from '../../ui-context';
import { useOwnerT } from '../owner-ui';
import { progressFigures } from './progress-figures';
import type { ImportProgress } from './run-import';

/** Where a running import is: phase, a bar, rows and speed, and the way out. */
export function ImportProgressBar({ progress, cancelling, onCancel }: { progress: ImportProgress; cancelling: boolean; onCancel: () => void }) {
  const t = useOwnerT();
  const { language } = useUi();
  const { percent, rowsPerSecond } = progressFigures(progress);
  const phase = progress.phase === 'reading' ? t('importUi.progress.reading') : t('importUi.progress.saving');
  return (
    <div class="job-progress" data-bl="import-progress" data-phase={progress.phase}>
      <progress max={100} value={percent} aria-label={phase} />
      <p role="status" aria-live="polite">
        {t('importUi.progress.text', {
          phase,
          percent,
          rows: progress.rows,
          speed: rowsPerSecond.toLocaleString(language),
        })}
      </p>
      <button type="button" data-bl="import-cancel" onClick={onCancel} disabled={cancelling}>
        {cancelling ? t('importUi.progress.cancelling') : t('importUi.progress.cancel')}
      </button>
    </div>
  );
}
