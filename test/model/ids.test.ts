import { describe, expect, it } from 'vitest';
import { customerIdOf, hash64, orderRecordIdOf, randomId, shopIdOf, taggingIdOf, tagIdOf, tagNameKey } from '@/lib/model/ids';

const SHOP = shopIdOf('demo', 'blossom');

describe('deterministic ids: two teammates meeting the same buyer derive the same record', () => {
  it('hash64 is stable and fixed width', () => {
    expect(hash64('')).toBe(hash64(''));
    // FNV-1a 64 of the empty string is the offset basis; a pinned value guards against
    // an accidental algorithm change, which would fork every existing record id.
    expect(hash64('')).toBe(0xcbf29ce484222325n.toString(36).padStart(13, '0'));
    expect(hash64('a')).toBe(0xaf63dc4c8601ec8cn.toString(36).padStart(13, '0'));
    for (const s of ['', 'a', '张三', 'x'.repeat(1000)]) expect(hash64(s)).toMatch(/^[0-9a-z]{13}$/);
  });

  it('same shop and key give the same customer id; any difference gives another', () => {
    expect(customerIdOf(SHOP, 'nick:张三')).toBe(customerIdOf('demo:blossom', 'nick:张三'));
    expect(customerIdOf(SHOP, 'nick:张三')).toMatch(/^c_[0-9a-z]{13}$/);
    const others = [customerIdOf(SHOP, 'nick:李四'), customerIdOf('demo:other', 'nick:张三'), customerIdOf(SHOP, 'email:张三')];
    for (const id of others) expect(id).not.toBe(customerIdOf(SHOP, 'nick:张三'));
  });

  it('does not confuse shop and key boundaries', () => {
    // "a:b" + "c" must differ from "a" + "b\nc"-like splits.
    expect(customerIdOf('demo:ab', 'nick:c')).not.toBe(customerIdOf('demo:a', 'bnick:c'));
  });

  it('tag ids ignore case and surrounding space, but not the shop', () => {
    const id = tagIdOf(SHOP, 'VIP 客户');
    expect(id).toMatch(/^t_/);
    expect(tagIdOf(SHOP, '  vip 客户 ')).toBe(id);
    expect(tagIdOf(SHOP, 'Vip 客户')).toBe(id);
    // Full-width letters and space (as Chinese IMEs type them) are the same name.
    expect(tagIdOf(SHOP, 'ＶＩＰ\u3000客户')).toBe(id);
    expect(tagIdOf('demo:other', 'VIP 客户')).not.toBe(id);
    expect(tagIdOf(SHOP, 'VIP客户')).not.toBe(id);
  });

  it('tagNameKey normalises case, width and surrounding space', () => {
    expect(tagNameKey('  Repeat Buyer ')).toBe('repeat buyer');
    expect(tagNameKey('ＡＢＣ')).toBe('abc');
    expect(tagNameKey('高价值客户')).toBe('高价值客户');
  });

  it('tagging and order ids are deterministic per pair', () => {
    const c = customerIdOf(SHOP, 'nick:张三');
    const t = tagIdOf(SHOP, 'VIP');
    expect(taggingIdOf(c, t)).toBe(taggingIdOf(c, t));
    expect(taggingIdOf(c, t)).not.toBe(taggingIdOf(c, tagIdOf(SHOP, 'other')));
    expect(orderRecordIdOf(SHOP, '1001')).toBe(orderRecordIdOf(SHOP, '1001'));
    expect(orderRecordIdOf(SHOP, '1001')).not.toBe(orderRecordIdOf(SHOP, '1002'));
    expect(orderRecordIdOf(SHOP, '1001')).not.toBe(orderRecordIdOf('demo:other', '1001'));
  });

  it('random ids are prefixed and do not repeat', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => randomId('n')));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^n_[0-9a-f]{24}$/);
  });
});
