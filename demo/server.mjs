// The demo merchant backoffice: a tiny HTTP server with JSON APIs and a vanilla SPA shell.
// No dependencies. `node demo/server.mjs [--port N]` or `startDemo({ port })` from tests.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { generateData, formatCny, SHOP, STATUSES, NOW_ISO } from './data.mjs';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');
const STATIC = {
  '/assets/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/assets/app.css': ['app.css', 'text/css; charset=utf-8'],
};
export const DEFAULT_PER = 50;
export const MAX_PER = 5000;

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The HTML shell every admin page shares; app.js renders the view into #view. */
function shell({ title, notFound = false }) {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="shop-key" content="${escapeHtml(SHOP.key)}">
<meta name="shop-name" content="${escapeHtml(SHOP.name)}">
<meta name="demo-now" content="${NOW_ISO}">
<title>${escapeHtml(title)} · ${escapeHtml(SHOP.name)}</title>
<link rel="stylesheet" href="/assets/app.css">
<script type="module" src="/assets/app.js"></script>
</head>
<body${notFound ? ' data-not-found="true"' : ''}>
<div class="app-frame">
  <header class="topbar">
    <a class="brand" href="/admin/orders" data-nav><span class="brand-mark" aria-hidden="true">✿</span><span class="brand-name">Blossom Admin</span></a>
    <label class="topbar-search"><span class="visually-hidden">Search</span><input type="search" placeholder="搜索订单、买家 Search orders, buyers" disabled></label>
    <div class="shop-switch" title="${escapeHtml(SHOP.name)}"><span class="shop-avatar" aria-hidden="true">花</span><span class="shop-name">${escapeHtml(SHOP.name)}</span></div>
  </header>
  <nav class="sidenav" aria-label="Main">
    <a class="nav-item" data-nav data-section="home" href="/admin/orders" aria-disabled="true" tabindex="-1"><span class="nav-icon" aria-hidden="true">⌂</span>Home</a>
    <a class="nav-item" data-nav data-section="orders" href="/admin/orders"><span class="nav-icon" aria-hidden="true">▤</span>Orders <span class="nav-sub">订单</span></a>
    <a class="nav-item" data-nav data-section="chat" href="/admin/chat"><span class="nav-icon" aria-hidden="true">✉</span>Chat <span class="nav-sub">客服</span></a>
    <span class="nav-item is-muted"><span class="nav-icon" aria-hidden="true">◈</span>Products <span class="nav-sub">商品</span></span>
    <span class="nav-item is-muted"><span class="nav-icon" aria-hidden="true">☺</span>Customers <span class="nav-sub">客户</span></span>
    <span class="nav-item is-muted"><span class="nav-icon" aria-hidden="true">▲</span>Analytics <span class="nav-sub">数据</span></span>
    <div class="nav-footer">Demo data · now = 2026-11-20 12:00 (UTC+8)</div>
  </nav>
  <div id="view" class="view"><p class="loading">Loading…</p></div>
</div>
</body>
</html>
`;
}

function notFoundPage(path) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Not found · ${escapeHtml(SHOP.name)}</title><link rel="stylesheet" href="/assets/app.css">
<meta name="shop-key" content="${escapeHtml(SHOP.key)}"><meta name="shop-name" content="${escapeHtml(SHOP.name)}"></head>
<body class="page-404"><main class="not-found"><h1>404</h1><p>Nothing lives at <code>${escapeHtml(path)}</code>.</p><p><a href="/admin/orders">Back to orders</a></p></main></body>
</html>
`;
}

function intParam(value, fallback, min, max) {
  if (value === null || !/^\d+$/.test(value)) return fallback;
  return Math.min(max, Math.max(min, Number(value)));
}

function buyerRef(data, buyerIndex) {
  const b = data.buyers[buyerIndex];
  return { nick: b.nick, name: b.name, orderCount: data.ordersByBuyer[buyerIndex].length };
}

