// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentsEn } from '@/lib/i18n/segments.en';
import { segmentsZhCN } from '@/lib/i18n/segments.zh-CN';

const DIR = join(__dirname, '../../lib/segments');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
const source = files.map((f) => readFileSync(join(DIR, f), 'utf8')).join('\n');
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('segment messages', () => {
  it('en and zh-CN have the same keys, all with text and the same {params}', () => {
    expect(Object.keys(segmentsZhCN).sort()).toEqual(Object.keys(segmentsEn).sort());
    for (const key of Object.keys(segmentsEn) as (keyof typeof segmentsEn)[]) {
      expect(segmentsEn[key].trim(), key).not.toBe('');
      expect(segmentsZhCN[key].trim(), key).not.toBe('');
      expect(placeholders(segmentsZhCN[key]), key).toEqual(placeholders(segmentsEn[key]));
    }
  });

  it('every key the code can produce is written, and every written key is used', () => {
    const used = new Set([...source.matchAll(/'(segment\.error\.\w+)'/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(25);
    for (const key of used) expect(Object.hasOwn(segmentsEn, key), key).toBe(true);
    const unused = Object.keys(segmentsEn).filter((k) => !used.has(k) && k !== 'segment.error.didYouMean');
    expect(unused).toEqual([]);
  });

  it('every key is under segment.error.', () => {
    for (const key of Object.keys(segmentsEn)) expect(key).toMatch(/^segment\.error\.\w+$/);
  });
});

describe('lib/segments is pure', () => {
  it.each(files)('%s imports only its folder, lib/model, lib/insights and zod/mini', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    const bad = specs.filter((s) => !/^\.\/[\w-]+$/.test(s) && s !== 'zod/mini' && !/^(@\/lib|\.\.)\/(model|insights)\//.test(s));
    expect(bad).toEqual([]);
    expect(text).not.toMatch(/\b(document|window|chrome|browser|indexedDB|localStorage|Dexie)\b\s*[.(]/);
  });
});
