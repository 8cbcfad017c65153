// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../demo/data.mjs';
import { startDemo, type DemoServer } from '../../demo/server.mjs';

interface OrderSummary {
  id: string;
  buyer: { nick: string; name: string; orderCount: number };
  placedAt: string;
  status: string;
  total: { amountMinor: number; currency: string };
  totalText: string;
  itemCount: number;
}
interface OrderPage {
  page: number;
  per: number;
  total: number;
  pages: number;
  counts: Record<string, number>;
  orders: OrderSummary[];
}

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemo({ port: 0 });
});
afterAll(async () => {
  await demo.close();
});

const get = (path: string, init?: RequestInit) => fetch(`${demo.url}${path}`, { redirect: 'manual', ...init });
async function json<T>(path: string): Promise<T> {
  const res = await get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return (await res.json()) as T;
}

describe('startDemo', () => {
  it('listens on a free port and reports its URL', () => {
    expect(demo.port).toBeGreaterThan(0);
    expect(demo.url).toBe(`http://127.0.0.1:${demo.port}`);
  });

  it('closes, and the port stops answering', async () => {
    const other = await startDemo({ orderCount: 3 });
    expect((await fetch(`${other.url}/api/orders`)).status).toBe(200);
    await other.close();
    await expect(fetch(`${other.url}/api/orders`)).rejects.toThrow();
  });
});

