import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { buildOptions, TagEditor, type TagEditorProps } from '@/components/TagEditor';
import type { TagColor } from '@/lib/model/entities';
import type { TagView } from '@/lib/model/views';
import { EVIL, renderUi, tag } from './ui';

let anchor: HTMLButtonElement;

beforeEach(() => {
  anchor = document.createElement('button');
  anchor.textContent = '+';
  document.body.append(anchor);
});

afterEach(() => {
  cleanup();
  anchor.remove();
});

const VIP = tag('VIP', 'red');
const REPEAT = tag('回购', 'green');
const VIP_OLD = tag('vip-old', 'amber');

function setup(overrides: Partial<TagEditorProps> = {}) {
  const created: TagView[] = [];
  const props: TagEditorProps = {
    title: 'Tags for 张三',
    anchor,
    allTags: [VIP, REPEAT, VIP_OLD],
    selected: [],
    mode: 'single',
    onAdd: vi.fn(async () => {}),
    onCreate: vi.fn(async (name: string, color: TagColor) => {
      const t = tag(name, color, `new_${name}`);
      created.push(t);
      return t;
    }),
    onRemove: vi.fn(async () => {}),
    onColor: vi.fn(async () => {}),
    onClose: vi.fn(),
    defaultColor: () => 'teal',
    ...overrides,
  };
  const result = renderUi(<TagEditor {...props} />);
  const input = screen.getByRole('combobox') as HTMLInputElement;
  const type = (value: string) => fireEvent.input(input, { target: { value } });
  const key = (k: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(input, { key: k, ...init });
  const optionNames = () => screen.queryAllByRole('option').map((o) => o.textContent?.replace('✓', '').trim());
  const highlighted = () => screen.queryAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true')?.textContent;
  return { ...result, props, input, type, key, optionNames, highlighted, created };
}

const nothingCalled = (props: TagEditorProps) => {
  expect(props.onAdd).not.toHaveBeenCalled();
  expect(props.onCreate).not.toHaveBeenCalled();
  expect(props.onRemove).not.toHaveBeenCalled();
};

describe('TagEditor: a keyboard-first combobox', () => {
  it('opens with the input focused and every tag listed, first highlighted', () => {
    const { input, optionNames, highlighted } = setup();
    expect(document.activeElement).toBe(input);
    expect(screen.getByRole('dialog', { name: 'Tags for 张三' })).toBeTruthy();
    // Sorted as a Chinese reader expects (zh-CN collation: Han first, then Latin).
    expect(optionNames()).toEqual(['回购', 'VIP', 'vip-old']);
    expect(highlighted()).toBe('回购');
    expect(input.getAttribute('aria-activedescendant')).toBe('bl-opt-0');
  });

  it('typing filters the list, case-insensitively', () => {
    const { type, optionNames } = setup();
    type('Vi');
    expect(optionNames()).toEqual(['VIP', 'vip-old', 'Create “Vi”']);
    type('回');
    expect(optionNames()).toEqual(['回购', 'Create “回”']);
    type('VIP');
    expect(optionNames()).toEqual(['VIP', 'vip-old']);
  });

  it('Enter adds the highlighted tag and clears the input', async () => {
    const { type, key, props, input } = setup();
    type('old');
    key('Enter');
    await waitFor(() => expect(props.onAdd).toHaveBeenCalledExactlyOnceWith(VIP_OLD));
    await waitFor(() => expect(input.value).toBe(''));
    expect(props.onCreate).not.toHaveBeenCalled();
    expect(props.onClose).not.toHaveBeenCalled(); // single mode stays open for the next tag
  });

  it('ArrowDown / ArrowUp move the highlight, within the list, and Enter takes the highlighted one', async () => {
    const { key, props, highlighted, input } = setup();
    key('ArrowDown');
    expect(highlighted()).toBe('VIP');
    key('ArrowDown');
    key('ArrowDown');
    key('ArrowDown');
    expect(highlighted()).toBe('vip-old');
    expect(input.getAttribute('aria-activedescendant')).toBe('bl-opt-2');
    key('ArrowUp');
    expect(highlighted()).toBe('VIP');
    key('ArrowUp');
    key('ArrowUp');
    expect(highlighted()).toBe('回购');
    key('ArrowDown');
    key('Enter');
    await waitFor(() => expect(props.onAdd).toHaveBeenCalledExactlyOnceWith(VIP));
  });

  it('typing resets the highlight to the first match', () => {
    const { key, type, highlighted } = setup();
    key('ArrowDown');
    key('ArrowDown');
    type('v');
    expect(highlighted()).toBe('VIP');
  });

  it('Enter on a new name creates the tag with the typed (trimmed) name and adds it', async () => {
    const { type, key, props, input } = setup();
    type('  新品尝试客户  ');
    key('Enter');
    await waitFor(() => expect(props.onAdd).toHaveBeenCalledTimes(1));
    expect(props.onCreate).toHaveBeenCalledExactlyOnceWith('新品尝试客户', 'teal');
    expect(props.onAdd).toHaveBeenCalledWith(expect.objectContaining({ id: 'new_新品尝试客户', name: '新品尝试客户' }));
    await waitFor(() => expect(input.value).toBe(''));
  });

  it('a colour picked for a new tag is the one it is created with', async () => {
    const { type, key, props } = setup();
    type('新客');
    fireEvent.click(screen.getByRole('button', { name: 'indigo' }));
    key('Enter');
    await waitFor(() => expect(props.onCreate).toHaveBeenCalledExactlyOnceWith('新客', 'indigo'));
  });

  it('a colour picked for an existing tag recolours it', async () => {
    const { type, props } = setup();
    type('回购');
    fireEvent.click(screen.getByRole('button', { name: 'slate' }));
    await waitFor(() => expect(props.onColor).toHaveBeenCalledExactlyOnceWith(REPEAT, 'slate'));
  });

  it('Enter on a tag the buyer already has removes it (single mode)', async () => {
    const { key, props } = setup({ selected: [REPEAT] });
    key('Enter');
    await waitFor(() => expect(props.onRemove).toHaveBeenCalledExactlyOnceWith(REPEAT));
    expect(props.onAdd).not.toHaveBeenCalled();
  });

  it('Backspace in the empty input removes the last selected tag (single mode only)', async () => {
    const { key, props } = setup({ selected: [REPEAT, VIP] });
    key('Backspace');
    await waitFor(() => expect(props.onRemove).toHaveBeenCalledExactlyOnceWith(VIP));
  });

  it('Backspace while text is typed only edits the text', async () => {
    const { key, type, props } = setup({ selected: [REPEAT, VIP] });
    type('v');
    key('Backspace');
    await new Promise((r) => setTimeout(r, 10));
    expect(props.onRemove).not.toHaveBeenCalled();
  });

  it('Backspace removes nothing when tagging a selection (bulk mode)', async () => {
    const { key, props } = setup({ mode: 'bulk', selected: [VIP] });
    key('Backspace');
    await new Promise((r) => setTimeout(r, 10));
    expect(props.onRemove).not.toHaveBeenCalled();
  });

  it('bulk mode: Enter adds the tag to the selection and closes, returning focus to the anchor', async () => {
    const { key, props } = setup({ mode: 'bulk' });
    key('Enter');
    await waitFor(() => expect(props.onClose).toHaveBeenCalledTimes(1));
    expect(props.onAdd).toHaveBeenCalledExactlyOnceWith(REPEAT);
    expect(document.activeElement).toBe(anchor);
  });

  it('Escape closes and gives focus back to the anchor', () => {
    const { key, props, input } = setup();
    expect(document.activeElement).toBe(input);
    key('Escape');
    expect(props.onClose).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(anchor);
  });

  it('Enter while an IME is composing (typing Chinese) does nothing', async () => {
    const { type, key, props } = setup();
    type('hui');
    key('Enter', { isComposing: true });
    await new Promise((r) => setTimeout(r, 10));
    nothingCalled(props);
    expect(props.onClose).not.toHaveBeenCalled();
  });

  it('Escape while an IME is composing cancels the composition only: the editor stays open', () => {
    const { type, key, props } = setup();
    type('hui');
    key('Escape', { isComposing: true });
    expect(props.onClose).not.toHaveBeenCalled();
  });

  it('keys typed in the editor do not reach the page’s own shortcuts', () => {
    const pageKeys = vi.fn();
    document.addEventListener('keydown', pageKeys);
    try {
      const { key } = setup();
      key('j');
      key('ArrowDown');
      expect(pageKeys).not.toHaveBeenCalled();
    } finally {
      document.removeEventListener('keydown', pageKeys);
    }
  });

  it('a name over 40 characters shows a clear error and calls nothing', async () => {
    const { type, key, props } = setup();
    type('x'.repeat(41));
    key('Enter');
    expect((await screen.findByRole('alert')).textContent).toBe('A tag name can be at most 40 characters.');
    nothingCalled(props);
  });

  it('exactly 40 characters is fine', async () => {
    const { type, key, props } = setup();
    type('y'.repeat(40));
    key('Enter');
    await waitFor(() => expect(props.onCreate).toHaveBeenCalledExactlyOnceWith('y'.repeat(40), 'teal'));
  });

  it('a name of only spaces shows a clear error and calls nothing', async () => {
    const { type, key, props } = setup({ allTags: [] });
    type('   ');
    key('Enter');
    expect((await screen.findByRole('alert')).textContent).toBe('A tag needs a name.');
    nothingCalled(props);
  });

  it('a failure from the background is shown, in words', async () => {
    const { key } = setup({ onAdd: vi.fn(async () => Promise.reject(new Error('That tag no longer exists.'))) });
    key('Enter');
    expect((await screen.findByRole('alert')).textContent).toBe('That tag no longer exists.');
  });

  it('clicking an option chooses it; clicking outside closes without stealing focus back', async () => {
    const outside = document.createElement('input');
    document.body.append(outside);
    try {
      const { props } = setup();
      fireEvent.click(screen.getByRole('option', { name: /回购/ }));
      await waitFor(() => expect(props.onAdd).toHaveBeenCalledExactlyOnceWith(REPEAT));
      outside.focus();
      fireEvent.pointerDown(outside);
      expect(props.onClose).toHaveBeenCalledTimes(1);
      expect(document.activeElement).toBe(outside);
    } finally {
      outside.remove();
    }
  });

  it('closes by itself when its anchor leaves the page (the row was re-rendered)', () => {
    anchor.remove();
    const { props } = setup();
    expect(props.onClose).toHaveBeenCalled();
  });

  it('says so when there are no tags yet, and offers to create', () => {
    const { type, optionNames } = setup({ allTags: [] });
    expect(screen.getByText(/No tags yet/)).toBeTruthy();
    type('VIP');
    expect(optionNames()).toEqual(['Create “VIP”']);
  });

  it('renders tag names and typed text as text', () => {
    const { type, container } = setup({ allTags: [tag(EVIL)] , selected: [tag(EVIL)] });
    type('<b>bold</b>');
    expect(container.textContent).toContain(EVIL);
    expect(container.textContent).toContain('Create “<b>bold</b>”');
    expect(container.querySelector('img, b')).toBeNull();
  });
});

describe('buildOptions', () => {
  const tags = [tag('会员VIP'), tag('vip-old'), tag('Big VIP'), tag('VIP'), tag('回购')];
  const describeOptions = (query: string) =>
    buildOptions(tags, query).map((o) => (o.kind === 'tag' ? o.tag.name : `+${o.name}`));

  it('an empty query lists every tag, by name, and offers no create', () => {
    // zh-CN collation: Han (by pinyin: hui2 gou4 < hui4 yuan2) before Latin.
    expect(describeOptions('')).toEqual(['回购', '会员VIP', 'Big VIP', 'VIP', 'vip-old']);
    expect(describeOptions('   ')).toEqual(['回购', '会员VIP', 'Big VIP', 'VIP', 'vip-old']);
  });

  it('prefix matches come before matches inside the name', () => {
    expect(describeOptions('vip')).toEqual(['VIP', 'vip-old', '会员VIP', 'Big VIP']);
    expect(describeOptions('vi')).toEqual(['VIP', 'vip-old', '会员VIP', 'Big VIP', '+vi']);
  });

  it('offers "create" only when no tag has that name, ignoring case, width and surrounding space', () => {
    const offersCreate = (q: string) => buildOptions(tags, q).some((o) => o.kind === 'create');
    expect(offersCreate('Vip')).toBe(false);
    expect(offersCreate('  VIP ')).toBe(false);
    expect(offersCreate('ＶＩＰ')).toBe(false); // full-width, as an IME may type it
    expect(offersCreate('big vip')).toBe(false);
    expect(offersCreate('VIP2')).toBe(true);
    expect(describeOptions('回购')).toEqual(['回购']);
    expect(describeOptions('回')).toEqual(['回购', '+回']);
  });

  it('the name offered for creation is trimmed with inner spaces collapsed', () => {
    expect(describeOptions('  new   tag ')).toEqual(['+new tag']);
  });

  it('a name typed with a double space finds the existing tag instead of offering a duplicate', () => {
    // Tag names are stored with inner whitespace collapsed ("Big VIP"); creating "Big  VIP"
    // would be refused by the background as a duplicate.
    expect(describeOptions('big  vip')).toEqual(['Big VIP']);
  });
});
