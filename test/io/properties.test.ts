// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { csvRecords, decodeText, ImportFileError, importFile } from '../../lib/io/import';
import { importEn } from '../../lib/i18n/import.en';
import { importZhCN } from '../../lib/i18n/import.zh-CN';
import { chunked, collect, utf8 } from './helpers';

const TAOBAO_HEADER = '订单编号,买家会员名,订单状态,买家实际支付金额,订单创建时间,联系手机\n';

describe('properties', () => {
  it('arbitrary bytes never throw: a file error or a result with problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 64 }), fc.boolean(), async (bytes, size, withHeader) => {
        const input = withHeader ? new Uint8Array([...utf8(TAOBAO_HEADER), ...bytes]) : bytes;
        try {
          const r = await importFile(chunked(input, size));
          if (r.ok) for (const p of r.problems) expect(p.line).toBeGreaterThanOrEqual(2);
          else expect(r.error).toBeInstanceOf(ImportFileError);
        } catch (e) {
          throw new Error(`threw ${String(e)}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('arbitrary text rows under a known header never throw and give valid records or problems', async () => {
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('="12"', "'138", '10元', '交易关闭', '2025-10-07 09:50:26', '', '"'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { maxLength: 8 }), async (rows) => {
        const text = TAOBAO_HEADER + rows.map((r) => r.join(',')).join('\n');
        const r = await importFile(chunked(utf8(text), 13));
        if (!r.ok) expect(r.error).toBeInstanceOf(ImportFileError);
      }),
      { numRuns: 200 },
    );
  });

  it('CSV records survive any chunking (papaparse writes, the streaming reader reads back)', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', '中', ',', ';', '"', '\n', '\r\n', ' ', '='), maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 20 }),
        async (rows, size) => {
          const data = [['h1', 'h2', 'h3'], ...rows];
          const text = Papa.unparse(data, { newline: '\r\n', quotes: true });
          const out = (await collect(csvRecords(decodeText(chunked(utf8(text), size))))).flat();
          expect(out.map((r) => r.cells)).toEqual(data);
          // Each record starts on the line after the previous record's line breaks.
          let line = 1;
          out.forEach((r, i) => {
            expect(r.line).toBe(line);
            line += 1 + (data[i]!.join('').match(/\r\n|\r|\n/g)?.length ?? 0);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('i18n', () => {
  it('has Chinese for every key with the same placeholders', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, en] of Object.entries(importEn)) {
      const zh = importZhCN[key as keyof typeof importEn];
      expect(zh, key).toBeTruthy();
      expect(names(zh), key).toEqual(names(en));
    }
    expect(Object.keys(importZhCN).sort()).toEqual(Object.keys(importEn).sort());
  });
});
