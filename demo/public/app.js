// Blossom Admin: a small vanilla SPA over the demo's JSON APIs.
// Every piece of page data is put into the DOM with textContent or attributes, never innerHTML:
// one buyer is literally called `<img src=x onerror=alert(1)>Eve`.

const view = document.getElementById('view');
const SHOP_NAME = document.querySelector('meta[name="shop-name"]')?.content ?? 'Shop';
const NOW = new Date(document.querySelector('meta[name="demo-now"]')?.content ?? Date.now());

const STATUS_LABELS = {
  paid: 'Paid 待发货',
  shipped: 'Shipped 已发货',
  delivered: 'Delivered 已签收',
  refunded: 'Refunded 已退款',
  cancelled: 'Cancelled 已取消',
};
const STATUS_ORDER = ['paid', 'shipped', 'delivered', 'refunded', 'cancelled'];

// ---------------------------------------------------------------- tiny DOM helper

/**
 * h('a.order-link', { href, dataset: { page: 2 } }, 'text', child, ...)
 * Strings become text nodes; null/false children are skipped.
 */
function h(tag, props = {}, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'className') el.className += (el.className ? ' ' : '') + value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}
function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// ---------------------------------------------------------------- formatting

const pad = (n) => String(n).padStart(2, '0');
/** Wall-clock parts in Shanghai time of an ISO string with offset. */
function parts(iso) {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes() };
}
const formatDateTime = (iso) => {
  const p = parts(iso);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}`;
};
function formatShort(iso) {
  const p = parts(iso);
  const n = parts(NOW.toISOString());
  if (p.y === n.y && p.mo === n.mo && p.d === n.d) return `${pad(p.h)}:${pad(p.mi)}`;
  return p.y === n.y ? `${pad(p.mo)}-${pad(p.d)}` : `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
}
const firstChar = (name) => Array.from(name.replace(/<[^>]*>/g, '').trim() || name)[0]?.toUpperCase() ?? '?';
const time = (iso, text, className) => h(`time${className ? '.' + className : ''}`, { datetime: iso, title: formatDateTime(iso) }, text);
const statusBadge = (status) => h('span.status', { dataset: { status } }, STATUS_LABELS[status] ?? status);

// ---------------------------------------------------------------- data

async function getJson(path, signal) {
  const res = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

// ---------------------------------------------------------------- routing

let current = null; // { controller }

function route(location) {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  let m;
  if (path === '/admin/orders') return { name: 'orders', params: new URLSearchParams(location.search) };
  if ((m = /^\/admin\/orders\/(\d+)$/.exec(path))) return { name: 'order', id: m[1] };
  if (path === '/admin/chat') return { name: 'chat', id: null };
  if ((m = /^\/admin\/chat\/([A-Za-z0-9_-]+)$/.exec(path))) return { name: 'chat', id: m[1] };
  return { name: 'not-found' };
}

export function navigate(href, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  render();
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
  if (a.getAttribute('aria-disabled') === 'true') {
    event.preventDefault();
    return;
  }
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith('/admin/')) return;
  event.preventDefault();
  if (url.href === location.href) return;
  navigate(url.pathname + url.search + url.hash);
});
window.addEventListener('popstate', () => render());

function render() {
  current?.controller.abort();
  const controller = new AbortController();
  current = { controller };
  const r = route(location);
  for (const item of document.querySelectorAll('.sidenav a[data-section]')) {
    const active = item.dataset.section === (r.name === 'order' ? 'orders' : r.name);
    item.classList.toggle('is-active', active);
    if (active) item.setAttribute('aria-current', 'page');
    else item.removeAttribute('aria-current');
  }
  const notFoundOnLoad = document.body.dataset.notFound === 'true';
  delete document.body.dataset.notFound;
  const signal = controller.signal;
  const run = notFoundOnLoad
    ? renderNotFound()
    : r.name === 'orders'
      ? renderOrders(r.params, signal)
      : r.name === 'order'
        ? renderOrder(r.id, signal)
        : r.name === 'chat'
          ? renderChat(r.id, signal)
          : renderNotFound();
  Promise.resolve(run).catch((err) => {
    if (signal.aborted) return;
    console.error(err);
    view.replaceChildren(h('div.card.error-card', {}, h('h1', {}, 'Something went wrong'), h('p', {}, String(err.message ?? err))));
  });
}

function setTitle(title) {
  document.title = `${title} · ${SHOP_NAME}`;
}