describe('routes', () => {
  it('redirects / to the order list', async () => {
    const res = await get('/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin/orders');
  });

  it.each([
    '/admin/orders',
    '/admin/orders?page=2&per=20',
    '/admin/chat',
    '/admin/chat/c1001',
  ])('serves the shell for %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<meta name="shop-key" content="blossom">');
    expect(html).toContain('<meta name="shop-name" content="花开小铺 Blossom">');
    expect(html).toContain('<div id="view"');
    expect(html).toContain('src="/assets/app.js"');
  });

  it('serves an order page for a real order, 404 with the shell for an unknown one', async () => {
    const { orders } = await json<OrderPage>('/api/orders?per=1');
    const ok = await get(`/admin/orders/${orders[0]!.id}`);
    expect(ok.status).toBe(200);
    const missing = await get('/admin/orders/123');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('data-not-found="true"');
    expect((await get('/admin/chat/c9999')).status).toBe(404);
  });

  it.each(['/nope', '/admin/settings', '/admin/orders/abc', '/admin/chat/c1001/files', '/assets/missing.js'])(
    '404s %s with an HTML page',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toContain('404');
    },
  );

  it.each(['/api/nope', '/api/orders/123', '/api/conversations/c9999'])('404s %s with JSON', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toHaveProperty('error');
  });

  it('serves the client script and styles', async () => {
    const js = await get('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const source = await js.text();
    expect(source).toContain('history.pushState');
    expect(source).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML\(|document\.write\(/);
    const css = await get('/assets/app.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers HEAD and refuses POST', async () => {
    const head = await get('/admin/orders', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('/api/orders', { method: 'POST' })).status).toBe(405);
  });
});

describe('orders API', () => {
  it('pages through all 360 orders, 50 a page by default, newest first', async () => {
    const first = await json<OrderPage>('/api/orders');
    expect(first).toMatchObject({ page: 1, per: 50, total: 360, pages: 8 });
    expect(first.orders).toHaveLength(50);
    const seen: OrderSummary[] = [];
    for (let page = 1; page <= first.pages; page++) {
      seen.push(...(await json<OrderPage>(`/api/orders?page=${page}`)).orders);
    }
    expect(seen).toHaveLength(360);
    expect(new Set(seen.map((o) => o.id)).size).toBe(360);
    const times = seen.map((o) => Date.parse(o.placedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await json<OrderPage>('/api/orders?page=8')).orders).toHaveLength(10);
    expect((await json<OrderPage>('/api/orders?page=9')).orders).toHaveLength(0);
  });

  it('clamps per to 1..5000 and ignores junk', async () => {
    expect((await json<OrderPage>('/api/orders?per=5000')).orders).toHaveLength(360);
    expect((await json<OrderPage>('/api/orders?per=99999')).per).toBe(5000);
    expect((await json<OrderPage>('/api/orders?per=0')).per).toBe(1);
    expect(await json<OrderPage>('/api/orders?per=abc&page=-2')).toMatchObject({ per: 50, page: 1 });
  });

  it('gives each order the data its row shows', async () => {
    const { orders } = await json<OrderPage>('/api/orders?per=5000');
    for (const o of orders) {
      expect(o.id).toMatch(/^\d{17}$/);
      expect(o.placedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      expect(['paid', 'shipped', 'delivered', 'refunded', 'cancelled']).toContain(o.status);
      expect(Number.isInteger(o.total.amountMinor)).toBe(true);
      expect(o.totalText).toMatch(/^¥\d{1,3}(,\d{3})*\.\d\d$/);
      expect(Number(o.totalText.replace(/[¥,.]/g, ''))).toBe(o.total.amountMinor);
    }
    // Dates over the last two years before the demo's "now".
    const times = orders.map((o) => Date.parse(o.placedAt));
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.parse('2026-11-20T12:00:00+08:00'));
    expect(Math.min(...times)).toBeGreaterThan(Date.parse('2024-11-19T00:00:00+08:00'));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(600 * 86_400_000);
    // About orderCount/3 buyers, some with one order and some with ten or more.
    const perBuyer = new Map<string, number>();
    for (const o of orders) perBuyer.set(o.buyer.nick, (perBuyer.get(o.buyer.nick) ?? 0) + 1);
    expect(perBuyer.size).toBe(120);
    expect([...perBuyer.values()].filter((n) => n === 1).length).toBeGreaterThan(10);
    expect([...perBuyer.values()].filter((n) => n >= 10).length).toBeGreaterThan(2);
    for (const o of orders) expect(o.buyer.orderCount).toBe(perBuyer.get(o.buyer.nick));
    // Every status occurs; exactly one buyer is called with markup.
    expect(new Set(orders.map((o) => o.status)).size).toBe(5);
    const marked = new Set(orders.filter((o) => /[<>]/.test(o.buyer.name)).map((o) => o.buyer.nick));
    expect([...marked]).toEqual(['<b>eve</b>_tb']);
    expect(orders.some((o) => o.buyer.name === '<img src=x onerror=alert(1)>Eve')).toBe(true);
    expect(orders.some((o) => o.buyer.name === '张三' && o.buyer.nick === 'tb_8812xiaoyu')).toBe(true);
    expect(orders.some((o) => o.buyer.name === 'Emma Wilson')).toBe(true);
  });

  it('filters by status and by buyer', async () => {
    const all = await json<OrderPage>('/api/orders');
    const refunded = await json<OrderPage>('/api/orders?status=refunded&per=5000');
    expect(refunded.total).toBe(all.counts.refunded);
    expect(refunded.orders.every((o) => o.status === 'refunded')).toBe(true);
    const mine = await json<OrderPage>(`/api/orders?buyer=${encodeURIComponent('tb_8812xiaoyu')}`);
    expect(mine.orders.length).toBeGreaterThan(0);
    expect(mine.orders.every((o) => o.buyer.name === '张三')).toBe(true);
    expect((await json<OrderPage>('/api/orders?buyer=nobody')).total).toBe(0);
  });

  it('serves an order with items whose sum is the total', async () => {
    const { orders } = await json<OrderPage>('/api/orders?per=20');
    for (const summary of orders) {
      const o = await json<{
        id: string;
        items: Array<{ name: string; qty: number; price: { amountMinor: number } }>;
        total: { amountMinor: number };
        subtotalText: string;
        shippingText: string;
      }>(`/api/orders/${summary.id}`);
      expect(o.id).toBe(summary.id);
      expect(o.items.length).toBeGreaterThanOrEqual(1);
      expect(o.items.length).toBeLessThanOrEqual(4);
      const subtotal = o.items.reduce((s, it) => s + it.qty * it.price.amountMinor, 0);
      const shipping = Number(o.shippingText.replace(/[¥,.]/g, ''));
      expect(subtotal + shipping).toBe(o.total.amountMinor);
    }
  });
});

describe('conversations API', () => {
  it('lists eight conversations with buyers from the orders', async () => {
    const { conversations } = await json<{
      conversations: Array<{ id: string; buyer: { nick: string; name: string }; unread: number; lastMessage: { at: string } }>;
    }>('/api/conversations');
    expect(conversations).toHaveLength(8);
    const { orders } = await json<OrderPage>('/api/orders?per=5000');
    const nicks = new Set(orders.map((o) => o.buyer.nick));
    for (const c of conversations) expect(nicks.has(c.buyer.nick)).toBe(true);
    const times = conversations.map((c) => Date.parse(c.lastMessage.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('serves messages in Chinese and English, one with a script tag as text', async () => {
    const { conversations } = await json<{ conversations: Array<{ id: string }> }>('/api/conversations');
    const texts: string[] = [];
    for (const { id } of conversations) {
      const c = await json<{ id: string; messages: Array<{ from: string; text: string }>; recentOrders: unknown[] }>(
        `/api/conversations/${id}`,
      );
      expect(c.id).toBe(id);
      expect(c.recentOrders.length).toBeGreaterThan(0);
      for (const m of c.messages) {
        expect(['buyer', 'agent']).toContain(m.from);
        texts.push(m.text);
      }
    }
    expect(texts.some((t) => /[\u4e00-\u9fff]/.test(t))).toBe(true);
    expect(texts.some((t) => /^[\x20-\x7e—]+$/.test(t))).toBe(true);
    expect(texts.filter((t) => t.includes('<script>alert(1)</script>'))).toHaveLength(1);
  });
});

describe('determinism and scale', () => {
  it('gives the same data on every start', async () => {
    const again = await startDemo({ port: 0 });
    try {
      for (const path of ['/api/orders?per=5000', '/api/conversations', '/api/conversations/c1005']) {
        const a = await (await fetch(`${demo.url}${path}`)).text();
        const b = await (await fetch(`${again.url}${path}`)).text();
        expect(b).toBe(a);
      }
    } finally {
      await again.close();
    }
  });

  it('generates data without Math.random or the clock', () => {
    const random = Math.random;
    const now = Date.now;
    Math.random = () => {
      throw new Error('Math.random used');
    };
    Date.now = () => {
      throw new Error('Date.now used');
    };
    try {
      const a = generateData({ orderCount: 360 });
      expect(a.orders).toHaveLength(360);
      expect(JSON.stringify(generateData({ orderCount: 360 }).orders)).toBe(JSON.stringify(a.orders));
    } finally {
      Math.random = random;
      Date.now = now;
    }
  });

  it('handles small shops', () => {
    for (const n of [0, 1, 2, 10]) {
      const d = generateData({ orderCount: n });
      expect(d.orders).toHaveLength(n);
      expect(d.buyers.filter((b) => b.name.includes('<img')).length).toBe(1);
      expect(d.conversations.length).toBe(Math.min(8, d.ordersByBuyer.filter((o) => o.length > 0).length));
    }
  });

  it('serves 6000 orders quickly', async () => {
    const started = performance.now();
    const big = await startDemo({ port: 0, orderCount: 6000 });
    try {
      const page = await (await fetch(`${big.url}/api/orders?per=5000&page=2`)).json() as OrderPage;
      expect(page).toMatchObject({ total: 6000, pages: 2, page: 2 });
      expect(page.orders).toHaveLength(1000);
      const first = await (await fetch(`${big.url}/api/orders?per=5000`)).json() as OrderPage;
      expect(first.orders).toHaveLength(5000);
      expect(new Set(first.orders.map((o) => o.buyer.nick)).size).toBeLessThanOrEqual(2000);
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      await big.close();
    }
  });
});
