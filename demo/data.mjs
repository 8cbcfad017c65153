// Deterministic demo data for the 花开小铺 Blossom backoffice.
// Everything here is derived from a seeded PRNG and a fixed "now": the same orderCount always
// gives byte-identical data, so fixtures and end-to-end tests can rely on exact values.

/** The demo's fixed "now": 2026-11-20 12:00 in Shanghai. */
export const NOW_ISO = '2026-11-20T12:00:00+08:00';
export const NOW_MS = Date.parse(NOW_ISO);
export const SHOP = Object.freeze({ key: 'blossom', name: '花开小铺 Blossom', currency: 'CNY' });
export const STATUSES = Object.freeze(['paid', 'shipped', 'delivered', 'refunded', 'cancelled']);

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** mulberry32: small, fast, good enough for demo data. */
export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** Shanghai wall-clock parts of an instant. */
function shanghaiParts(ms) {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(),
    h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(),
  };
}

/** ISO 8601 with the +08:00 offset, seconds precision: 2026-11-02T15:30:12+08:00. */
export function toShanghaiIso(ms) {
  const p = shanghaiParts(ms);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}+08:00`;
}

/** Formats integer fen as ¥1,234.50 (integer maths only). */
export function formatCny(fen) {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${sign}¥${String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${pad(rest)}`;
}

const CN_SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '欧阳', '上官'];
const CN_GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '晓梅', '雨萱', '子涵', '欣怡', '梓轩', '浩然', '思远', '一诺', '可馨', '嘉怡'];
const LATIN_FIRST = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Lucas', 'Sophia', 'Mia', 'Ethan', 'Chloe', 'Daniel', 'Grace', 'Hannah', 'Oscar', 'Zoe', 'Leo'];
const LATIN_LAST = ['Wilson', 'Chen', 'Brown', 'Garcia', 'Martin', 'Müller', 'Rossi', 'Tanaka', 'Nguyen', 'Smith', 'Dubois', 'Kim', 'Silva', 'Novak', "O'Brien", 'Park'];
const PINYIN = ['xiaoyu', 'huahua', 'mumu', 'tiantian', 'lele', 'dudu', 'xixi', 'nannan', 'yoyo', 'bobo', 'meimei', 'kiki', 'dandan', 'feifei', 'qiqi', 'lulu'];
const CN_NICKS = ['花花小店主', '爱吃鱼的猫', '小仙女', '快乐的小熊', '月亮不睡我不睡', '喝茶的兔子', '柠檬不萌', '南风知我意', '一只小可爱', '奶茶续命', '晴天娃娃', '小蘑菇', '追风少年', '慢慢来', '橘子汽水'];

/** The one buyer whose name and nick are hostile markup: pages must render them as text. */
export const HOSTILE_BUYER = Object.freeze({
  name: '<img src=x onerror=alert(1)>Eve',
  nick: '<b>eve</b>_tb',
});

/** The shop's catalogue: prices in fen. */
const PRODUCTS = [
  ['有机绿茶 Organic Green Tea 250g', 6800],
  ['手工陶瓷马克杯', 4590],
  ['Bamboo Cutting Board', 12900],
  ['真丝眼罩 Silk Sleep Mask', 8950],
  ['桂花乌龙茶礼盒', 26800],
  ['羊毛围巾 Wool Scarf', 35900],
  ['香薰蜡烛 Lavender Candle', 7990],
  ['Linen Tote Bag', 5500],
  ['永生花礼盒 Preserved Rose Box', 128800],
  ['手工刺绣旗袍', 168000],
  ['干花花束 · 满天星', 3900],
  ['玻璃花瓶 Glass Vase', 9900],
  ['Pressed Flower Bookmark ×3', 1800],
  ['茉莉花茶 Jasmine Tea 100g', 3280],
  ['纯棉四件套 Cotton Bedding Set', 59900],
  ['Ceramic Tea Set (6 pcs)', 42000],
  ['多肉植物组合', 2650],
  ['檀香线香 Sandalwood Incense', 1590],
  ['Hand Cream · Peony', 4500],
  ['竹编收纳篮', 6990],
  ['Silk Scrunchies (5)', 2990],
  ['玫瑰花茶 Rose Buds 80g', 3800],
  ['黄铜书签 Brass Bookmark', 2200],
  ['Botanical Print A3', 8800],
];

