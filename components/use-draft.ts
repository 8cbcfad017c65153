import { useEffect, useRef, useState } from 'preact/hooks';
import { useUi } from './ui-context';

const SAVE_DELAY_MS = 250;

/**
 * Text that survives re-renders, navigation and reloads: kept in the draft store as it is
 * typed (debounced), cleared once saved for real.
 */
export function useDraft(key: string): [string, (text: string) => void, () => void] {
  const { drafts } = useUi();
  const [text, setText] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ key, text: '', dirty: false });

  useEffect(() => {
    let live = true;
    latest.current = { key, text: '', dirty: false };
    setText('');
    void drafts.load(key).then((saved) => {
      if (live && saved && !latest.current.dirty) {
        latest.current.text = saved;
        setText(saved);
      }
    });
    return () => {
      live = false;
      // Unmounting mid-debounce: write what was typed now, not never.
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = undefined;
        if (latest.current.dirty) void drafts.save(latest.current.key, latest.current.text);
      }
    };
  }, [key]);

  const update = (next: string) => {
    latest.current = { key, text: next, dirty: true };
    setText(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void (next ? drafts.save(key, next) : drafts.clear(key));
    }, SAVE_DELAY_MS);
  };

  const clear = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    latest.current = { key, text: '', dirty: false };
    setText('');
    void drafts.clear(key);
  };

  return [text, update, clear];
}