function renderNotFound() {
  setTitle('Not found');
  view.dataset.view = 'not-found';
  view.replaceChildren(
    h('div.empty-state', {},
      h('h1', {}, 'Page not found'),
      h('p', {}, 'The order or conversation you are looking for does not exist.'),
      h('a.button', { href: '/admin/orders' }, 'Back to orders')),
  );
}

// ---------------------------------------------------------------- orders list

function listHref(params, changes) {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
  }
  if (next.get('page') === '1') next.delete('page');
  const q = next.toString();
  return `/admin/orders${q ? `?${q}` : ''}`;
}

/** Page numbers with gaps: 1 … 4 5 6 … 20 */
function pageWindow(page, pages) {
  const set = new Set([1, pages, page - 1, page, page + 1]);
  if (page <= 3) [2, 3, 4].forEach((p) => set.add(p));
  if (page >= pages - 2) [pages - 1, pages - 2, pages - 3].forEach((p) => set.add(p));
  const list = [...set].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const out = [];
  list.forEach((p, i) => {
    if (i > 0 && p - list[i - 1] > 1) out.push(null);
    out.push(p);
  });
  return out;
}

function orderRow(o) {
  return h('tr.order-row', { dataset: { orderId: o.id } },
    h('td.col-select', {}, h('input.row-select', { type: 'checkbox', 'aria-label': `Select order #${o.id}`, value: o.id })),
    h('td.col-order', {}, h('a.order-link', { href: `/admin/orders/${o.id}` }, `#${o.id}`)),
    h('td.col-buyer', {},
      h('span.buyer', {},
        h('a.buyer-name', { href: `/admin/orders?buyer=${encodeURIComponent(o.buyer.nick)}`, dataset: { nick: o.buyer.nick }, title: `All orders of ${o.buyer.name}` }, o.buyer.name)),
      h('span.buyer-meta', {}, o.buyer.nick, ` · ${o.buyer.orderCount} order${o.buyer.orderCount === 1 ? '' : 's'}`)),
    h('td.col-date', {}, time(o.placedAt, formatDateTime(o.placedAt))),
    h('td.col-status', {}, statusBadge(o.status)),
    h('td.col-total', {}, o.totalText),
    h('td.col-items', {}, `${o.itemCount} 件`),
  );
}

