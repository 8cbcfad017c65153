import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/preact';
import { InsightSummary, type InsightSummaryProps } from '@/components/InsightSummary';
import type { InsightView } from '@/lib/model/views';
import { EVIL, renderUi, insightView } from './ui';

afterEach(cleanup);

const DAY = 86_400_000;
// Noon UTC, so the calendar day is the same in any test time zone.
const MAR_10 = Date.UTC(2026, 2, 10, 12);
const NOV_2 = Date.UTC(2026, 10, 2, 12);

const insight = insightView;

/** A repeat buyer, as the background would describe them. */
const loyal = insight({
  stage: 'at_risk',
  group: 'loyal',
  orderCount: 6,
  totalMinor: 123_450,
  currency: 'CNY',
  rfm: { r: 2, f: 5, m: 4 },
  stageReason: { key: 'insight.lifecycle.at_risk', params: { days: 75, activeDays: 60, churnDays: 120 } },
  groupReason: { key: 'insight.reason.spent', params: { spentMinor: 123_450, currency: 'CNY', orders: 6 } },
  avgOrderMinor: 20_575,
  firstAt: MAR_10,
  lastAt: NOV_2,
  recencyDays: 75,
  cycleDays: 28,
  nextExpectedAt: NOV_2 + 28 * DAY,
});

function setup(props: Partial<InsightSummaryProps> = {}, language: 'en' | 'zh-CN' = 'en') {
  const all: InsightSummaryProps = { insight: loyal, orderCount: 6, totalSpent: [{ amountMinor: 123_450, currency: 'CNY' }], ...props };
  const result = renderUi(<InsightSummary {...all} />, { language });
  const q = (bl: string) => result.container.querySelector<HTMLElement>(`[data-bl="${bl}"]`);
  const reasons = () => [...result.container.querySelectorAll('[data-bl="insight-reasons"] li')].map((li) => li.textContent);
  /** The value beside a label in the facts list. */
  const fact = (label: string) => {
    const dt = [...result.container.querySelectorAll('dt')].find((d) => d.textContent === label);
    return dt?.nextElementSibling?.textContent ?? null;
  };
  return { ...result, q, reasons, fact };
}

