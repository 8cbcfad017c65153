import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { NotesSection, type NotesSectionProps } from '@/components/NotesSection';
import { memoryDrafts, type DraftStore } from '@/components/ui-context';
import type { NoteView } from '@/lib/model/views';
import { EVIL, renderUi } from './ui';

afterEach(cleanup);

const NOTE: NoteView = { id: 'n_1', text: 'Prefers SF Express', authorName: 'Ada', createdAt: Date.UTC(2026, 10, 2, 2, 15), rev: 1 };
const EDITED: NoteView = { id: 'n_2', text: 'Allergic to lilies', authorName: 'Bo', createdAt: Date.UTC(2026, 10, 1), editedAt: Date.UTC(2026, 10, 3), rev: 2 };

function setup(overrides: Partial<NotesSectionProps> = {}, drafts: DraftStore = memoryDrafts()) {
  const props: NotesSectionProps = {
    notes: [NOTE, EDITED],
    draftKey: 'demo:blossom:c_1',
    onSave: vi.fn(async () => {}),
    onDelete: vi.fn(async () => {}),
    ...overrides,
  };
  const result = renderUi(<NotesSection {...props} />, { drafts });
  const newInput = () => result.container.querySelector<HTMLTextAreaElement>('[data-bl="note-input"]')!;
  const addButton = () => result.container.querySelector<HTMLButtonElement>('[data-bl="note-save"]')!;
  const type = (el: HTMLTextAreaElement, value: string) => fireEvent.input(el, { target: { value } });
  const noteItem = (id: string) =>
    [...result.container.querySelectorAll<HTMLElement>('[data-bl="note"]')].find((li) => li.textContent?.includes(id === 'n_1' ? 'Ada' : 'Bo'))!;
  return { ...result, props, drafts, newInput, addButton, type, noteItem };
}

