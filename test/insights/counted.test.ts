import { describe, expect, it } from 'vitest';
import { isCountedStatus, UNCOUNTED_STATUSES } from '@/lib/insights/counted';

describe('isCountedStatus', () => {
  it.each(['cancelled', 'canceled', 'refunded', 'closed', 'failed', 'trash', '交易关闭', '已取消', '已退款'])('%s does not count', (s) => {
    expect(isCountedStatus(s)).toBe(false);
  });

  it.each(['paid', 'shipped', 'delivered', 'completed', 'processing', '交易成功', '已发货', '', 'refund-requested'])('%j counts', (s) => {
    expect(isCountedStatus(s)).toBe(true);
  });

  it('counts an order without status', () => {
    expect(isCountedStatus(undefined)).toBe(true);
  });

  it('ignores case and surrounding space', () => {
    expect(isCountedStatus('Cancelled')).toBe(false);
    expect(isCountedStatus(' REFUNDED ')).toBe(false);
    expect(isCountedStatus(' 已退款 ')).toBe(false);
  });

  it('survives a non-string status from untyped data', () => {
    expect(isCountedStatus(42 as unknown as string)).toBe(true);
    expect(isCountedStatus(null as unknown as string)).toBe(true);
  });

});
