import { describe, expect, it } from 'vitest';
import { formatReason } from '@/components/format-reason';
import { translator } from '@/lib/i18n';

const en = translator('en');
const zh = translator('zh-CN');
// Noon UTC, so the calendar day is the same in any test time zone.
const NOV_2 = Date.UTC(2026, 10, 2, 12);

describe('formatReason', () => {
  it('returns an unknown key as it is, ignoring its params', () => {
    expect(formatReason({ key: 'Some free text from an old version', params: { spentMinor: 100 } }, en, 'en')).toBe(
      'Some free text from an old version',
    );
    expect(formatReason({ key: 'insight.reason.nope' }, zh, 'zh-CN')).toBe('insight.reason.nope');
  });

  it('translates a key without params', () => {
    expect(formatReason({ key: 'insight.reason.noOrders' }, en, 'en')).toBe('No orders yet');
    expect(formatReason({ key: 'insight.reason.noOrders' }, zh, 'zh-CN')).toBe('还没有订单');
  });

  it('formats …Minor params as money in the given currency, other numbers by locale', () => {
    const reason = { key: 'insight.reason.spent', params: { spentMinor: 123_450, currency: 'USD', orders: 1200 } };
    expect(formatReason(reason, en, 'en')).toBe('Spent $1,234.50 over 1,200 orders');
    expect(formatReason(reason, zh, 'zh-CN')).toBe('1,200 单共消费 $1,234.50');
  });

  it('uses the currency’s own minor units (JPY has none)', () => {
    const reason = { key: 'insight.reason.avg', params: { avgMinor: 1500, currency: 'JPY' } };
    expect(formatReason(reason, en, 'en')).toBe('Spends ¥1,500 per order on average');
  });

  it('money without a currency param is shown as CNY, never as a bare minor-unit number', () => {
    const text = formatReason({ key: 'insight.reason.spent.one', params: { spentMinor: 9_900 } }, en, 'en');
    expect(text).toBe('Spent ¥99.00 on one order');
    expect(text).not.toContain('9900');
  });

  it('formats …At params as dates in the reader’s language', () => {
    // No shipped message has an …At placeholder yet, so check the conversion through a key whose
    // placeholder receives it: the parameter is formatted before substitution whatever its name.
    const seen: Record<string, string | number>[] = [];
    const spy: typeof en = (key, params) => {
      seen.push(params ?? {});
      return en(key, params);
    };
    formatReason({ key: 'insight.reason.noOrders', params: { lastAt: NOV_2, days: 3 } }, spy, 'en');
    expect(seen[0]).toEqual({ lastAt: 'Nov 2, 2026', days: 3 });
    seen.length = 0;
    formatReason({ key: 'insight.reason.noOrders', params: { firstAt: NOV_2 } }, spy, 'zh-CN');
    expect(seen[0]).toEqual({ firstAt: '2026年11月2日' });
  });

  it('leaves string params (and a string under a …Minor/…At name) as they are', () => {
    expect(formatReason({ key: 'insight.reason.tag.has', params: { tag: 'VIP' } }, en, 'en')).toBe('Tagged “VIP”');
    expect(formatReason({ key: 'insight.reason.lastStatus', params: { status: '已签收' } }, zh, 'zh-CN')).toBe('最近一单状态：已签收');
    const seen: Record<string, string | number>[] = [];
    const spy: typeof en = (key, params) => {
      seen.push(params ?? {});
      return en(key, params);
    };
    formatReason({ key: 'insight.reason.noOrders', params: { spentMinor: 'n/a', lastAt: 'yesterday' } }, spy, 'en');
    expect(seen[0]).toEqual({ spentMinor: 'n/a', lastAt: 'yesterday' });
  });

  it('zh-CN: a lifecycle reason reads in Chinese with its numbers filled in', () => {
    const reason = { key: 'insight.lifecycle.at_risk', params: { days: 75, activeDays: 60, churnDays: 120 } };
    expect(formatReason(reason, zh, 'zh-CN')).toBe('已 75 天未下单：超过 60 天，满 120 天即算流失');
    expect(formatReason(reason, en, 'en')).toBe('No order for 75 days: more than 60, churned after 120');
  });

  it('a hostile param is substituted as text', () => {
    const evil = '<img src=x onerror=alert(1)>';
    expect(formatReason({ key: 'insight.reason.tag.has', params: { tag: evil } }, en, 'en')).toBe(`Tagged “${evil}”`);
  });
});