describe('NotesSection', () => {
  it('lists notes with text, author and an "edited" mark; says so when there are none', () => {
    const { container } = setup();
    const items = container.querySelectorAll('[data-bl="note"]');
    expect(items).toHaveLength(2);
    expect(items[0]!.querySelector('[data-bl="note-text"]')!.textContent).toBe('Prefers SF Express');
    expect(items[0]!.querySelector('[data-bl="note-author"]')!.textContent).toBe('Ada');
    expect(items[0]!.textContent).not.toContain('edited');
    expect(items[1]!.textContent).toContain('(edited)');
    cleanup();
    setup({ notes: [] });
    expect(screen.getByText(/No notes yet/)).toBeTruthy();
  });

  it('adds a note with the typed text and empties the box afterwards', async () => {
    const { newInput, addButton, type, props } = setup();
    type(newInput(), 'Wants gift wrapping');
    fireEvent.click(addButton());
    await waitFor(() => expect(props.onSave).toHaveBeenCalledExactlyOnceWith('Wants gift wrapping'));
    await waitFor(() => expect(newInput().value).toBe(''));
  });

  it('Ctrl+Enter adds the note too', async () => {
    const { newInput, type, props } = setup();
    type(newInput(), 'Call after 6pm');
    fireEvent.keyDown(newInput(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(props.onSave).toHaveBeenCalledExactlyOnceWith('Call after 6pm'));
  });

  it('refuses an empty note: the button is disabled and Ctrl+Enter explains why', async () => {
    const { newInput, addButton, type, props } = setup();
    expect(addButton().disabled).toBe(true);
    type(newInput(), '   \n  ');
    expect(addButton().disabled).toBe(true);
    fireEvent.keyDown(newInput(), { key: 'Enter', ctrlKey: true });
    expect((await screen.findByRole('alert')).textContent).toBe('A note needs some text.');
    expect(props.onSave).not.toHaveBeenCalled();
  });

  it('text typed while a save is under way is not wiped when the save completes', async () => {
    let finish!: () => void;
    const onSave = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { newInput, addButton, type } = setup({ onSave });
    type(newInput(), 'first note');
    fireEvent.click(addButton());
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    // The background is slow (a service worker waking up): the agent starts the next note.
    type(newInput(), 'second note, typed meanwhile');
    finish();
    await new Promise((r) => setTimeout(r, 20));
    expect(newInput().value).toBe('second note, typed meanwhile');
  });

  it('keeps the text and shows the reason when saving fails', async () => {
    const { newInput, addButton, type } = setup({ onSave: vi.fn(async () => Promise.reject(new Error('A note can be at most 10,000 characters.'))) });
    type(newInput(), 'important');
    fireEvent.click(addButton());
    expect((await screen.findByRole('alert')).textContent).toBe('A note can be at most 10,000 characters.');
    expect(newInput().value).toBe('important');
  });

  it('edit shows a textarea holding the note text, and saves the new text with the note edited', async () => {
    const { noteItem, type, props, container } = setup();
    fireEvent.click(noteItem('n_1').querySelector('[data-bl="note-edit"]')!);
    const edit = container.querySelector<HTMLTextAreaElement>('[data-bl="note-edit-input"]')!;
    expect(edit.value).toBe('Prefers SF Express');
    type(edit, 'Prefers SF Express, never ZTO');
    fireEvent.click(container.querySelector('[data-bl="note-edit-save"]')!);
    await waitFor(() => expect(props.onSave).toHaveBeenCalledExactlyOnceWith('Prefers SF Express, never ZTO', NOTE));
    await waitFor(() => expect(container.querySelector('[data-bl="note-edit-input"]')).toBeNull());
  });

  it('an edit emptied to spaces is refused with a message', async () => {
    const { noteItem, type, props, container } = setup();
    fireEvent.click(noteItem('n_1').querySelector('[data-bl="note-edit"]')!);
    type(container.querySelector<HTMLTextAreaElement>('[data-bl="note-edit-input"]')!, '  ');
    fireEvent.click(container.querySelector('[data-bl="note-edit-save"]')!);
    expect((await screen.findByRole('alert')).textContent).toBe('A note needs some text.');
    expect(props.onSave).not.toHaveBeenCalled();
  });

  it('cancelling an edit leaves the note as it was and saves nothing', async () => {
    const { noteItem, type, props, container } = setup();
    fireEvent.click(noteItem('n_1').querySelector('[data-bl="note-edit"]')!);
    type(container.querySelector<HTMLTextAreaElement>('[data-bl="note-edit-input"]')!, 'changed my mind');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(container.querySelector('[data-bl="note-edit-input"]')).toBeNull();
    expect(noteItem('n_1').querySelector('[data-bl="note-text"]')!.textContent).toBe('Prefers SF Express');
    expect(props.onSave).not.toHaveBeenCalled();
  });

  it('delete asks first; only the confirmation deletes', async () => {
    const { noteItem, props } = setup();
    fireEvent.click(noteItem('n_2').querySelector('[data-bl="note-delete"]')!);
    expect(props.onDelete).not.toHaveBeenCalled();
    expect(noteItem('n_2').textContent).toContain('Delete this note?');
    fireEvent.click(noteItem('n_2').querySelector('[data-bl="note-delete-confirm"]')!);
    await waitFor(() => expect(props.onDelete).toHaveBeenCalledExactlyOnceWith(EDITED));
  });

  it('delete can be called off', () => {
    const { noteItem, props } = setup();
    fireEvent.click(noteItem('n_2').querySelector('[data-bl="note-delete"]')!);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(noteItem('n_2').querySelector('[data-bl="note-delete-confirm"]')).toBeNull();
    expect(props.onDelete).not.toHaveBeenCalled();
  });

  it('a failed delete says why', async () => {
    const { noteItem } = setup({ onDelete: vi.fn(async () => Promise.reject(new Error('That note no longer exists.'))) });
    fireEvent.click(noteItem('n_2').querySelector('[data-bl="note-delete"]')!);
    fireEvent.click(noteItem('n_2').querySelector('[data-bl="note-delete-confirm"]')!);
    expect((await screen.findByRole('alert')).textContent).toBe('That note no longer exists.');
  });

  it('a draft typed and then unmounted at once (mid-debounce) comes back on remount', async () => {
    const drafts = memoryDrafts();
    const first = setup({}, drafts);
    first.type(first.newInput(), 'half a thought');
    first.unmount();
    const second = setup({}, drafts);
    await waitFor(() => expect(second.newInput().value).toBe('half a thought'));
  });

  it('a draft kept after the debounce comes back too, and is gone once the note is saved', async () => {
    const drafts = memoryDrafts();
    const first = setup({}, drafts);
    first.type(first.newInput(), 'kept for later');
    await waitFor(async () => expect(await drafts.load('demo:blossom:c_1:new')).toBe('kept for later'), { timeout: 1000 });
    first.unmount();

    const second = setup({}, drafts);
    await waitFor(() => expect(second.newInput().value).toBe('kept for later'));
    fireEvent.click(second.addButton());
    await waitFor(() => expect(second.props.onSave).toHaveBeenCalledWith('kept for later'));
    await waitFor(async () => expect(await drafts.load('demo:blossom:c_1:new')).toBeUndefined());
    second.unmount();

    const third = setup({}, drafts);
    await new Promise((r) => setTimeout(r, 20));
    expect(third.newInput().value).toBe('');
  });

  it('drafts are per buyer: another buyer’s box starts empty', async () => {
    const drafts = memoryDrafts();
    const first = setup({}, drafts);
    first.type(first.newInput(), 'for buyer 1');
    first.unmount();
    const other = setup({ draftKey: 'demo:blossom:c_2' }, drafts);
    await new Promise((r) => setTimeout(r, 20));
    expect(other.newInput().value).toBe('');
  });

  it('an edit under way survives an unmount: the note reopens in edit mode with the draft', async () => {
    const drafts = memoryDrafts();
    const first = setup({}, drafts);
    fireEvent.click(first.noteItem('n_1').querySelector('[data-bl="note-edit"]')!);
    first.type(first.container.querySelector<HTMLTextAreaElement>('[data-bl="note-edit-input"]')!, 'Prefers SF Exp');
    first.unmount();
    const second = setup({}, drafts);
    await waitFor(() =>
      expect(second.container.querySelector<HTMLTextAreaElement>('[data-bl="note-edit-input"]')?.value).toBe('Prefers SF Exp'),
    );
  });

  it('renders note text and author as text, never markup', () => {
    const { container } = setup({ notes: [{ ...NOTE, text: EVIL, authorName: EVIL }] });
    expect(container.querySelector('[data-bl="note-text"]')!.textContent).toBe(EVIL);
    expect(container.querySelector('[data-bl="note-author"]')!.textContent).toBe(EVIL);
    expect(container.querySelector('img')).toBeNull();
  });

  it('keys typed in the note box do not reach the page’s shortcuts', () => {
    const pageKeys = vi.fn();
    document.addEventListener('keydown', pageKeys);
    try {
      const { newInput } = setup();
      fireEvent.keyDown(newInput(), { key: 'j' });
      expect(pageKeys).not.toHaveBeenCalled();
    } finally {
      document.removeEventListener('keydown', pageKeys);
    }
  });
});