function renderOrders(params, signal) {
  const status = params.get('status');
  const buyer = params.get('buyer');
  setTitle('Orders');
  view.dataset.view = 'orders';

  const selectAll = h('input.select-all', { type: 'checkbox', 'aria-label': 'Select all orders on this page' });
  const tbody = h('tbody', {},
    Array.from({ length: 6 }, () => h('tr.skeleton-row', { 'aria-hidden': 'true' }, h('td', { colSpan: 7 }, h('span.skeleton')))));
  const table = h('table.orders-table', {},
    h('caption.visually-hidden', {}, 'Orders'),
    h('thead', {}, h('tr', {},
      h('th.col-select', { scope: 'col' }, selectAll),
      h('th.col-order', { scope: 'col' }, 'Order 订单号'),
      h('th.col-buyer', { scope: 'col' }, 'Buyer 买家'),
      h('th.col-date', { scope: 'col' }, 'Date 下单时间'),
      h('th.col-status', { scope: 'col' }, 'Status 状态'),
      h('th.col-total', { scope: 'col' }, 'Total 实付'),
      h('th.col-items', { scope: 'col' }, 'Items'))),
    tbody);
  const selectedCount = h('span.bulk-count', {}, '0 selected');
  const bulkBar = h('div.bulk-bar', { hidden: true, role: 'region', 'aria-label': 'Bulk actions' },
    selectedCount,
    h('button.button.button-plain', { type: 'button', disabled: true }, 'Print packing slips'),
    h('button.button.button-plain', { type: 'button', disabled: true }, 'Mark as shipped'));
  const tabs = h('div.tabs', { role: 'navigation', 'aria-label': 'Filter by status' });
  const summary = h('p.summary', { 'aria-live': 'polite' }, 'Loading orders…');
  const pagination = h('nav.pagination', { 'aria-label': 'Pagination' });

  const updateSelection = () => {
    const boxes = [...tbody.querySelectorAll('input.row-select')];
    const checked = boxes.filter((b) => b.checked).length;
    selectAll.checked = boxes.length > 0 && checked === boxes.length;
    selectAll.indeterminate = checked > 0 && checked < boxes.length;
    bulkBar.hidden = checked === 0;
    selectedCount.textContent = `${checked} selected 已选`;
    for (const b of boxes) b.closest('tr')?.classList.toggle('is-selected', b.checked);
  };
  selectAll.addEventListener('change', () => {
    for (const b of tbody.querySelectorAll('input.row-select')) b.checked = selectAll.checked;
    updateSelection();
  });
  tbody.addEventListener('change', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.matches('input.row-select')) updateSelection();
  });

  const heading = buyer ? `Orders of ${buyer}` : 'Orders';
  view.replaceChildren(
    h('div.page-head', {},
      h('div', {},
        h('h1', {}, heading, ' ', h('span.h1-sub', {}, buyer ? '买家订单' : '订单管理')),
        buyer ? h('a.back-link', { href: '/admin/orders' }, '← All orders') : null),
      h('div.page-actions', {},
        h('a.button', { href: '/admin/orders/export.csv', download: 'blossom-orders.csv' }, 'Export CSV'),
        h('button.button.button-primary', { type: 'button', disabled: true }, 'Create order'))),
    h('div.card.orders-card', {}, tabs, bulkBar, h('div.table-scroll', {}, table), h('div.list-footer', {}, summary, pagination)),
  );

  return getJson(`/api/orders?${params.toString()}`, signal).then((data) => {
    if (signal.aborted || !data) return;
    if (buyer && data.buyer) {
      view.querySelector('h1').firstChild.textContent = `Orders of ${data.buyer.name}`;
      setTitle(`Orders of ${data.buyer.name}`);
    }
    tabs.replaceChildren(...['all', ...STATUS_ORDER].map((s) => {
      const active = (status ?? 'all') === s;
      return h('a.tab', {
        href: listHref(params, { status: s === 'all' ? null : s, page: null }),
        dataset: { tab: s },
        'aria-current': active ? 'page' : null,
        className: active ? 'is-active' : null,
      }, s === 'all' ? 'All 全部' : STATUS_LABELS[s], ' ', h('span.tab-count', {}, String(data.counts[s] ?? 0)));
    }));
    const frag = document.createDocumentFragment();
    for (const o of data.orders) frag.append(orderRow(o));
    if (data.orders.length === 0) {
      frag.append(h('tr.empty-row', {}, h('td', { colSpan: 7 }, h('div.empty-state', {}, h('p', {}, 'No orders found 暂无订单')))));
    }
    tbody.replaceChildren(frag);
    updateSelection();

    const from = data.orders.length ? (data.page - 1) * data.per + 1 : 0;
    const to = (data.page - 1) * data.per + data.orders.length;
    summary.textContent = `Showing ${from}–${to} of ${data.total}`;
    const link = (p, label, rel) => {
      const href = listHref(params, { page: p });
      if (rel) {
        const disabled = p < 1 || p > data.pages;
        return disabled
          ? h('span.page-link.page-' + rel, { 'aria-disabled': 'true' }, label)
          : h('a.page-link.page-' + rel, { href, rel, 'aria-label': rel === 'prev' ? 'Previous page' : 'Next page' }, label);
      }
      return h('a.page-link', { href, dataset: { page: p }, 'aria-current': p === data.page ? 'page' : null, 'aria-label': `Page ${p}` }, String(p));
    };
    pagination.replaceChildren(
      link(data.page - 1, '‹ Prev', 'prev'),
      ...pageWindow(Math.min(data.page, data.pages), data.pages).map((p) => (p === null ? h('span.page-gap', { 'aria-hidden': 'true' }, '…') : link(p))),
      link(data.page + 1, 'Next ›', 'next'),
    );
  });
}

// ---------------------------------------------------------------- order detail

