import type { ImportProgress } from './run-import';

/** The figures a progress bar shows, from the raw progress: pure, so the arithmetic is tested. */
export function progressFigures(p: ImportProgress): { percent: number; rowsPerSecond: number } {
  const fraction =
    p.phase === 'saving'
      ? p.total
        ? p.done! / p.total
        : 0
      : p.size > 0
        ? p.bytes / p.size
        : 0;
  const seconds = p.elapsed / 1000;
  return {
    percent: Math.max(0, Math.min(100, Math.floor(fraction * 100))),
    rowsPerSecond: seconds > 0.05 ? Math.round(p.rows / seconds) : 0,
  };
}
