import { afterEach, describe, expect, it, vi } from 'vitest';
import { isValidSelector, RecipeExport, recipeErrorKey, selectorLooksSafe, SiteRecipe, SiteRecipes } from '../../../lib/model/recipe';
import { teachEn } from '../../../lib/i18n/teach.en';

const valid = {
  id: 'r_1',
  origin: 'https://shop.example.com',
  pathPrefix: '/admin/orders',
  name: '  My shop  ',
  rowSelector: '#orders tbody > tr.order-row',
  fields: { buyer: 'a.buyer', orderId: ':scope > td:nth-child(2)', date: 'td.col-date time', total: 'td.col-total' },
  createdAt: 1_767_000_000_000,
  version: 1,
};

function errorOf(input: unknown): string {
  const r = SiteRecipe.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? '' : recipeErrorKey(r.error);
}

afterEach(() => vi.unstubAllGlobals());

describe('SiteRecipe', () => {
  it('accepts a recipe and trims its name', () => {
    const r = SiteRecipe.parse(valid);
    expect(r.name).toBe('My shop');
    expect(r.fields.orderId).toBe(':scope > td:nth-child(2)');
  });

  it('accepts a recipe with only the buyer field', () => {
    expect(SiteRecipe.safeParse({ ...valid, fields: { buyer: 'a.buyer' } }).success).toBe(true);
  });

  it.each([
    ['http://localhost:3000', true],
    ['https://shop.example.com', true],
    ['https://shop.example.com/', false],
    ['https://shop.example.com/admin', false],
    ['https://SHOP.example.com', false],
    ['https://shop.example.com:443', false],
    ['ftp://shop.example.com', false],
    ['javascript:alert(1)', false],
    ['shop.example.com', false],
    ['', false],
  ])('origin %s → %s', (origin, ok) => {
    const r = SiteRecipe.safeParse({ ...valid, origin });
    expect(r.success).toBe(ok);
    if (!r.success) expect(recipeErrorKey(r.error)).toBe('recipe.errors.origin');
  });

  it('rejects a bad path prefix, name, id, version or time with recipe.errors keys', () => {
    expect(errorOf({ ...valid, pathPrefix: 'admin' })).toBe('recipe.errors.pathPrefix');
    expect(errorOf({ ...valid, pathPrefix: `/${'a'.repeat(200)}` })).toBe('recipe.errors.pathPrefix');
    expect(errorOf({ ...valid, name: '   ' })).toBe('recipe.errors.nameEmpty');
    expect(errorOf({ ...valid, name: 'x'.repeat(61) })).toBe('recipe.errors.nameLength');
    expect(errorOf({ ...valid, id: '' })).toBe('recipe.errors.id');
    expect(errorOf({ ...valid, id: 'x'.repeat(65) })).toBe('recipe.errors.id');
    expect(errorOf({ ...valid, version: 2 })).toBe('recipe.errors.version');
    expect(errorOf({ ...valid, createdAt: 1.5 })).toBe('recipe.errors.createdAt');
    expect(errorOf({ ...valid, fields: {} })).toBe('recipe.errors.selector');
  });

  it.each(['td >', 'a[href', 'a)', 'a{color:red}', '<img src=x>', '', 'a..b', '##x', 'x'.repeat(501)])('rejects the selector %j', (sel) => {
    const key = errorOf({ ...valid, rowSelector: sel });
    expect(['recipe.errors.selector', 'recipe.errors.selectorLength']).toContain(key);
    expect(errorOf({ ...valid, fields: { buyer: sel } })).toMatch(/^recipe\.errors\.selector/);
    expect(errorOf({ ...valid, fields: { buyer: 'a', total: sel } })).toMatch(/^recipe\.errors\.selector/);
  });

  it('every error key it can produce has English text', () => {
    for (const key of ['origin', 'pathPrefix', 'nameEmpty', 'nameLength', 'id', 'version', 'createdAt', 'selector', 'selectorLength', 'tooMany', 'duplicateId', 'format', 'invalid', 'fields', 'list']) {
      expect(Object.hasOwn(teachEn, `recipe.errors.${key}`)).toBe(true);
    }
  });
});

describe('selector syntax', () => {
  it('asks the DOM when there is one', () => {
    expect(isValidSelector(':scope > td:nth-child(2) > a')).toBe(true);
    expect(isValidSelector('div[data-testid="orders-grid"] > div')).toBe(true);
    expect(isValidSelector('a..b')).toBe(false); // balanced, so only the DOM can tell
  });

  it('falls back to the conservative check without a document (the background worker)', () => {
    vi.stubGlobal('document', undefined);
    expect((globalThis as { document?: unknown }).document).toBeUndefined();
    expect(isValidSelector('#orders tbody > tr.order-row')).toBe(true);
    expect(isValidSelector('[title="a ] b"]')).toBe(true);
    expect(isValidSelector('a:not(.x, .y)')).toBe(true);
    expect(isValidSelector('a[title="x]')).toBe(false);
    expect(isValidSelector('a:not(.x')).toBe(false);
    expect(isValidSelector('a]')).toBe(false);
    expect(isValidSelector('a{}')).toBe(false);
    expect(isValidSelector('<b>')).toBe(false);
    expect(isValidSelector('td >')).toBe(false);
    expect(SiteRecipe.safeParse(valid).success).toBe(true);
  });

  it('selectorLooksSafe handles escapes', () => {
    expect(selectorLooksSafe('a.x\\[1\\]')).toBe(true);
    expect(selectorLooksSafe('a[title="say \\"hi\\""]')).toBe(true);
  });
});

describe('SiteRecipes and RecipeExport', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...valid, id: `r_${i}` }));

  it('holds up to 50 recipes with unique ids', () => {
    expect(SiteRecipes.safeParse(many(50)).success).toBe(true);
    const tooMany = SiteRecipes.safeParse(many(51));
    expect(tooMany.success || recipeErrorKey(tooMany.error)).toBe('recipe.errors.tooMany');
    const dup = SiteRecipes.safeParse([valid, { ...valid, name: 'Other' }]);
    expect(dup.success || recipeErrorKey(dup.error)).toBe('recipe.errors.duplicateId');
  });

  it('parses an export file and rejects other files', () => {
    const file = { format: 'buyerlens-recipes', version: 1, recipes: many(2) };
    expect(RecipeExport.parse(JSON.parse(JSON.stringify(file))).recipes).toHaveLength(2);
    const other = RecipeExport.safeParse({ ...file, format: 'something-else' });
    expect(other.success || recipeErrorKey(other.error)).toBe('recipe.errors.format');
    const bad = RecipeExport.safeParse({ ...file, recipes: [{ ...valid, origin: 'https://x.com/' }] });
    expect(bad.success || recipeErrorKey(bad.error)).toBe('recipe.errors.origin');
  });
});
