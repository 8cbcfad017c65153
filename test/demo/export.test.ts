// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../demo/data.mjs';
import { startDemo, type DemoServer } from '../../demo/server.mjs';
import { importFile } from '@/lib/io/import';

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemo({ port: 0 });
});
afterAll(async () => {
  await demo.close();
});

async function* chunksOf(bytes: Uint8Array, size = 4096) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('the demo’s order export', () => {
  it('downloads every order as UTF-8 CSV with a BOM, and reads back through the import mapping as the same orders', async () => {
    const res = await fetch(`${demo.url}/admin/orders/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const result = await importFile(chunksOf(bytes), {
      mapping: {
        orderId: 'Order No.',
        buyer: 'Buyer nick',
        buyerKind: 'nick',
        displayName: 'Buyer name',
        placedAt: 'Placed at',
        total: 'Total',
        currency: 'Currency',
        status: 'Status',
      },
    });
    if (!result.ok) throw new Error(`import failed: ${result.error.key}`);
    expect(result.problems).toEqual([]);

    const data = generateData({ orderCount: 360 });
    expect(result.orders).toHaveLength(data.orders.length);
    const byId = new Map(result.orders.map((o) => [o.orderId, o]));
    for (const o of data.orders) {
      const read = byId.get(o.id);
      const buyer = data.buyers[o.buyerIndex]!;
      expect(read?.buyer.key).toBe(`nick:${buyer.nick}`);
      expect(read?.buyer.displayName).toBe(buyer.name);
      expect(read?.total).toEqual({ amountMinor: o.totalMinor, currency: 'CNY' });
      expect(Date.parse(read!.placedAt!)).toBe(o.placedMs - (o.placedMs % 1000));
      expect(read?.status).toBe(o.status);
    }
  });
});
