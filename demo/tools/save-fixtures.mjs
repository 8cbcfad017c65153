// Renders the demo in headless Chromium and saves the DOM as test fixtures:
//   node demo/tools/save-fixtures.mjs [outDir=test/fixtures/demo]
// The broken list is page 1 with a few rows damaged in known ways (see BREAKAGES below), so the
// adapter's counts on it are exact. Scripts and stylesheets are removed from the saved DOM.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemo } from '../server.mjs';

const outDir = process.argv[2] ?? 'test/fixtures/demo';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Row index (0-based, page 1) → what is done to it, and whether the adapter still reads it. */
const BREAKAGES = [
  [2, 'remove the buyer link', 'unreadable'],
  [5, 'total "¥12.3.4"', 'unreadable'],
  [8, 'empty total cell', 'unreadable'],
  [11, 'buyer link without data-nick', 'unreadable'],
  [14, 'empty data-order-id', 'unreadable'],
  [17, 'datetime "yesterday"', 'unreadable'],
  [20, 'empty data-status', 'unreadable'],
  [23, 'total cell removed', 'read without total'],
  [26, 'time element removed', 'read without placedAt'],
  [29, 'total "￥1,234.5" (full-width yen, one decimal)', 'read'],
];

async function dump(page, note) {
  return page.evaluate((note) => {
    for (const el of document.querySelectorAll('script, link[rel="stylesheet"]')) el.remove();
    return `<!doctype html>\n<!-- ${note} -->\n${document.documentElement.outerHTML}\n`;
  }, note);
}

const demo = await startDemo({ port: 0 });
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (err) => console.error('page error:', err));
  page.on('dialog', (d) => {
    throw new Error(`A dialog opened (${d.message()}): page data reached innerHTML`);
  });
  const save = async (name, path, note) => {
    const html = await dump(page, `Saved from the BuyerLens demo (${path}) by demo/tools/save-fixtures.mjs. ${note}`);
    await writeFile(join(outDir, name), html);
    console.log(`${name}: ${(html.length / 1024).toFixed(1)} KB`);
  };
  await mkdir(outDir, { recursive: true });

  await page.goto(`${demo.url}/admin/orders`);
  await page.waitForSelector('tr.order-row');
  await save('order-list.html', '/admin/orders', '50 order rows.');

  await page.goto(`${demo.url}/admin/orders?buyer=nobody`);
  await page.waitForSelector('tr.empty-row');
  await save('order-list-empty.html', '/admin/orders?buyer=nobody', 'The list with no rows.');

  await page.goto(`${demo.url}/admin/orders`);
  await page.waitForSelector('tr.order-row');
  await page.evaluate(() => {
    const rows = [...document.querySelectorAll('tr.order-row')];
    const at = (i) => rows[i];
    at(2).querySelector('a.buyer-name').remove();
    at(5).querySelector('td.col-total').textContent = '¥12.3.4';
    at(8).querySelector('td.col-total').textContent = '';
    at(11).querySelector('a.buyer-name').removeAttribute('data-nick');
    at(14).setAttribute('data-order-id', '');
    at(17).querySelector('time').setAttribute('datetime', 'yesterday');
    at(20).querySelector('span.status').setAttribute('data-status', '');
    at(23).querySelector('td.col-total').remove();
    at(26).querySelector('time').remove();
    at(29).querySelector('td.col-total').textContent = '￥1,234.5';
    // Rows the selector must not match: a group header, and a row without an order id.
    const header = document.createElement('tr');
    header.className = 'group-header';
    header.innerHTML = '<td colspan="7">Earlier this week</td>';
    at(10).before(header);
    const ghost = at(0).cloneNode(true);
    ghost.removeAttribute('data-order-id');
    at(30).after(ghost);
  });
  await save('order-list-broken.html', '/admin/orders', 'Hand-damaged: rows 2,5,8,11,14,17,20 unreadable; 23,26,29 readable; plus a group header and a row without data-order-id.');
  for (const [row, what, outcome] of BREAKAGES) console.log(`  row ${row}: ${what} → ${outcome}`);

  // An order with several items, one bought more than once.
  const list = await (await fetch(`${demo.url}/api/orders?per=50`)).json();
  let chosen;
  for (const o of list.orders) {
    const detail = await (await fetch(`${demo.url}/api/orders/${o.id}`)).json();
    if (detail.items.length >= 3 && detail.items.some((it) => it.qty > 1)) {
      chosen = detail;
      break;
    }
  }
  await page.goto(`${demo.url}/admin/orders/${chosen.id}`);
  await page.waitForSelector('section.order-detail');
  await save('order-detail.html', `/admin/orders/${chosen.id}`, `${chosen.items.length} items.`);

  await page.goto(`${demo.url}/admin/chat/c1005`);
  await page.waitForSelector('main.conversation[data-conversation-id="c1005"]');
  await save('chat.html', '/admin/chat/c1005', 'The conversation with the buyer whose name is markup.');
} finally {
  await browser.close();
  await demo.close();
}