const PROVINCES = ['浙江省杭州市西湖区', '上海市徐汇区', '广东省深圳市南山区', '北京市朝阳区', '江苏省苏州市姑苏区', '四川省成都市锦江区', '湖北省武汉市洪山区', 'Singapore 238801', 'Vancouver BC V6B'];
const CARRIERS = ['顺丰速运 SF Express', '中通快递 ZTO', '圆通速递 YTO', '韵达快递 Yunda'];

function makeBuyers(rng, count) {
  const buyers = [];
  const nicks = new Set();
  const uniqueNick = (base) => {
    let nick = base;
    for (let i = 2; nicks.has(nick); i++) nick = `${base}${i}`;
    nicks.add(nick);
    return nick;
  };
  // A few fixed faces first, so the fixtures and tests have names to look for.
  const fixed = [
    ['张三', 'tb_8812xiaoyu'],
    ['李小龙', '花花小店主'],
    ['王芳', 'tb_2046huahua'],
    ['Emma Wilson', 'emma_w88'],
  ];
  const hostileAt = Math.min(count - 1, 9);
  for (let i = 0; i < count; i++) {
    if (i === hostileAt) {
      buyers.push({ index: i, name: HOSTILE_BUYER.name, nick: uniqueNick(HOSTILE_BUYER.nick), latin: true });
      continue;
    }
    const f = fixed[i];
    if (f) {
      buyers.push({ index: i, name: f[0], nick: uniqueNick(f[1]), latin: /^[A-Za-z]/.test(f[0]) });
      continue;
    }
    const latin = rng.chance(0.3);
    if (latin) {
      const first = rng.pick(LATIN_FIRST);
      const last = rng.pick(LATIN_LAST);
      const style = rng.int(0, 2);
      const base = style === 0 ? `${first.toLowerCase()}_${last[0].toLowerCase()}${rng.int(10, 99)}`
        : style === 1 ? `${first.toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, '')}`
          : `${first}${last[0]}${rng.int(1990, 2008)}`;
      buyers.push({ index: i, name: `${first} ${last}`, nick: uniqueNick(base), latin: true });
    } else {
      const name = rng.pick(CN_SURNAMES) + rng.pick(CN_GIVEN);
      const base = rng.chance(0.6) ? `tb_${rng.int(1000, 9999)}${rng.pick(PINYIN)}` : rng.pick(CN_NICKS) + (rng.chance(0.5) ? rng.int(1, 999) : '');
      buyers.push({ index: i, name, nick: uniqueNick(base), latin: false });
    }
  }
  return buyers;
}

/** How many orders each buyer gets: everyone at least one, the rest long-tailed (a few 10+). */
function orderCounts(rng, buyerCount, orderCount) {
  const counts = new Array(buyerCount).fill(0);
  if (buyerCount === 0) return counts;
  let remaining = orderCount;
  for (let i = 0; i < buyerCount && remaining > 0; i++, remaining--) counts[i] = 1;
  // Zipf-like weights over a shuffled rank, so loyal buyers are scattered through the list.
  const rank = counts.map((_, i) => i);
  for (let i = rank.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [rank[i], rank[j]] = [rank[j], rank[i]];
  }
  const cumulative = [];
  let sum = 0;
  for (let r = 0; r < buyerCount; r++) {
    sum += 1 / Math.pow(r + 1, 0.85);
    cumulative.push(sum);
  }
  for (; remaining > 0; remaining--) {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = buyerCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1; else hi = mid;
    }
    counts[rank[lo]] += 1;
  }
  return counts;
}

function statusFor(rng, ageDays) {
  const x = rng.next();
  if (ageDays < 2) return x < 0.75 ? 'paid' : x < 0.95 ? 'shipped' : 'cancelled';
  if (ageDays < 7) return x < 0.1 ? 'paid' : x < 0.7 ? 'shipped' : x < 0.95 ? 'delivered' : 'refunded';
  return x < 0.86 ? 'delivered' : x < 0.94 ? 'refunded' : 'cancelled';
}

