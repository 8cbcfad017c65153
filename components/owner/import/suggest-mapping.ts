import { normalizeHeader, type ColumnMapping } from '@/lib/io/import';

/** The mapping fields that name a column (buyerKind and defaultCurrency are choices, not columns). */
export const MAPPING_COLUMNS = [
  'orderId',
  'buyer',
  'displayName',
  'placedAt',
  'total',
  'currency',
  'status',
  'email',
  'phone',
  'itemName',
  'itemQuantity',
  'tags',
  'note',
] as const;
export type MappingColumn = (typeof MAPPING_COLUMNS)[number];

/** A mapping being edited: any field may still be empty. */
export type MappingDraft = Partial<Record<MappingColumn, string>> & {
  buyerKind?: ColumnMapping['buyerKind'];
  defaultCurrency?: string;
};

/**
 * Header names people and platforms use for each field, English and Chinese, normalised
 * (lower-case, single spaces). Matched exactly first, then as a substring, so "Order No." and
 * "订单号码" both land on the order id. Order matters: earlier synonyms are better evidence.
 */
const SYNONYMS: Record<MappingColumn, readonly string[]> = {
  orderId: ['order id', 'order number', 'order no', 'order no.', 'order #', 'order', 'orderid', 'order_id', 'order_number', '订单编号', '订单号', '订单id', '单号', '订单'],
  buyer: ['customer email', 'buyer email', 'buyer', 'customer id', 'customer', 'member', 'username', 'user', '买家会员名', '买家昵称', '买家', '客户', '会员名', '会员', '用户名', '旺旺'],
  displayName: ['customer name', 'buyer name', 'full name', 'name', 'contact', 'billing name', '收货人姓名', '收货人', '客户名称', '姓名', '名称', '联系人'],
  placedAt: ['order date', 'created at', 'created', 'date', 'placed at', 'paid at', 'time', 'order_date', '下单时间', '订单创建时间', '创建时间', '付款时间', '日期', '时间'],
  total: ['order total', 'total amount', 'grand total', 'total', 'amount', 'paid', 'price', 'order_total', 'sum', '实付金额', '买家实际支付金额', '订单金额', '总金额', '金额', '实付', '合计', '总价'],
  currency: ['currency', 'currency code', 'order_currency', '币种', '货币'],
  status: ['order status', 'status', 'state', 'financial status', '订单状态', '状态', '交易状态'],
  email: ['email', 'e-mail', 'email address', 'customer email', 'mail', '邮箱', '电子邮件', '邮件'],
  phone: ['phone', 'mobile', 'telephone', 'tel', 'phone number', '手机', '手机号', '联系手机', '联系电话', '电话'],
  itemName: ['item name', 'item', 'product name', 'product', 'sku name', 'title', 'goods', '商品名称', '宝贝标题', '商品', '宝贝', '品名', '产品'],
  itemQuantity: ['quantity', 'qty', 'item quantity', '数量', '购买数量', '件数'],
  tags: ['tags', 'tag', 'labels', 'label', '标签'],
  note: ['note', 'notes', 'remark', 'remarks', 'comment', 'memo', '备注', '留言', '买家留言'],
};

/**
 * A first guess of which column holds what, from the header names alone. Each column is used
 * once; exact name matches win over partial ones. Pure: the mapping step shows it and the person
 * corrects it.
 */
export function suggestMapping(header: readonly string[]): MappingDraft {
  const names = header.map((h) => h.trim()).filter(Boolean);
  const taken = new Set<string>();
  const draft: MappingDraft = {};
  const pick = (field: MappingColumn, exact: boolean) => {
    if (draft[field]) return;
    for (const synonym of SYNONYMS[field]) {
      const found = names.find((n) => {
        if (taken.has(n)) return false;
        const k = normalizeHeader(n);
        return exact ? k === synonym : containsWord(k, synonym);
      });
      if (found) {
        draft[field] = found;
        taken.add(found);
        return;
      }
    }
  };
  // Exact names first over every field, so "Email" goes to email even though "customer email"
  // would also fit the buyer by substring.
  for (const field of MAPPING_COLUMNS) pick(field, true);
  for (const field of MAPPING_COLUMNS) pick(field, false);
  // No separate buyer column: the e-mail or phone identifies the buyer.
  if (!draft.buyer && draft.email) draft.buyer = draft.email;
  else if (!draft.buyer && draft.phone) draft.buyer = draft.phone;
  if (draft.buyer) draft.buyerKind = buyerKindOf(draft.buyer);
  return draft;
}

/**
 * `synonym` inside a header name: as whole words for Latin text (so "tag" is not found in
 * "stage", nor "cell" in "cancelled"), anywhere for Chinese, which has no spaces between words.
 */
function containsWord(name: string, synonym: string): boolean {
  if (!/[a-z0-9]/.test(synonym)) return name.includes(synonym);
  const at = name.indexOf(synonym);
  if (at < 0) return false;
  const before = name[at - 1];
  const after = name[at + synonym.length];
  const wordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);
  return !wordChar(before) && !wordChar(after);
}

/** What kind of identity a buyer column holds, guessed from its name. */
export function buyerKindOf(column: string): ColumnMapping['buyerKind'] {
  const k = normalizeHeader(column);
  if (/mail|邮箱|邮件/.test(k)) return 'email';
  if (/phone|mobile|tel|手机|电话/.test(k)) return 'phone';
  if (/(customer|buyer|user|member|client)[ _]?id|客户id|会员id|用户id/.test(k)) return 'customerId';
  return 'nick';
}

/** The mapping the import needs, or the first field still missing. */
export function completeMapping(draft: MappingDraft): { ok: true; mapping: ColumnMapping } | { ok: false; missing: 'buyer' } {
  if (!draft.buyer) return { ok: false, missing: 'buyer' };
  const mapping: ColumnMapping = { buyer: draft.buyer, buyerKind: draft.buyerKind ?? buyerKindOf(draft.buyer) };
  for (const field of MAPPING_COLUMNS) {
    const value = draft[field];
    if (field !== 'buyer' && value) mapping[field] = value;
  }
  if (draft.defaultCurrency && /^[A-Z]{3}$/.test(draft.defaultCurrency)) mapping.defaultCurrency = draft.defaultCurrency;
  return { ok: true, mapping };
}
