import { useEffect } from 'preact/hooks';

export interface ToastMessage {
  readonly id: number;
  readonly text: string;
  readonly tone: 'good' | 'bad';
}

/** A short message after an action; it leaves by itself and is read aloud politely. */
export function Toast({ message, onDone }: { message: ToastMessage; onDone: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onDone, message.tone === 'bad' ? 8000 : 3000);
    return () => clearTimeout(timer);
  }, [message.id]);
  return (
    <div class={`bl toast${message.tone === 'bad' ? ' bad' : ''}`} role={message.tone === 'bad' ? 'alert' : 'status'} data-bl="toast">
      {message.text}
    </div>
  );
}