/**
 * Builds the whole demo dataset. Orders are sorted newest first (the order list's order).
 * @param {{ orderCount?: number, seed?: number }} [options]
 */
export function generateData({ orderCount = 360, seed = 20261120 } = {}) {
  const count = Math.max(0, Math.floor(orderCount));
  const rng = createRng(seed);
  const buyerCount = Math.max(1, Math.round(count / 3));
  const buyers = makeBuyers(rng, buyerCount);
  const perBuyer = orderCounts(rng, buyerCount, count);
  const ids = new Set();
  const orders = [];
  const spanMs = 730 * DAY_MS;
  for (let b = 0; b < buyerCount; b++) {
    const buyer = buyers[b];
    const address = `${rng.pick(PROVINCES)} ${rng.int(1, 999)}号`;
    const phone = `1${rng.int(30, 89)}****${pad(rng.int(0, 9999), 4)}`;
    for (let k = 0; k < perBuyer[b]; k++) {
      // Placed between 08:00 and 23:59 Shanghai time, within the last two years.
      // Skewed towards recent days, as a growing shop's orders are. The fixed faces and the
      // hostile buyer (the first ten buyers) each have one order in the last ten days, so they
      // appear on the first page and in the chat.
      const ageDays = b < 10 && k === 0 ? rng.int(0, 9) : Math.floor(730 * Math.pow(rng.next(), 1.7));
      const dayStart = NOW_MS - ageDays * DAY_MS;
      let placed = dayStart - ((dayStart + SHANGHAI_OFFSET_MS) % DAY_MS) + rng.int(8 * 3600, 24 * 3600 - 1) * 1000;
      if (placed > NOW_MS) placed -= DAY_MS;
      if (placed < NOW_MS - spanMs) placed += DAY_MS;
      const p = shanghaiParts(placed);
      let id;
      do {
        id = `${p.y}${pad(p.mo)}${pad(p.d)}${pad(p.h)}${pad(p.mi)}${pad(p.s)}${pad(rng.int(0, 999), 3)}`;
      } while (ids.has(id));
      ids.add(id);
      const itemCount = rng.int(1, 4);
      const items = [];
      const used = new Set();
      for (let i = 0; i < itemCount; i++) {
        let product = rng.pick(PRODUCTS);
        while (used.has(product[0])) product = rng.pick(PRODUCTS);
        used.add(product[0]);
        const qty = rng.chance(0.75) ? 1 : rng.int(2, 5);
        items.push({ name: product[0], qty, priceMinor: product[1] });
      }
      const subtotalMinor = items.reduce((s, it) => s + it.qty * it.priceMinor, 0);
      const shippingMinor = subtotalMinor >= 9900 ? 0 : 800;
      const status = statusFor(rng, (NOW_MS - placed) / DAY_MS);
      orders.push({
        id,
        buyerIndex: b,
        placedMs: placed,
        placedAt: toShanghaiIso(placed),
        status,
        items,
        subtotalMinor,
        shippingMinor,
        totalMinor: subtotalMinor + shippingMinor,
        currency: 'CNY',
        carrier: status === 'paid' || status === 'cancelled' ? null : rng.pick(CARRIERS),
        trackingNo: status === 'paid' || status === 'cancelled' ? null : `SF${rng.int(100000, 999999)}${rng.int(100000, 999999)}`,
        address,
        phone,
        note: rng.chance(0.12) ? rng.pick(['请包装好，送人用的 🎁', 'Please add a gift card', '周末送货', '不要放快递柜', 'No invoice please']) : '',
      });
    }
  }
  orders.sort((a, b) => b.placedMs - a.placedMs || (a.id < b.id ? 1 : -1));
  const byId = new Map(orders.map((o) => [o.id, o]));
  const ordersByBuyer = buyers.map(() => []);
  for (const o of orders) ordersByBuyer[o.buyerIndex].push(o);
  const conversations = makeConversations(createRng(seed ^ 0x5eed), buyers, ordersByBuyer);
  return {
    now: NOW_ISO,
    shop: SHOP,
    buyers,
    orders,
    byId,
    ordersByBuyer,
    conversations,
    conversationsById: new Map(conversations.map((c) => [c.id, c])),
  };
}

