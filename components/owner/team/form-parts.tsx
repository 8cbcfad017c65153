import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../owner-ui';
import { useTeamT } from './team-ui';
import { Field } from './Field';

/**
 * What the Team tab's two forms (create, join) share: sending to the background with a busy
 * button and the background's words on failure, the person's name, and the end of the form.
 */
export function useSending() {
  const t = useTeamT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submitButton = useRef<HTMLButtonElement>(null);
  // The button was disabled while connecting, so focus fell off it: put it back beside the error.
  useEffect(() => void (error && submitButton.current?.focus()), [error]);
  return {
    busy,
    error,
    submitButton,
    /** A new attempt: the last one's error goes. */
    clear: () => setError(''),
    /** Run the request; on success the form is replaced (the caller's onDone), so busy stays. */
    async send(work: () => Promise<void>) {
      setBusy(true);
      try {
        await work();
      } catch (err) {
        setError(errorText(err, t));
        setBusy(false);
      }
    },
  };
}

/** "Your name": what the team sees beside this person's notes and changes. */
export function NameField({ id, value, onInput, problem, inputRef }: { id: string; value: string; onInput: (value: string) => void; problem?: string; inputRef: Ref<HTMLInputElement> }) {
  const t = useTeamT();
  return (
    <Field id={id} label={t('teamUi.yourName')} value={value} onInput={onInput} hint={t('teamUi.yourName.hint')} problem={problem} inputRef={inputRef} maxLength={100} autoComplete="name" />
  );
}

/** The background's words when sending failed, then the submit button ("Connecting…" while busy). */
export function FormEnd({ id, label, sending }: { id: string; label: string; sending: ReturnType<typeof useSending> }) {
  const t = useTeamT();
  return (
    <>
      {sending.error && (
        <p class="error" role="alert" data-bl={`${id}-error`}>
          {sending.error}
        </p>
      )}
      <button type="submit" ref={sending.submitButton} class="primary" data-bl={`${id}-submit`} disabled={sending.busy}>
        {sending.busy ? t('teamUi.connecting') : label}
      </button>
    </>
  );
}