describe('InsightSummary', () => {
  it('names the stage and RFM group in English, styled by their ids', () => {
    const { q } = setup();
    expect(q('stage')!.textContent).toBe('At risk');
    expect(q('stage')!.classList.contains('s-at_risk')).toBe(true);
    expect(q('rfm-group')!.textContent).toBe('Loyal');
    expect(q('rfm-group')!.classList.contains('g-loyal')).toBe(true);
  });

  it('names them in Chinese for a zh-CN reader, with Chinese labels and reasons', () => {
    const { q, reasons, fact } = setup({}, 'zh-CN');
    expect(q('stage')!.textContent).toBe('有流失风险');
    expect(q('rfm-group')!.textContent).toBe('忠诚客户');
    expect(reasons()).toEqual(['已 75 天未下单：超过 60 天，满 120 天即算流失', '6 单共消费 ¥1,234.50']);
    expect(fact('回购周期')).toBe('每 28 天');
    expect(fact('最近下单')).toBe('2026年11月2日 · 75 天前');
    expect(fact('首次下单')).toBe('2026年3月10日');
  });

  it('shows the R/F/M scores with an accessible summary', () => {
    const { q } = setup();
    const scores = q('rfm-scores')!;
    expect(scores.getAttribute('aria-label')).toBe('Recency 2, frequency 5, monetary 4 of 5');
    expect([...scores.querySelectorAll('.score')].map((s) => s.textContent)).toEqual(['R2', 'F5', 'M4']);
  });

  it('a prospect has no scores, and says so in its reasons', () => {
    const { q, reasons } = setup({ insight: insight(), orderCount: 0, totalSpent: [] });
    expect(q('rfm-scores')).toBeNull();
    expect(q('stage')!.textContent).toBe('Prospect');
    expect(q('rfm-group')!.textContent).toBe('Prospects');
    expect(reasons()).toEqual(['No purchase yet', 'No counted orders yet, so no RFM scores.']);
  });

  it('translates the reasons, formatting money params with their currency', () => {
    const { reasons } = setup();
    expect(reasons()).toEqual(['No order for 75 days: more than 60, churned after 120', 'Spent ¥1,234.50 over 6 orders']);
  });

  it('shows a reason key it does not know as the text it was given', () => {
    const { reasons } = setup({ insight: { ...loyal, groupReason: { key: 'Imported from the old CRM' } } });
    expect(reasons()[1]).toBe('Imported from the old CRM');
  });

  it('shows the totals: orders, spent, average order, usual cycle, first and last order, next expected', () => {
    const { q, fact } = setup({ orderCount: 1234 });
    expect(q('order-count')!.textContent).toBe('1,234');
    expect(q('total-spent')!.textContent).toBe('¥1,234.50');
    expect(q('aov')!.textContent).toBe('¥205.75');
    expect(q('cycle')!.textContent).toBe('every 28 days');
    expect(fact('First order')).toBe('Mar 10, 2026');
    expect(q('last-order')!.textContent).toBe('Nov 2, 2026 · 75 days ago');
    expect(q('next-expected')!.textContent).toBe('Nov 30, 2026');
  });

  it('sums per currency, joined with " + "', () => {
    const { q } = setup({
      totalSpent: [
        { amountMinor: 123_450, currency: 'CNY' },
        { amountMinor: 2_000, currency: 'USD' },
        { amountMinor: 1_500, currency: 'JPY' },
      ],
    });
    expect(q('total-spent')!.textContent).toBe('¥1,234.50 + $20.00 + ¥1,500');
  });

  it('the average order is in the buyer’s currency', () => {
    const { q } = setup({ insight: { ...loyal, currency: 'USD', avgOrderMinor: 4_250 } });
    expect(q('aov')!.textContent).toBe('$42.50');
  });

  it('nothing spent yet: zero in the buyer’s currency, and dashes where a figure is unknown', () => {
    const { q, fact } = setup({ insight: insight(), orderCount: 0, totalSpent: [] });
    expect(q('order-count')!.textContent).toBe('0');
    expect(q('total-spent')!.textContent).toBe('¥0.00');
    expect(q('aov')!.textContent).toBe('—');
    expect(q('cycle')!.textContent).toBe('—');
    expect(fact('First order')).toBe('—');
    // No date, so no "N days ago" either.
    expect(q('last-order')!.textContent).toBe('—');
    expect(q('next-expected')).toBeNull();
    expect(fact('Next order expected')).toBeNull();
  });

  it('a buyer who ordered today: "0 days ago", not a missing figure', () => {
    const { q } = setup({ insight: { ...loyal, recencyDays: 0 } });
    expect(q('last-order')!.textContent).toBe('Nov 2, 2026 · 0 days ago');
  });

  it('notes orders without a known amount, only when there are some', () => {
    const some = setup({ insight: { ...loyal, unknownTotalOrders: 2 } });
    expect(some.container.textContent).toContain('2 orders without a known amount are counted but not summed.');
    cleanup();
    const none = setup();
    expect(none.container.textContent).not.toContain('without a known amount');
    cleanup();
    const zh = setup({ insight: { ...loyal, unknownTotalOrders: 3 } }, 'zh-CN');
    expect(zh.container.textContent).toContain('3 个订单金额未知：计入订单数，不计入金额。');
  });

  it('renders a hostile reason key or param as literal text', () => {
    const { container, reasons } = setup({
      insight: {
        ...loyal,
        stageReason: { key: EVIL },
        groupReason: { key: 'insight.reason.tag.has', params: { tag: EVIL } },
      },
    });
    expect(reasons()).toEqual([EVIL, `Tagged “${EVIL}”`]);
    expect(container.querySelector('img')).toBeNull();
  });
});
