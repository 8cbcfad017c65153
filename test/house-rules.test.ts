import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '@/entrypoints/content/features';
import { ADAPTERS } from '@/lib/sites';

/** The rules of DESIGN.md that a test can hold, checked on every run. */

const ROOT = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** An import as a path from the repository root (or the package name). */
function resolved(file: string, spec: string): string {
  if (spec.startsWith('@/')) return spec.slice(2);
  if (spec.startsWith('.')) return relative(ROOT, join(ROOT, file, '..', spec));
  return spec;
}

const lib = sourceFiles('lib');
const components = sourceFiles('components');
const content = sourceFiles('entrypoints/content');

describe('imports run one way: entrypoints → components → lib', () => {
  it('lib imports neither components nor entrypoints', () => {
    const bad = lib.flatMap((f) => importsOf(f).map((s) => [f, resolved(f, s)] as const)).filter(([, to]) => /^(components|entrypoints)\//.test(to));
    expect(bad).toEqual([]);
  });

  it('components import no entrypoint', () => {
    const bad = components.flatMap((f) => importsOf(f).map((s) => [f, resolved(f, s)] as const)).filter(([, to]) => to.startsWith('entrypoints/'));
    expect(bad).toEqual([]);
  });

  it('site adapters are pure: only the model, their own folder, no extension API, no database, no UI', () => {
    const sites = lib.filter((f) => f.startsWith('lib/sites/'));
    expect(sites.length).toBeGreaterThan(3);
    const bad = sites
      .flatMap((f) => importsOf(f).map((s) => [f, resolved(f, s)] as const))
      .filter(([, to]) => !to.startsWith('lib/sites/') && !to.startsWith('lib/model/') && to !== 'zod');
    expect(bad).toEqual([]);
  });
});

describe('IndexedDB lives in the extension origin only', () => {
  it('no content-script code, component or page imports the database or Dexie', () => {
    const pageSide = [...content, ...components, ...lib.filter((f) => f.startsWith('lib/content/')), ...sourceFiles('entrypoints/popup'), ...sourceFiles('entrypoints/options')];
    const bad = pageSide
      .flatMap((f) => importsOf(f).map((s) => [f, resolved(f, s)] as const))
      .filter(([, to]) => to.startsWith('lib/db') || to === 'dexie');
    expect(bad).toEqual([]);
  });
});

describe('page text is rendered as text', () => {
  it('no source sets HTML from strings', () => {
    const all = [...lib, ...components, ...sourceFiles('entrypoints')];
    const bad = all.filter((f) => /innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(bad).toEqual([]);
  });
});

describe('one feature per file, each registered in one line', () => {
  it('every feature file is in the registry, with a unique id', () => {
    const files = readdirSync(join(ROOT, 'entrypoints/content/features'))
      .filter((f) => f !== 'index.ts')
      .map((f) => f.replace(/\.tsx?$/, ''));
    const ids = FEATURES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(files.sort());
  });

  it('every site folder is a registered adapter (recipes are made at run time from what users teach)', () => {
    const folders = readdirSync(join(ROOT, 'lib/sites')).filter((f) => f !== 'recipe' && statSync(join(ROOT, 'lib/sites', f)).isDirectory());
    expect(ADAPTERS.map((a) => a.id).sort()).toEqual(folders.sort());
  });
});
