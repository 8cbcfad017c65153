import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { BulkBar } from '@/components/BulkBar';
import { renderUi } from './ui';

afterEach(cleanup);

describe('BulkBar', () => {
  it('says how many orders and distinct buyers are selected', () => {
    renderUi(<BulkBar orders={5} buyers={3} onTag={() => {}} onClear={() => {}} />);
    expect(screen.getByRole('region', { name: '5 orders selected · 3 buyers' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Tag 3 buyers' })).toBeTruthy();
  });

  it('formats large counts and speaks Chinese', () => {
    renderUi(<BulkBar orders={1200} buyers={1001} onTag={() => {}} onClear={() => {}} />, { language: 'zh-CN' });
    expect(screen.getByRole('region').getAttribute('aria-label')).toBe('已选 1,200 个订单 · 1,001 位买家');
    expect(screen.getByRole('button', { name: '给 1,001 位买家打标签' })).toBeTruthy();
  });

  it('"Tag" opens the editor anchored to the button; "Clear selection" clears', () => {
    const onTag = vi.fn();
    const onClear = vi.fn();
    renderUi(<BulkBar orders={2} buyers={2} onTag={onTag} onClear={onClear} />);
    const tagButton = screen.getByRole('button', { name: 'Tag 2 buyers' });
    fireEvent.click(tagButton);
    expect(onTag).toHaveBeenCalledExactlyOnceWith(tagButton);
    expect(onClear).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(onClear).toHaveBeenCalledTimes(1);
    expect(onTag).toHaveBeenCalledTimes(1);
  });
});
