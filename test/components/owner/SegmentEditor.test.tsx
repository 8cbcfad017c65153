import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { SegmentEditor } from '@/components/owner/customers/SegmentEditor';
import { COUNT_DEBOUNCE_MS, LiveCount } from '@/components/owner/customers/LiveCount';
import type { CustomerFilter } from '@/lib/model/owner';
import { renderUi } from '../ui';

const rpc = vi.hoisted(() => ({ call: vi.fn<(name: string, args: unknown) => Promise<unknown>>() }));
vi.mock('@/lib/rpc/owner-client', () => ({ call: rpc.call }));

const SHOP = 'demo:blossom';

function Editor({ initial = '', tags = ['vip', 'wholesale', 'VIP-gold'] }: { initial?: string; tags?: string[] }) {
  const [value, setValue] = useState(initial);
  return <SegmentEditor value={value} onChange={setValue} tags={tags} />;
}

const input = () => screen.getByRole('combobox') as HTMLInputElement;
const type = (text: string) => fireEvent.input(input(), { target: { value: text, selectionStart: text.length } });

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('SegmentEditor', () => {
  it('points at the misspelt field and offers the fix', () => {
    renderUi(<Editor />);
    type("amount_spent >= 500 AND lifecycl = 'new'");

    const alert = screen.getByRole('alert');
    expect(alert.querySelector('mark')!.textContent).toBe('lifecycl');
    // The caret line sits under the 25th character (offset 24) and spans the word.
    expect(alert.querySelector('.caret')!.textContent).toBe(' '.repeat(24) + '^'.repeat(8));
    expect(alert.textContent).toContain('Unknown field lifecycl');
    expect(input().getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Did you mean lifecycle?' }));
    expect(input().value).toBe("amount_spent >= 500 AND lifecycle = 'new'");
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('points past the end when a value is missing', () => {
    renderUi(<Editor />);
    type('amount_spent >= ');
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('.caret')!.textContent).toBe(' '.repeat(16) + '^');
    expect(alert.textContent).toContain('Expected a value');
  });

  it('autocompletes a tag name with the keyboard', () => {
    renderUi(<Editor />);
    type("customer_tags CONTAINS 'v");

    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.querySelector('.label')!.textContent)).toEqual(['vip', 'VIP-gold']);
    expect(input().getAttribute('aria-expanded')).toBe('true');
    expect(input().getAttribute('aria-activedescendant')).toBe(options[0]!.id);

    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input(), { key: 'ArrowDown' }); // wraps to the first
    fireEvent.keyDown(input(), { key: 'Enter' });

    expect(input().value).toBe("customer_tags CONTAINS 'vip' ");
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Esc closes the suggestions and Tab accepts a field', () => {
    renderUi(<Editor />);
    type('amount_s');
    expect(screen.getAllByRole('option')[0]!.textContent).toContain('amount_spent');
    fireEvent.keyDown(input(), { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();

    fireEvent.keyDown(input(), { key: 'ArrowDown' }); // reopens
    fireEvent.keyDown(input(), { key: 'Tab' });
    expect(input().value).toBe('amount_spent ');
    // Next come the operators of a money field.
    expect(screen.getAllByRole('option').map((o) => o.querySelector('.label')!.textContent)).toContain('>=');
  });

  it('offers example queries under an empty editor', () => {
    renderUi(<Editor tags={['VIP']} />);
    fireEvent.click(screen.getByRole('button', { name: 'Tagged “VIP”' }));
    expect(input().value).toBe("customer_tags CONTAINS 'VIP'");
  });
});

describe('LiveCount', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    rpc.call.mockReset();
  });

  it('shows the count of the latest query and ignores a slower reply to an older one', async () => {
    const replies: ((value: unknown) => void)[] = [];
    rpc.call.mockImplementation(() => new Promise((resolve) => replies.push(resolve)));
    const filter = (query: string): CustomerFilter => ({ query });
    const { rerenderUi } = renderUi(<LiveCount shopId={SHOP} filter={filter('number_of_orders >= 1')} version={0} />);

    // Typing on before the pause: no request yet.
    rerenderUi(<LiveCount shopId={SHOP} filter={filter('number_of_orders >= 2')} version={0} />);
    await act(() => void vi.advanceTimersByTime(COUNT_DEBOUNCE_MS - 1));
    expect(rpc.call).not.toHaveBeenCalled();
    await act(() => void vi.advanceTimersByTime(1));
    expect(rpc.call).toHaveBeenCalledTimes(1);
    expect(rpc.call).toHaveBeenLastCalledWith('customers.query', { shopId: SHOP, filter: filter('number_of_orders >= 2'), limit: 0 });

    rerenderUi(<LiveCount shopId={SHOP} filter={filter('number_of_orders >= 3')} version={0} />);
    await act(() => void vi.advanceTimersByTime(COUNT_DEBOUNCE_MS));
    expect(rpc.call).toHaveBeenCalledTimes(2);

    await act(async () => replies[1]!({ total: 1234, all: 56789, rows: [] }));
    expect(screen.getByText('1,234 of 56,789 customers')).toBeTruthy();
    // The older query's reply arrives last: it must not replace the newer figure.
    await act(async () => replies[0]!({ total: 9999, all: 56789, rows: [] }));
    expect(document.querySelector('[data-bl="segment-count"]')!.textContent).toBe('1,234 of 56,789 customers');
  });
});
