import { useUi } from '../../ui-context';
import { useOwnerT } from '../owner-ui';
import type { JobStep } from './backup-jobs';

/** A long data job's bar: what is happening, how far, in records. */
export function JobProgressBar({ label, step, bl }: { label: string; step: JobStep; bl: string }) {
  const t = useOwnerT();
  const { language } = useUi();
  const percent = step.total > 0 ? Math.min(100, Math.floor((step.done / step.total) * 100)) : 0;
  return (
    <div class="job-progress" data-bl={bl}>
      <progress max={100} value={percent} aria-label={label} />
      <p role="status" aria-live="polite">
        {t('dataUi.progress', { label, percent, done: step.done.toLocaleString(language), total: step.total.toLocaleString(language) })}
      </p>
    </div>
  );
}
