/**
 * Deterministic ids. Two teammates who first meet the same buyer (or create the same tag) on
 * different machines derive the same id, so their records converge instead of duplicating.
 */

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** FNV-1a 64-bit over the UTF-16 code units: fast, synchronous, stable across contexts. */
export function hash64(text: string): string {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * FNV_PRIME) & MASK_64;
  }
  return h.toString(36).padStart(13, '0');
}

export function shopIdOf(platform: string, key: string): string {
  return `${platform}:${key}`;
}

export function customerIdOf(shopId: string, primaryKey: string): string {
  return `c_${hash64(`${shopId}\n${primaryKey}`)}`;
}

/** Tag names are unique per shop regardless of case and surrounding space. */
export function tagNameKey(name: string): string {
  return name.trim().normalize('NFKC').toLocaleLowerCase('en-US');
}

export function tagIdOf(shopId: string, name: string): string {
  return `t_${hash64(`${shopId}\n${tagNameKey(name)}`)}`;
}

export function taggingIdOf(customerId: string, tagId: string): string {
  return `tg_${hash64(`${customerId}\n${tagId}`)}`;
}

export function orderRecordIdOf(shopId: string, platformOrderId: string): string {
  return `o_${hash64(`${shopId}\n${platformOrderId}`)}`;
}

export function actionStateIdOf(customerId: string, ruleId: string): string {
  return `as_${hash64(`${customerId}\n${ruleId}`)}`;
}

/** Random ids for things only one person creates (notes, add ids, client ids). */
export function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return `${prefix}_${out}`;
}

/** The record that keeps a forgotten platform key out of the shop, by hash only. */
export function forgottenKeyIdOf(shopId: string, platformKey: string): string {
  return `fk:${hash64(`${shopId}\n${platformKey}`)}`;
}

export function segmentIdOf(shopId: string, name: string): string {
  return `sg:${hash64(`${shopId}\n${tagNameKey(name)}`)}`;
}
