import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { TagChips } from '@/components/TagChips';
import { EVIL, renderUi, tag } from './ui';

afterEach(cleanup);

describe('TagChips', () => {
  it('shows each tag as a chip with its name and colour, in the given order', () => {
    const { container } = renderUi(<TagChips tags={[tag('VIP', 'red'), tag('回购', 'green')]} buyerName="张三" />);
    const chips = container.querySelectorAll('[data-bl="chip"]');
    expect([...chips].map((c) => c.textContent)).toEqual(['VIP', '回购']);
    expect(chips[0]!.classList.contains('c-red')).toBe(true);
    expect(chips[1]!.classList.contains('c-green')).toBe(true);
    expect(screen.getByRole('group', { name: 'Tags for 张三' })).toBeTruthy();
  });

  it('read-only without handlers: no remove buttons, no "+"', () => {
    const { container } = renderUi(<TagChips tags={[tag('VIP')]} buyerName="张三" />);
    expect(container.querySelector('[data-bl="remove-tag"]')).toBeNull();
    expect(container.querySelector('[data-bl="add-tag"]')).toBeNull();
    expect(container.querySelector('[data-bl="chip"]')!.classList.contains('readonly')).toBe(true);
  });

  it('removing a tag calls back with that tag, and the click stays ours (the row link does not fire)', () => {
    const onRemove = vi.fn();
    const rowClick = vi.fn();
    const vip = tag('VIP');
    const { container } = renderUi(
      <a href="#order" onClick={rowClick}>
        <TagChips tags={[tag('回购'), vip]} buyerName="张三" onRemove={onRemove} />
      </a>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag VIP' }));
    expect(onRemove).toHaveBeenCalledExactlyOnceWith(vip);
    expect(rowClick).not.toHaveBeenCalled();
    expect(container.querySelectorAll('[data-bl="remove-tag"]')).toHaveLength(2);
  });

  it('"+" opens the editor anchored to itself, labelled with the buyer', () => {
    const onOpenEditor = vi.fn();
    const rowClick = vi.fn();
    renderUi(
      <div onClick={rowClick}>
        <TagChips tags={[]} buyerName="李四" onOpenEditor={onOpenEditor} />
      </div>,
    );
    const plus = screen.getByRole('button', { name: 'Tag 李四' });
    fireEvent.click(plus);
    expect(onOpenEditor).toHaveBeenCalledExactlyOnceWith(plus);
    expect(rowClick).not.toHaveBeenCalled();
  });

  it('renders page text as text: a tag or buyer name with markup creates no element', () => {
    const { container } = renderUi(<TagChips tags={[tag(EVIL)]} buyerName={EVIL} onOpenEditor={() => {}} onRemove={() => {}} />);
    expect(container.textContent).toContain(EVIL);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('button', { name: `Remove tag ${EVIL}` })).toBeTruthy();
  });
});
