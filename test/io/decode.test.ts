// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { csvRecords, decodeText, detectEncoding, guessDialect, ImportFileError, isValidUtf8 } from '../../lib/io/import';
import { chunked, collect, utf8 } from './helpers';

/** GBK bytes of the few characters the tests need, written by hand (checked against the GBK table). */
const GBK: Record<string, number[]> = { 张: [0xd5, 0xc5], 三: [0xc8, 0xfd], 元: [0xd4, 0xaa], 订: [0xb6, 0xa9], 单: [0xb5, 0xa5] };
const gbk = (text: string) =>
  new Uint8Array([...text].flatMap((c) => GBK[c] ?? (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : [])));

async function decodeAll(bytes: Uint8Array, size?: number) {
  let encoding: string | undefined;
  const text = (await collect(decodeText(chunked(bytes, size), { onEncoding: (e) => (encoding = e) }))).join('');
  return { text, encoding };
}

async function rejects(bytes: Uint8Array): Promise<string> {
  try {
    await decodeAll(bytes);
  } catch (e) {
    if (e instanceof ImportFileError) return e.key;
    throw e;
  }
  throw new Error('expected an ImportFileError');
}

describe('detectEncoding', () => {
  it('reads BOMs, valid UTF-8, else GB18030', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x41, 0]))).toBe('utf-16le');
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x41]))).toBe('utf-16be');
    expect(detectEncoding(utf8('订单编号'))).toBe('utf-8');
    expect(detectEncoding(gbk('订单'))).toBe('gb18030');
  });

  it('accepts a UTF-8 sequence cut by the end of the sample only when more is coming', () => {
    const cut = utf8('订').subarray(0, 2);
    expect(isValidUtf8(cut, true)).toBe(true);
    expect(isValidUtf8(cut, false)).toBe(false);
    expect(isValidUtf8(new Uint8Array([0xc0, 0x80]))).toBe(false); // overlong
    expect(isValidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(false); // surrogate
  });
});

describe('decodeText', () => {
  it('decodes GBK from hand-made bytes, split at every byte', async () => {
    const bytes = gbk('a,张三,12元\n');
    expect(await decodeAll(bytes, 1)).toEqual({ text: 'a,张三,12元\n', encoding: 'gb18030' });
  });

  it('decodes UTF-8 with and without BOM, split inside characters', async () => {
    const body = utf8('订单编号,买家\r\n1,张三\r\n');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    expect((await decodeAll(withBom, 1)).text).toBe('订单编号,买家\r\n1,张三\r\n');
    expect(await decodeAll(body, 2)).toEqual({ text: '订单编号,买家\r\n1,张三\r\n', encoding: 'utf-8' });
  });

  it('decodes UTF-16 LE and BE with BOM', async () => {
    const text = 'Name,Email\n#1,a@b.co\n';
    const le = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
    const be = new Uint8Array([0xfe, 0xff, ...[...text].flatMap((c) => [0, c.charCodeAt(0)])]);
    expect(await decodeAll(le, 3)).toEqual({ text, encoding: 'utf-16le' });
    expect(await decodeAll(be, 3)).toEqual({ text, encoding: 'utf-16be' });
  });

  it('streams ASCII before it has to choose an encoding', async () => {
    const head = utf8('x'.repeat(10_000) + '\n');
    const it = decodeText(chunked(head, 1000));
    const first = await it.next();
    expect(first.value).toBe('x'.repeat(1000));
  });

  it('fails an empty file, binary data, workbooks and undecodable text', async () => {
    expect(await rejects(new Uint8Array(0))).toBe('import.error.empty');
    expect(await rejects(new Uint8Array([0x41, 0x2c, 0x00, 0x42, 0x0a]))).toBe('import.error.binary');
    expect(await rejects(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]))).toBe('import.error.spreadsheet');
    expect(await rejects(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toBe('import.error.spreadsheet');
    expect(await rejects(new Uint8Array([...'a,b\n'].map((c) => c.charCodeAt(0)).concat([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0e, 0x0f])))).toBe(
      'import.error.binary',
    );
    expect(await rejects(new Uint8Array([0x61, 0xff, 0xff, 0xff]))).toBe('import.error.invalidText');
  });
});

describe('csvRecords', () => {
  async function records(text: string, size = 7) {
    const out = await collect(csvRecords(decodeText(chunked(utf8(text), size))));
    return out.flat();
  }

  it('keeps quoted commas, quotes and newlines and numbers the physical lines', async () => {
    const text = 'a,b\r\n1,"x, ""y""\r\nz"\r\n2,plain\r\n"3","w"\r\n';
    expect(await records(text)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'x, "y"\r\nz'] },
      { line: 4, cells: ['2', 'plain'] },
      { line: 5, cells: ['3', 'w'] },
    ]);
  });

  it('gives the same records whatever the chunking', async () => {
    const text = 'h1;h2\n"a;\nb";c\n"d""";e\nf;"g"\n';
    const whole = await records(text, 1 << 16);
    for (const size of [1, 2, 3, 5]) expect(await records(text, size)).toEqual(whole);
    expect(whole[1]).toEqual({ line: 2, cells: ['a;\nb', 'c'] });
  });

  it('fails a file cut inside a quoted cell, with the record line', async () => {
    await expect(records('a,b\n1,2\n3,"unterminated\nmore')).rejects.toMatchObject({ key: 'import.error.truncated', params: { line: 3 } });
  });

  it('marks a malformed quote', async () => {
    const recs = await records('a,b\n"x"y",2\n3,4\n');
    expect(recs[1]).toMatchObject({ line: 2, malformed: true });
    expect(recs[2]).toEqual({ line: 3, cells: ['3', '4'] });
  });

  it('reads an unclosed stray quote as a cut file (the quote swallows the rest)', async () => {
    await expect(records('a,b\n"x"y,2\n3,4\n')).rejects.toMatchObject({ key: 'import.error.truncated', params: { line: 2 } });
  });

  it('gives up on a record that never ends', async () => {
    const text = 'a,b\n1,"' + 'x'.repeat(5000);
    await expect(collect(csvRecords(decodeText(chunked(utf8(text), 100)), { maxRecordChars: 1000 }))).rejects.toMatchObject({
      key: 'import.error.recordTooLong',
      params: { line: 2 },
    });
  });

  it('guesses the delimiter and line break from the header', () => {
    expect(guessDialect('a;b;"c,d"\r\n1;2;3')).toEqual({ delimiter: ';', newline: '\r\n' });
    expect(guessDialect('a\tb\n')).toEqual({ delimiter: '\t', newline: '\n' });
    expect(guessDialect('a,b\rc,d')).toEqual({ delimiter: ',', newline: '\r' });
  });
});
