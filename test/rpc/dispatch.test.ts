import { describe, expect, it } from 'vitest';
import { dispatch } from '@/lib/rpc/server';
import { call, RpcCallError } from '@/lib/rpc/client';
import { SELF, SHOP, SHOP_ID, freshService } from '../db/helpers';

async function countAll(db: ReturnType<typeof freshService>['db']) {
  const counts = await Promise.all(db.tables.map((t) => t.count()));
  return counts.reduce((a, b) => a + b, 0);
}

describe('the background trusts no message it did not validate', () => {
  it('refuses messages from any other extension or web page', async () => {
    const { handlers, db } = freshService();
    const reply = await dispatch(handlers, { rpc: 'tag.create', args: { shopId: SHOP_ID, name: 'VIP' } }, { id: 'another-extension' }, SELF.id);
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('only from BuyerLens') } });
    expect(await countAll(db)).toBe(0);
  });

  it.each([
    ['not an object', 'hello'],
    ['no rpc name', { args: {} }],
    ['null', null],
  ])('rejects an envelope that is %s', async (_label, message) => {
    const { handlers } = freshService();
    const reply = await dispatch(handlers, message, SELF, SELF.id);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('rejects an unknown request by name, including prototype names', async () => {
    const { handlers } = freshService();
    for (const rpc of ['db.drop', 'constructor', '__proto__', 'toString']) {
      const reply = await dispatch(handlers, { rpc, args: {} }, SELF, SELF.id);
      expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-rpc' } });
    }
  });

  it('rejects arguments of the wrong shape with a reason, and writes nothing', async () => {
    const { handlers, db } = freshService();
    const cases: unknown[] = [
      { shopId: 42 },
      { shopId: SHOP_ID, name: '' },
      { shopId: SHOP_ID, name: 'x'.repeat(41) },
      { shopId: SHOP_ID, name: 'VIP', color: 'chartreuse' },
    ];
    for (const args of cases) {
      const reply = await dispatch(handlers, { rpc: 'tag.create', args }, SELF, SELF.id);
      expect(reply.ok).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('invalid');
        expect(reply.error.message.length).toBeGreaterThan(3);
      }
    }
    const badSighting = await dispatch(
      handlers,
      { rpc: 'page.seen', args: { shop: SHOP, orders: [{ orderId: '1', buyer: { key: 'not-a-key', displayName: 'x' } }] } },
      SELF,
      SELF.id,
    );
    expect(badSighting).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await countAll(db)).toBe(0);
  });

  it('reports a handler failure as an error reply, never a thrown exception', async () => {
    const { handlers } = freshService();
    const reply = await dispatch({ ...handlers, 'shop.view': async () => Promise.reject(new Error('boom')) }, { rpc: 'shop.view', args: { shopId: SHOP_ID, customerIds: [] } }, SELF, SELF.id);
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });
});

describe('callers validate replies too', () => {
  it('returns the typed value of a good reply', async () => {
    const { handlers } = freshService();
    const transport = (m: unknown) => dispatch(handlers, m, SELF, SELF.id);
    const tag = await call('tag.create', { shopId: SHOP_ID, name: 'VIP', color: 'red' }, transport);
    expect(tag).toMatchObject({ name: 'VIP', color: 'red' });
  });

  it('turns an error reply into an error carrying the message', async () => {
    const { handlers } = freshService();
    const transport = (m: unknown) => dispatch(handlers, m, SELF, SELF.id);
    await call('tag.create', { shopId: SHOP_ID, name: 'VIP' }, transport);
    await expect(call('tag.create', { shopId: SHOP_ID, name: 'vip' }, transport)).rejects.toMatchObject({
      code: 'conflict',
      message: 'A tag named “VIP” already exists.',
    });
  });

  it('refuses a reply that does not match the schema', async () => {
    const transport = async () => ({ ok: true, value: { id: 1 } });
    await expect(call('tag.create', { shopId: SHOP_ID, name: 'VIP' }, transport)).rejects.toBeInstanceOf(RpcCallError);
    await expect(call('tag.create', { shopId: SHOP_ID, name: 'VIP' }, async () => undefined)).rejects.toMatchObject({ code: 'bad-reply' });
  });

  it('says the background is unreachable when the message cannot be delivered', async () => {
    const transport = async () => Promise.reject(new Error('Extension context invalidated.'));
    await expect(call('shop.view', { shopId: SHOP_ID, customerIds: [] }, transport)).rejects.toMatchObject({ code: 'unreachable' });
  });
});

describe('an unreachable background reads as advice, in the user’s language', () => {
  it('carries an i18n key the UI translates, and keeps the browser’s words as the cause', async () => {
    const { errorText } = await import('@/components/error-text');
    const { translator } = await import('@/lib/i18n');
    const cause = new Error('Extension context invalidated.');
    const err = await call('shop.view', { shopId: SHOP_ID, customerIds: [] }, async () => Promise.reject(cause)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unreachable', cause });
    expect(errorText(err, translator('en'))).toBe('BuyerLens was updated or restarted. Reload this page to continue.');
    expect(errorText(err, translator('zh-CN'))).toBe('BuyerLens 已更新或重启。请刷新此页面后继续。');
    expect(errorText(new Error('plain words'), translator('en'))).toBe('plain words');
  });
});