function orderSummary(data, o) {
  return {
    id: o.id,
    buyer: buyerRef(data, o.buyerIndex),
    placedAt: o.placedAt,
    status: o.status,
    total: { amountMinor: o.totalMinor, currency: o.currency },
    totalText: formatCny(o.totalMinor),
    itemCount: o.items.reduce((s, it) => s + it.qty, 0),
  };
}

function orderDetail(data, o) {
  return {
    ...orderSummary(data, o),
    items: o.items.map((it) => ({
      name: it.name,
      qty: it.qty,
      price: { amountMinor: it.priceMinor, currency: o.currency },
      priceText: formatCny(it.priceMinor),
      lineText: formatCny(it.priceMinor * it.qty),
    })),
    subtotalText: formatCny(o.subtotalMinor),
    shippingText: formatCny(o.shippingMinor),
    carrier: o.carrier,
    trackingNo: o.trackingNo,
    address: o.address,
    phone: o.phone,
    note: o.note,
    buyerOrders: data.ordersByBuyer[o.buyerIndex].slice(0, 10).map((x) => orderSummary(data, x)),
  };
}

/** The list API: `page` 1-based, `per` 1..5000 (default 50), optional `status` filter. */
function listOrders(data, params) {
  const per = intParam(params.get('per'), DEFAULT_PER, 1, MAX_PER);
  const page = intParam(params.get('page'), 1, 1, Number.MAX_SAFE_INTEGER);
  const status = STATUSES.includes(params.get('status') ?? '') ? params.get('status') : null;
  const buyer = params.get('buyer') || null;
  const buyerIndex = buyer === null ? -1 : data.buyers.findIndex((b) => b.nick === buyer);
  const base = buyer === null ? data.orders : buyerIndex < 0 ? [] : data.ordersByBuyer[buyerIndex];
  const all = status ? base.filter((o) => o.status === status) : base;
  const counts = { all: base.length };
  for (const s of STATUSES) counts[s] = 0;
  for (const o of base) counts[o.status] += 1;
  const start = (page - 1) * per;
  return {
    page,
    per,
    status,
    buyer: buyerIndex < 0 ? null : buyerRef(data, buyerIndex),
    total: all.length,
    pages: Math.max(1, Math.ceil(all.length / per)),
    counts,
    orders: all.slice(start, start + per).map((o) => orderSummary(data, o)),
  };
}

function conversationSummary(c) {
  const last = c.messages[c.messages.length - 1];
  return {
    id: c.id,
    buyer: { nick: c.nick, name: c.displayName },
    lastMessage: last ? { from: last.from, text: last.text, at: last.at } : null,
    unread: c.unread,
  };
}

function conversationDetail(data, c) {
  return {
    ...conversationSummary(c),
    messages: c.messages,
    buyer: buyerRef(data, c.buyerIndex),
    recentOrders: data.ordersByBuyer[c.buyerIndex].slice(0, 3).map((o) => orderSummary(data, o)),
  };
}

const ORDER_DETAIL = /^\/admin\/orders\/(\d+)\/?$/;
const CHAT_DETAIL = /^\/admin\/chat\/([A-Za-z0-9_-]+)\/?$/;
const API_ORDER = /^\/api\/orders\/(\d+)$/;
const API_CONVERSATION = /^\/api\/conversations\/([A-Za-z0-9_-]+)$/;

