import type { Ref } from 'preact';

export interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  /** Why the value cannot be used, shown under the field and tied to it for screen readers. */
  readonly problem?: string;
  /** A line of help under the field. */
  readonly hint?: string;
  readonly placeholder?: string;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly maxLength?: number;
  readonly autoComplete?: string;
  readonly disabled?: boolean;
}

/** A labelled text field with its hint and its problem (as text: what people paste stays text). */
export function Field({ id, label, value, onInput, problem, hint, placeholder, inputRef, maxLength = 2000, autoComplete = 'off', disabled }: FieldProps) {
  const described = [hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="team-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="text"
        data-bl={id}
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        autoComplete={autoComplete}
        spellcheck={false}
        disabled={disabled}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {hint && (
        <p class="muted hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problem && (
        <p class="problem" id={`${id}-problem`} data-bl={`${id}-problem`}>
          {problem}
        </p>
      )}
    </div>
  );
}
