import type { Caller } from './store';

/** How often a visible view says it is still there (the background polls for LIVE_FOR_MS after each). */
export const HEARTBEAT_MS = 25_000;

/**
 * While this view is visible, tell the background every so often, so it fetches the team's
 * changes every few seconds and the page shows them soon after they are made. A hidden tab stays
 * quiet: the background falls back to its once-a-minute alarm.
 */
export function keepFresh(call: Caller, signal: AbortSignal, doc: Document = document): void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const beat = () => void call('sync.live', {}).catch(() => {});
  const follow = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    if (signal.aborted || doc.visibilityState !== 'visible') return;
    beat();
    timer = setInterval(beat, HEARTBEAT_MS);
  };
  follow();
  doc.addEventListener('visibilitychange', follow, { signal });
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