const BUYER_LINES_CN = [
  '你好，请问 #{order} 什么时候发货？',
  '我的快递好几天没动了，能帮忙查一下吗？',
  '这个永生花礼盒可以加贺卡吗？',
  '收到了，包装很用心，谢谢老板 🌸',
  '花瓶有一点磕碰，可以换一个吗？',
  '还有桂花乌龙吗？想再买两盒',
  '能开发票吗？抬头是个人',
  '地址填错了，能改成公司地址吗？',
];
const BUYER_LINES_EN = [
  'Hi, when will order #{order} ship?',
  'Can I change the delivery address?',
  'The tea set arrived — it is beautiful, thank you!',
  'Do you ship to Singapore?',
  'One of the cups was chipped. What can we do?',
  'Is the rose box back in stock?',
];
const AGENT_LINES_CN = [
  '亲，您好！已经帮您查询，订单 #{order} 今天下午发出哦～',
  '不好意思给您添麻烦了，我们马上为您补发一个。',
  '可以的亲，备注写上贺卡内容就好。',
  '好的，已为您登记，到货第一时间通知您。',
];
const AGENT_LINES_EN = [
  'Hello! Order #{order} leaves our studio this afternoon.',
  'So sorry about that — we will send a replacement right away.',
  'Yes, we ship worldwide. Shipping is calculated at checkout.',
  'Noted! We will let you know as soon as it is back.',
];

function makeConversations(rng, buyers, ordersByBuyer) {
  const chosen = [];
  const take = (i) => {
    if (i >= 0 && i < buyers.length && ordersByBuyer[i].length > 0 && !chosen.includes(i)) chosen.push(i);
  };
  // Fixed faces, the hostile buyer, the two most loyal buyers, then whoever comes next.
  [0, 1, 2, 3].forEach(take);
  take(buyers.findIndex((b) => b.name === HOSTILE_BUYER.name));
  const loyal = buyers.map((b, i) => i).sort((a, b) => ordersByBuyer[b].length - ordersByBuyer[a].length || a - b);
  loyal.slice(0, 2).forEach(take);
  for (let i = 0; i < buyers.length && chosen.length < 8; i++) take(buyers.length - 1 - i);

  const conversations = chosen.slice(0, 8).map((buyerIndex, n) => {
    const buyer = buyers[buyerIndex];
    const orderId = ordersByBuyer[buyerIndex][0].id;
    const fill = (line) => line.replace('{order}', orderId);
    const buyerLines = buyer.latin ? BUYER_LINES_EN : BUYER_LINES_CN;
    const agentLines = buyer.latin ? AGENT_LINES_EN : AGENT_LINES_CN;
    // Each conversation's last message is a little older than the previous one's.
    let t = NOW_MS - (n * 97 + rng.int(3, 40)) * 60_000 - rng.int(0, 50) * 1000;
    const length = rng.int(3, 7);
    const messages = [];
    for (let m = 0; m < length; m++) {
      const fromBuyer = m % 2 === 0 || rng.chance(0.25);
      const lines = fromBuyer ? buyerLines : agentLines;
      messages.push({ from: fromBuyer ? 'buyer' : 'agent', text: fill(lines[(m + n) % lines.length]) });
    }
    if (buyer.name === HOSTILE_BUYER.name) {
      messages.splice(1, 0, { from: 'buyer', text: 'Is this field safe? <script>alert(1)</script>' });
    }
    // Times run forwards; the last message is at t.
    for (let m = messages.length - 1; m >= 0; m--) {
      messages[m].at = toShanghaiIso(t);
      messages[m].id = `m${n + 1}-${m + 1}`;
      t -= rng.int(1, 25) * 60_000 + rng.int(0, 59) * 1000;
    }
    const lastBuyerRun = [...messages].reverse().findIndex((msg) => msg.from !== 'buyer');
    const unread = lastBuyerRun === -1 ? messages.length : lastBuyerRun;
    return {
      id: `c${1001 + n}`,
      buyerIndex,
      nick: buyer.nick,
      displayName: buyer.name,
      messages,
      unread,
    };
  });
  return conversations;
}
