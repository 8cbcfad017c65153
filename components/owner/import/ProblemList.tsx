import type { ImportProblem } from '@/lib/io/import';
import { useOwnerT } from '../owner-ui';
import { downloadBlob } from './download';
import { problemsCsvParts, problemText } from './problems-csv';

/** The list shows this many; the download holds them all. */
export const SHOWN_PROBLEMS = 100;

/** Rows that were skipped or partly read, with their line numbers, and all of them as a CSV. */
export function ProblemList({ problems, fileName }: { problems: readonly ImportProblem[]; fileName: string }) {
  const t = useOwnerT();
  if (problems.length === 0) return null;
  const download = () => {
    const parts = problemsCsvParts(problems, t, [t('importUi.problems.lineHeading'), t('importUi.problems.problemHeading')]);
    const base = fileName.replace(/\.[^.]*$/, '') || 'import';
    downloadBlob(new Blob(parts, { type: 'text/csv;charset=utf-8' }), `${base}-problems.csv`);
  };
  return (
    <div class="import-problems" data-bl="import-problems">
      <h3>{t('importUi.problems.title', { count: problems.length })}</h3>
      <ul class="problems">
        {problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
          <li key={i} data-bl="import-problem">
            {problemText(p, t)}
          </li>
        ))}
      </ul>
      {problems.length > SHOWN_PROBLEMS && <p class="muted">{t('importUi.problems.more', { count: problems.length - SHOWN_PROBLEMS })}</p>}
      <button type="button" data-bl="import-problems-download" onClick={download}>
        {t('importUi.problems.download')}
      </button>
    </div>
  );
}
