import { useState } from 'preact/hooks';
import { useOwnerT } from '../owner-ui';

/**
 * Where a file is chosen: a large drop target for dragging an export in, and a file button that
 * works from the keyboard (the input itself takes focus; its label shows the focus ring).
 */
export function FileDrop({ onFile, compact = false }: { onFile: (file: File) => void; compact?: boolean }) {
  const t = useOwnerT();
  const [over, setOver] = useState(false);
  return (
    <div
      class={`drop-zone${over ? ' over' : ''}${compact ? ' compact' : ''}`}
      data-bl="import-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer?.files?.[0];
        if (file) onFile(file);
      }}
    >
      {!compact && <p class="drop-hint">{t('importUi.dropHint')}</p>}
      <label class="file-button primary-file">
        {compact ? t('importUi.chooseAnother') : t('importUi.chooseFile')}
        <input
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          data-bl="import-file"
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            // Cleared so choosing the same file again (after fixing it) is noticed.
            input.value = '';
            if (file) onFile(file);
          }}
        />
      </label>
    </div>
  );
}