async function renderOrder(id, signal) {
  setTitle(`Order #${id}`);
  view.dataset.view = 'order';
  view.replaceChildren(h('div.card', {}, h('p.loading', {}, 'Loading order…')));
  const o = await getJson(`/api/orders/${id}`, signal);
  if (signal.aborted) return;
  if (!o) return renderNotFound();

  const items = h('table.items', {},
    h('caption.visually-hidden', {}, 'Items'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Item 商品'),
      h('th.num', { scope: 'col' }, 'Qty'),
      h('th.num', { scope: 'col' }, 'Price 单价'),
      h('th.num', { scope: 'col' }, 'Subtotal'))),
    h('tbody', {}, o.items.map((it) =>
      h('tr.item', {},
        h('td.item-name', {}, it.name),
        h('td.item-qty', {}, String(it.qty)),
        h('td.item-price', {}, it.priceText),
        h('td.item-line', {}, it.lineText)))),
    h('tfoot', {},
      h('tr', {}, h('th', { colSpan: 3, scope: 'row' }, 'Subtotal 商品总价'), h('td.num', {}, o.subtotalText)),
      h('tr', {}, h('th', { colSpan: 3, scope: 'row' }, 'Shipping 运费'), h('td.num', {}, o.shippingText)),
      h('tr.total-row', {}, h('th', { colSpan: 3, scope: 'row' }, 'Total 实付款'), h('td.num', {}, h('span.order-total', {}, o.totalText)))));

  const detail = h('section.order-detail', { dataset: { orderId: o.id }, 'aria-labelledby': 'order-title' },
    h('div.page-head', {},
      h('div', {},
        h('a.back-link', { href: '/admin/orders' }, '← Orders'),
        h('h1', { id: 'order-title' }, `Order #${o.id}`, ' ', statusBadge(o.status)),
        h('p.page-meta', {}, 'Placed ', time(o.placedAt, formatDateTime(o.placedAt)), ' · ', `${o.itemCount} 件`)),
      h('div.page-actions', {},
        h('button.button', { type: 'button', disabled: true }, 'Refund'),
        h('button.button.button-primary', { type: 'button', disabled: true }, o.status === 'paid' ? 'Ship order' : 'Print'))),
    h('div.detail-grid', {},
      h('div.card.items-card', {}, h('h2', {}, 'Items'), items),
      h('div.card.buyer-card', {},
        h('h2', {}, 'Buyer 买家'),
        h('div.buyer-line', {},
          h('span.avatar', { 'aria-hidden': 'true' }, firstChar(o.buyer.name)),
          h('span.buyer', {},
            h('a.buyer-name', { href: `/admin/orders?buyer=${encodeURIComponent(o.buyer.nick)}`, dataset: { nick: o.buyer.nick } }, o.buyer.name))),
        h('dl.facts', {},
          h('dt', {}, 'Nick 昵称'), h('dd', {}, o.buyer.nick),
          h('dt', {}, 'Orders'), h('dd', {}, String(o.buyer.orderCount)),
          h('dt', {}, 'Phone'), h('dd', {}, o.phone),
          h('dt', {}, 'Address'), h('dd', {}, o.address))),
      h('div.card.shipping-card', {},
        h('h2', {}, 'Fulfilment 物流'),
        h('dl.facts', {},
          h('dt', {}, 'Carrier'), h('dd', {}, o.carrier ?? '—'),
          h('dt', {}, 'Tracking'), h('dd', {}, o.trackingNo ?? '—'),
          h('dt', {}, 'Buyer note'), h('dd', {}, o.note || '—')))));

  const others = o.buyerOrders.filter((x) => x.id !== o.id);
  const history = h('aside.card.buyer-history', { 'aria-label': 'Other orders of this buyer' },
    h('h2', {}, `Other orders of this buyer (${others.length})`),
    others.length === 0
      ? h('p.muted', {}, 'First order from this buyer 首单客户')
      : h('ul.history-list', {}, others.map((x) =>
        h('li', {},
          h('a', { href: `/admin/orders/${x.id}` }, `#${x.id}`),
          h('span.muted', {}, formatDateTime(x.placedAt)),
          h('span.pill', { dataset: { pill: x.status } }, STATUS_LABELS[x.status] ?? x.status),
          h('span.num', {}, x.totalText)))));
  view.replaceChildren(detail, history);
}

// ---------------------------------------------------------------- chat

function conversationLink(c, activeId) {
  const active = c.id === activeId;
  return h('a.conversation', {
    href: `/admin/chat/${c.id}`,
    dataset: { conversationId: c.id },
    className: active ? 'is-active' : null,
    'aria-current': active ? 'page' : null,
  },
  h('span.avatar', { 'aria-hidden': 'true' }, firstChar(c.buyer.name)),
  h('span.conv-body', {},
    h('span.conv-top', {},
      h('span.conv-name', {}, c.buyer.name),
      c.lastMessage ? time(c.lastMessage.at, formatShort(c.lastMessage.at), 'conv-time') : null),
    h('span.conv-last', {}, c.lastMessage ? c.lastMessage.text : '')),
  c.unread > 0 ? h('span.unread-badge', { 'aria-label': `${c.unread} unread` }, String(c.unread)) : null);
}

