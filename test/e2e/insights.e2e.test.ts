/**
 * Know the buyer at a glance, end to end: browse the demo's orders with the built extension,
 * then see the right figures, stage and a suggested action in the chat profile; mark it done,
 * reload, and it stays done. The expected figures come from the demo's own API, computed here
 * independently of the extension.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, pollUntil, startDemo, watchPage, type Demo, type ExtensionBrowser } from './harness.ts';
import { waitForAnnotated } from './ui.ts';

interface DemoOrder {
  id: string;
  status: string;
  total: { amountMinor: number; currency: string };
  items?: Array<{ name: string; qty: number }>;
}

let demo: Demo;
let browser: ExtensionBrowser;

beforeAll(async () => {
  demo = await startDemo({ orderCount: 360 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

async function api<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, demo.url));
  return (await res.json()) as T;
}

/** What the profile panel shows of the buyer's value and next actions. */
async function panel(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('aside.chat-dock buyerlens-profile')?.shadowRoot;
    const text = (sel: string) => (root?.querySelector(sel)?.textContent ?? '').trim();
    return {
      orderCount: text('[data-bl=order-count]'),
      totalSpent: text('[data-bl=total-spent]'),
      stage: text('[data-bl=stage]'),
      group: text('[data-bl=rfm-group]'),
      history: Array.from(root?.querySelectorAll('[data-bl=recent-order]') ?? []).map((li) => li.textContent ?? ''),
      chart: !!root?.querySelector('[data-bl=spend-chart] svg rect'),
      actions: Array.from(root?.querySelectorAll('[data-bl=action]') ?? []).map((li) => ({
        rule: li.getAttribute('data-rule') ?? '',
        text: (li.querySelector('[data-bl=action-text]')?.textContent ?? '').trim(),
        reasons: Array.from(li.querySelectorAll('li')).map((r) => r.textContent ?? ''),
      })),
    };
  });
}

describe('insights in the real extension', () => {
  it('shows the buyer’s figures, stage, history and a suggested action; done stays done after a reload', async () => {
    // The buyer of a conversation with the most orders: the most to get right.
    const { conversations } = await api<{ conversations: Array<{ id: string; buyer: { nick: string } }> }>('/api/conversations');
    const withOrders = await Promise.all(
      conversations.map(async (c) => ({ c, orders: (await api<{ orders: DemoOrder[] }>(`/api/orders?buyer=${encodeURIComponent(c.buyer.nick)}&per=5000`)).orders })),
    );
    const { c: conversation, orders } = withOrders.sort((a, b) => b.orders.length - a.orders.length)[0]!;
    const counted = orders.filter((o) => o.status !== 'refunded' && o.status !== 'cancelled');
    const expectedTotal = new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(
      counted.reduce((sum, o) => sum + o.total.amountMinor, 0) / 100,
    );
    expect(orders.length, 'the chosen buyer has several orders').toBeGreaterThan(2);

    const page = await browser.context.newPage();
    const problems = watchPage(page);

    // A seller browses the whole order list: every order is recorded, and rows get markers.
    await page.goto(new URL('/admin/orders?per=5000', demo.url).href);
    await waitForAnnotated(page);
    const markers = await pollUntil(
      () => page.evaluate(() => Array.from(document.querySelectorAll('buyerlens-chips')).filter((h) => h.shadowRoot?.querySelector('[data-bl=marker]')).length),
      (n) => n > 300,
      { timeoutMs: 10_000, describe: (n) => `expected stage/group markers on the order rows, saw ${n}` },
    );
    expect(markers).toBeGreaterThan(300);

    // The order page records the order's line items.
    const detail = await api<DemoOrder>(`/api/orders/${orders[0]!.id}`);
    await page.goto(new URL(`/admin/orders/${detail.id}`, demo.url).href);
    await page.locator('buyerlens-chips').first().waitFor();

    await page.goto(new URL(`/admin/chat/${conversation.id}`, demo.url).href);
    const shown = await pollUntil(
      () => panel(page),
      (p) => p.orderCount === String(counted.length) && p.actions.length > 0 && p.history.length === orders.length,
      { timeoutMs: 10_000, describe: (p) => `profile for ${conversation.buyer.nick}: expected ${counted.length} counted of ${orders.length} orders and a suggestion, saw ${JSON.stringify(p)}` },
    );
    expect(shown.totalSpent).toBe(expectedTotal);
    expect(shown.stage).not.toBe('');
    expect(shown.group).not.toBe('');
    expect(shown.chart, 'a spend chart is drawn').toBe(true);
    expect(shown.history.join('\n'), 'the detail page’s line items are in the history').toContain(detail.items![0]!.name);
    expect(shown.actions[0]!.reasons.length, 'each suggestion says why').toBeGreaterThan(0);

    // Mark the first suggestion done: it goes, and stays gone after a reload.
    const done = shown.actions[0]!;
    await page.locator(`[data-bl=action][data-rule="${done.rule}"] [data-bl=action-done]`).click();
    await pollUntil(() => panel(page), (p) => !p.actions.some((a) => a.rule === done.rule), {
      timeoutMs: 5_000,
      describe: (p) => `expected "${done.text}" to leave after Done, saw ${JSON.stringify(p?.actions)}`,
    });
    await page.reload();
    const afterReload = await pollUntil(() => panel(page), (p) => p.orderCount === String(counted.length), {
      timeoutMs: 10_000,
      describe: (p) => `profile after reload: ${JSON.stringify(p)}`,
    });
    expect(afterReload.actions.map((a) => a.rule)).not.toContain(done.rule);
    expect(problems.pageErrors).toEqual([]);
  });
});