function makeHandler(data) {
  const assets = new Map();
  return async function handle(req, res) {
    const send = (status, type, body, extra = {}) => {
      res.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...extra,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const html = (status, body) => send(status, 'text/html; charset=utf-8', body);
    const json = (status, value) => send(status, 'application/json; charset=utf-8', JSON.stringify(value));

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    let url;
    try {
      url = new URL(req.url ?? '/', 'http://demo.local');
    } catch {
      return send(400, 'text/plain; charset=utf-8', 'Bad request');
    }
    const path = url.pathname;
    let m;

    if (path === '/' || path === '/admin' || path === '/admin/') {
      return send(302, 'text/plain; charset=utf-8', 'Found', { Location: '/admin/orders' });
    }
    if (STATIC[path]) {
      const [file, type] = STATIC[path];
      if (!assets.has(file)) assets.set(file, await readFile(join(PUBLIC_DIR, file)));
      return send(200, type, assets.get(file));
    }
    if (path === '/favicon.ico') return send(204, 'text/plain; charset=utf-8', '');

    // HTML pages: the shell; the client renders the view.
    if (path === '/admin/orders' || path === '/admin/orders/') return html(200, shell({ title: 'Orders' }));
    if ((m = ORDER_DETAIL.exec(path))) {
      const found = data.byId.has(m[1]);
      return html(found ? 200 : 404, shell({ title: found ? `Order #${m[1]}` : 'Order not found', notFound: !found }));
    }
    if (path === '/admin/orders/export.csv') {
      return send(200, 'text/csv; charset=utf-8', exportCsv(data), { 'Content-Disposition': 'attachment; filename="blossom-orders.csv"' });
    }
    if (path === '/admin/chat' || path === '/admin/chat/') return html(200, shell({ title: 'Chat' }));
    if ((m = CHAT_DETAIL.exec(path))) {
      const found = data.conversationsById.has(m[1]);
      return html(found ? 200 : 404, shell({ title: found ? 'Chat' : 'Conversation not found', notFound: !found }));
    }

    // JSON APIs.
    if (path === '/api/orders') return json(200, listOrders(data, url.searchParams));
    if ((m = API_ORDER.exec(path))) {
      const o = data.byId.get(m[1]);
      return o ? json(200, orderDetail(data, o)) : json(404, { error: `No order ${m[1]}` });
    }
    if (path === '/api/conversations') {
      return json(200, { conversations: data.conversations.map(conversationSummary) });
    }
    if ((m = API_CONVERSATION.exec(path))) {
      const c = data.conversationsById.get(m[1]);
      return c ? json(200, conversationDetail(data, c)) : json(404, { error: `No conversation ${m[1]}` });
    }
    if (path.startsWith('/api/')) return json(404, { error: `No API at ${path}` });
    return html(404, notFoundPage(path));
  };
}

/**
 * The shop's own order export, as a backoffice offers one: every order, one row each, in the
 * demo's own columns (so BuyerLens's import shows its mapping step), UTF-8 with a BOM so a
 * spreadsheet reads the Chinese names.
 */
export function exportCsv(data) {
  const cell = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ['Order No.,Buyer nick,Buyer name,Placed at,Total,Currency,Status,Items'];
  for (const o of data.orders) {
    const buyer = data.buyers[o.buyerIndex];
    const items = o.items.map((it) => `${it.name} x${it.qty}`).join('; ');
    const total = (o.totalMinor / 100).toFixed(2);
    lines.push([o.id, buyer.nick, buyer.name, o.placedAt, total, o.currency, o.status, items].map((v) => cell(String(v))).join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/**
 * Starts the demo backoffice. `port: 0` picks a free port.
 * @param {{ port?: number, host?: string, orderCount?: number }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startDemo({ port = 0, host = '127.0.0.1', orderCount = 360 } = {}) {
  const data = generateData({ orderCount });
  const handle = makeHandler(data);
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`Internal error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections?.();
      }),
  };
}

function cliPort(argv) {
  const i = argv.indexOf('--port');
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--port='))?.slice(7) ?? process.env.DEMO_PORT;
  const n = raw === undefined ? 5178 : Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`Not a port: ${raw}`);
  return n;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const countArg = process.argv.indexOf('--orders');
  const orderCount = countArg >= 0 ? Number(process.argv[countArg + 1]) : 360;
  const demo = await startDemo({ port: cliPort(process.argv.slice(2)), orderCount });
  console.log(`BuyerLens demo backoffice (${SHOP.name}, ${orderCount} orders) listening on ${demo.url}`);
  console.log(`Open ${demo.url}/admin/orders`);
  const stop = () => demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