function messageBubble(m) {
  return h(`div.message.from-${m.from}`, { dataset: { messageId: m.id } },
    h('div.bubble', {}, m.text),
    time(m.at, formatShort(m.at), 'message-time'));
}

const chatState = { list: null, read: new Set(), sent: new Map() };

async function renderChat(id, signal) {
  setTitle('Chat');
  let app = view.querySelector(':scope > div.chat-app');
  if (view.dataset.view !== 'chat' || !app) {
    view.dataset.view = 'chat';
    app = h('div.chat-app', {},
      h('aside.conversation-list', { 'aria-label': 'Conversations' },
        h('div.list-head', {}, h('h1', {}, 'Chat ', h('span.h1-sub', {}, '客服工作台')), h('span.agent-status', {}, '● Online')),
        h('div.list-items', {}, h('p.loading', {}, 'Loading…'))),
      h('main.conversation.is-placeholder', {}, h('p.loading', {}, 'Loading…')),
      // The extension docks its panel in here; the demo keeps only a small block at the top.
      h('aside.chat-dock', { 'aria-label': 'Buyer details' }, h('div.dock-order-info')));
    view.replaceChildren(app);
  }
  if (!chatState.list) {
    const data = await getJson('/api/conversations', signal);
    if (signal.aborted) return;
    chatState.list = data?.conversations ?? [];
  }
  const list = chatState.list;
  const activeId = id ?? list[0]?.id ?? null;
  const summary = list.find((c) => c.id === activeId);
  if (!summary) return renderNotFound();
  chatState.read.add(activeId);
  const listItems = app.querySelector('.list-items');
  listItems.replaceChildren(...list.map((c) => conversationLink({ ...c, unread: chatState.read.has(c.id) ? 0 : c.unread }, activeId)));

  const c = await getJson(`/api/conversations/${activeId}`, signal);
  if (signal.aborted) return;
  if (!c) return renderNotFound();

  const messages = h('div.messages', { role: 'log', 'aria-label': `Messages with ${c.buyer.name}` },
    c.messages.map(messageBubble), (chatState.sent.get(c.id) ?? []).map(messageBubble));
  const textarea = h('textarea', { id: 'composer-input', rows: 3, placeholder: '输入消息，Enter 发送 · Type a reply, Enter to send' });
  const send = () => {
    const text = textarea.value.trim();
    if (!text) return;
    // Local messages live on the demo's clock: its fixed "now" plus the time since the page loaded.
    const at = new Date(NOW.getTime() + (performance.now() | 0)).toISOString();
    const m = { id: `local-${chatState.sent.size}-${Date.now()}`, from: 'agent', text, at };
    const sent = chatState.sent.get(c.id) ?? [];
    sent.push(m);
    chatState.sent.set(c.id, sent);
    messages.append(messageBubble(m));
    textarea.value = '';
    messages.scrollTop = messages.scrollHeight;
    textarea.focus();
  };
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  });
  const conversation = h('main.conversation', { dataset: { conversationId: c.id } },
    h('header.conversation-head', {},
      h('span.avatar', { 'aria-hidden': 'true' }, firstChar(c.buyer.name)),
      h('div', {},
        h('span.buyer-name', { dataset: { nick: c.buyer.nick } }, c.buyer.name),
        h('span.buyer-meta', {}, c.buyer.nick, ` · ${c.buyer.orderCount} order${c.buyer.orderCount === 1 ? '' : 's'}`))),
    messages,
    h('form.composer', { onsubmit: (e) => { e.preventDefault(); send(); } },
      h('label.visually-hidden', { for: 'composer-input' }, 'Reply'),
      textarea,
      h('div.composer-actions', {},
        h('span.muted', {}, 'Shift+Enter 换行'),
        h('button.button.button-primary', { type: 'submit' }, 'Send 发送'))));
  app.querySelector(':scope > main.conversation')?.replaceWith(conversation);
  messages.scrollTop = messages.scrollHeight;

  const info = app.querySelector('.dock-order-info');
  info.replaceChildren(
    h('h2', {}, 'Recent orders 最近订单'),
    c.recentOrders.length
      ? h('ul.dock-orders', {}, c.recentOrders.map((o) =>
        h('li', {},
          h('a', { href: `/admin/orders/${o.id}` }, `#${o.id}`),
          h('span.dock-order-line', {},
            h('span.pill', { dataset: { pill: o.status } }, STATUS_LABELS[o.status] ?? o.status),
            h('span.num', {}, o.totalText)))))
      : h('p.muted', {}, 'No orders'));
}

render();
