import { useRef, useState } from 'preact/hooks';
import { formatDateTime } from '@/lib/i18n';
import type { NoteView } from '@/lib/model/views';
import { errorText } from './error-text';
import { useDraft } from './use-draft';
import { useUi } from './ui-context';

export interface NotesSectionProps {
  readonly notes: readonly NoteView[];
  /** Drafts are kept per buyer (and per note being edited) under this prefix. */
  readonly draftKey: string;
  /** Saves a new note, or an edit of `note`. Rejects with a message a person can read. */
  readonly onSave: (text: string, note?: NoteView) => Promise<void>;
  /** Left out when this person's role may not delete notes (see components/role.ts): no Delete button then. */
  readonly onDelete?: (note: NoteView) => Promise<void>;
}

export function NotesSection({ notes, draftKey, onSave, onDelete }: NotesSectionProps) {
  const { t } = useUi();
  const [text, setText, clearText] = useDraft(`${draftKey}:new`);
  const latestText = useRef(text);
  latestText.current = text;
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function add() {
    if (busy) return;
    if (!text.trim()) return setError(t('note.errors.empty'));
    setBusy(true);
    setError('');
    try {
      const sent = text;
      await onSave(sent);
      // Typing may have gone on while the save was out: keep anything beyond what was sent.
      if (latestText.current === sent) clearText();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="section" aria-labelledby="bl-notes-title">
      <h3 class="section-title" id="bl-notes-title">
        {t('profile.notes')}
      </h3>
      <textarea
        data-bl="note-input"
        aria-label={t('note.placeholder')}
        placeholder={t('note.placeholder')}
        value={text}
        maxLength={10_000}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void add();
        }}
      />
      {error && (
        <div class="error" role="alert">
          {error}
        </div>
      )}
      <div class="row">
        <button type="button" class="btn btn-primary" data-bl="note-save" disabled={busy || !text.trim()} onClick={() => void add()}>
          {t('note.add')}
        </button>
      </div>
      {notes.length ? (
        <ul class="notes">
          {notes.map((note) => (
            <NoteItem key={note.id} note={note} draftKey={`${draftKey}:${note.id}`} onSave={onSave} onDelete={onDelete} />
          ))}
        </ul>
      ) : (
        <p class="muted">{t('note.empty')}</p>
      )}
    </section>
  );
}

function NoteItem({
  note,
  draftKey,
  onSave,
  onDelete,
}: {
  note: NoteView;
  draftKey: string;
  onSave: NotesSectionProps['onSave'];
  onDelete: NotesSectionProps['onDelete'];
}) {
  const { t, language } = useUi();
  // A saved draft means an edit was under way: reopen it rather than lose it.
  const [draft, setDraft, clearDraft] = useDraft(draftKey);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const isEditing = editing || draft !== '';

  async function save() {
    if (!draft.trim()) return setError(t('note.errors.empty'));
    setError('');
    try {
      await onSave(draft, note);
      clearDraft();
      setEditing(false);
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  return (
    <li class={`note${note.conflictOf ? ' conflict' : ''}`} data-bl="note">
      {note.conflictOf && <p class="muted">{t('note.conflict')}</p>}
      {isEditing ? (
        <>
          <textarea
            data-bl="note-edit-input"
            aria-label={t('note.edit')}
            value={draft}
            maxLength={10_000}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              e.stopPropagation();
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
              if (e.key === 'Escape') {
                clearDraft();
                setEditing(false);
              }
            }}
          />
          <div class="row">
            <button
              type="button"
              class="btn btn-light"
              onClick={() => {
                clearDraft();
                setEditing(false);
              }}
            >
              {t('note.cancel')}
            </button>
            <button type="button" class="btn btn-primary" data-bl="note-edit-save" onClick={() => void save()}>
              {t('note.save')}
            </button>
          </div>
        </>
      ) : (
        <div class="note-text" data-bl="note-text">
          {note.text}
        </div>
      )}
      {error && (
        <div class="error" role="alert">
          {error}
        </div>
      )}
      <div class="note-meta">
        <span data-bl="note-author">{note.authorName}</span>
        <span>·</span>
        <time dateTime={new Date(note.createdAt).toISOString()}>{formatDateTime(note.createdAt, language)}</time>
        {note.editedAt && <span>({t('note.edited')})</span>}
        <span class="grow" />
        {!isEditing && !confirming && (
          <>
            <button
              type="button"
              class="link"
              data-bl="note-edit"
              onClick={() => {
                setDraft(note.text);
                setEditing(true);
              }}
            >
              {t('note.edit')}
            </button>
            {onDelete && (
              <button type="button" class="link danger" data-bl="note-delete" onClick={() => setConfirming(true)}>
                {t('note.delete')}
              </button>
            )}
          </>
        )}
        {confirming && (
          <>
            <span>{t('note.confirmDelete')}</span>
            <button
              type="button"
              class="link danger"
              data-bl="note-delete-confirm"
              onClick={() => {
                setConfirming(false);
                void onDelete?.(note).catch((err: unknown) => setError(errorText(err, t)));
              }}
            >
              {t('note.delete')}
            </button>
            <button type="button" class="link" onClick={() => setConfirming(false)}>
              {t('note.cancel')}
            </button>
          </>
        )}
      </div>
    </li>
  );
}
