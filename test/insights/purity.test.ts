import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** lib/insights is pure (DESIGN.md): it imports its own folder, lib/model and zod/mini, nothing else. */
const DIR = join(__dirname, '../../lib/insights');

describe('lib/insights is pure', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports only its folder, lib/model and zod/mini', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    const bad = specs.filter((s) => !/^\.\/[\w-]+$/.test(s) && s !== 'zod/mini' && !/^(@\/lib|\.\.)\/model\//.test(s));
    expect(bad).toEqual([]);
    expect(text).not.toMatch(/\b(document|window|chrome|browser|indexedDB|localStorage|Dexie)\b\s*[.(]/);
  });

  it('the rule schemas (a boundary type, so in lib/model) import nothing but zod/mini and the model', () => {
    const text = readFileSync(join(DIR, '../model/action-rules.ts'), 'utf8');
    const specs = [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    expect(specs.filter((s) => s !== 'zod/mini' && !/^\.\/[\w-]+$/.test(s))).toEqual([]);
  });
});
