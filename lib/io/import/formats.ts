import { normalizeHeader, type MapOptions, type RowMapper } from './types';
import { shopifyOrdersMapper } from './shopify-orders';
import { shopifyCustomersMapper } from './shopify-customers';
import { woocommerceAnalyticsMapper, woocommerceOrdersMapper } from './woocommerce';
import { taobaoOrdersMapper } from './taobao';

export const IMPORT_FORMATS = [
  'shopify-orders',
  'shopify-customers',
  'woocommerce-orders',
  'woocommerce-analytics',
  'taobao-orders',
  'generic',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type KnownFormat = Exclude<ImportFormat, 'generic'>;

interface FormatSpec {
  /** Distinctive columns (normalised): the format is recognised when `minSignature` of them are present. */
  signature: readonly string[];
  minSignature: number;
  /** Columns the mapper cannot do without; an inner array means "one of these". */
  required: readonly (string | readonly string[])[];
  mapper: (options: MapOptions) => RowMapper;
}

export const FORMAT_SPECS: Readonly<Record<KnownFormat, FormatSpec>> = {
  'shopify-orders': {
    signature: ['financial status', 'fulfillment status', 'lineitem name', 'lineitem quantity', 'lineitem price', 'billing name', 'paid at', 'fulfilled at', 'lineitem sku'],
    minSignature: 3,
    required: ['name', 'email', 'financial status', 'currency', 'total', 'created at', 'lineitem name', 'lineitem quantity'],
    mapper: shopifyOrdersMapper,
  },
  'shopify-customers': {
    signature: ['first name', 'last name', 'total spent', 'total orders', 'accepts marketing', 'accepts email marketing', 'tax exempt', 'default address city', 'customer id'],
    minSignature: 4,
    required: ['first name', 'last name', 'email'],
    mapper: shopifyCustomersMapper,
  },
  'woocommerce-orders': {
    signature: ['order_id', 'order_number', 'order_date', 'order_total', 'order_currency', 'customer_id', 'customer_email', 'billing_first_name', 'billing_last_name', 'billing_email', 'billing_phone'],
    minSignature: 3,
    required: [['order_number', 'order_id'], 'order_date', 'status', 'order_total', ['customer_email', 'billing_email', 'customer_id']],
    mapper: woocommerceOrdersMapper,
  },
  'woocommerce-analytics': {
    signature: ['order #', 'customer type', 'product(s)', 'items sold', 'coupon(s)', 'net sales', 'attribution', 'n. revenue (formatted)'],
    minSignature: 3,
    required: ['date', 'order #', 'status', 'customer', 'net sales'],
    mapper: woocommerceAnalyticsMapper,
  },
  'taobao-orders': {
    signature: ['订单编号', '买家会员名', '买家实际支付金额', '订单状态', '订单创建时间', '订单付款时间', '买家应付货款', '宝贝标题', '收货人姓名', '联系手机', '买家支付宝账号', '总金额'],
    minSignature: 3,
    required: ['订单编号', '买家会员名', '订单状态', '买家实际支付金额'],
    mapper: taobaoOrdersMapper,
  },
};

/** Which export a header row comes from; 'generic' when none fits (the UI asks for a mapping). */
export function detectFormat(header: readonly string[]): ImportFormat {
  const have = new Set(header.map(normalizeHeader));
  let best: ImportFormat = 'generic';
  let bestScore = 0;
  for (const format of Object.keys(FORMAT_SPECS) as KnownFormat[]) {
    const spec = FORMAT_SPECS[format];
    const score = spec.signature.filter((c) => have.has(c)).length;
    if (score >= spec.minSignature && score / spec.signature.length > bestScore) {
      best = format;
      bestScore = score / spec.signature.length;
    }
  }
  return best;
}

/** Required columns of `format` the header lacks, as the format names them ("a / b" for one-of). */
export function missingColumns(format: ImportFormat, header: readonly string[]): string[] {
  if (format === 'generic') return [];
  const have = new Set(header.map(normalizeHeader));
  return FORMAT_SPECS[format].required
    .filter((r) => (typeof r === 'string' ? !have.has(r) : !r.some((c) => have.has(c))))
    .map((r) => (typeof r === 'string' ? r : r.join(' / ')));
}
