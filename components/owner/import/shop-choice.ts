import { ShopRef } from '@/lib/model/sighting';
import { shopIdOf } from '@/lib/model/ids';
import type { ShopSummary } from '../shops';

export const PLATFORMS = ['shopify', 'woocommerce', 'taobao', 'other'] as const;

/** Where the imported records go: a shop BuyerLens knows, or a new one named here. */
export type ShopChoice = { mode: 'existing'; shopId: string } | { mode: 'new'; platform: string; name: string };

/**
 * The ShopRef import.begin needs, or the reason there is none yet. A known shop's key is its id
 * after `platform:`; a new shop's key is its trimmed name, so importing twice into "My shop"
 * lands in the same shop.
 */
export function shopRefOf(choice: ShopChoice, shops: readonly ShopSummary[]): { ok: true; shop: ShopRef; shopId: string } | { ok: false; reason: 'noShop' | 'noName' | 'badPlatform' } {
  if (choice.mode === 'existing') {
    const shop = shops.find((s) => s.shopId === choice.shopId);
    if (!shop) return { ok: false, reason: 'noShop' };
    const key = shop.shopId.startsWith(`${shop.platform}:`) ? shop.shopId.slice(shop.platform.length + 1) : shop.shopId;
    return { ok: true, shop: { platform: shop.platform, key, name: shop.name }, shopId: shop.shopId };
  }
  const name = choice.name.trim();
  if (!name) return { ok: false, reason: 'noName' };
  const parsed = ShopRef.safeParse({ platform: choice.platform, key: name.slice(0, 200), name: name.slice(0, 200) });
  if (!parsed.success) return { ok: false, reason: 'badPlatform' };
  return { ok: true, shop: parsed.data, shopId: shopIdOf(parsed.data.platform, parsed.data.key) };
}
