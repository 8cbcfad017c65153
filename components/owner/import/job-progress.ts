import { browser } from 'wxt/browser';
import { JobProgress } from '@/lib/rpc/protocol-owner';

/**
 * Follows the progress the background broadcasts while it commits one job (an import or a
 * restore). Messages are checked like any other input; other jobs' messages are ignored.
 * Returns the function that stops listening: call it when the job is over, whatever the outcome.
 */
export function followJobProgress(jobId: string, onProgress: (done: number, total: number) => void): () => void {
  const listener = (message: unknown) => {
    const parsed = JobProgress.safeParse(message);
    if (parsed.success && parsed.data.jobId === jobId) onProgress(parsed.data.done, parsed.data.total);
    // Not an answer to anyone: returning nothing lets other listeners reply.
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
