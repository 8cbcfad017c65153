import * as z from 'zod/mini';

/**
 * A site recipe: what the user taught BuyerLens about an admin it does not know ("Teach this
 * page"). It says where the order rows are and, relative to a row, where the buyer's name is
 * (and optionally the order id, date and total). Recipes cross boundaries (storage, export
 * files, the content script), so every one is validated here.
 *
 * Error messages are i18n keys (`recipe.errors.*`), translated by the UI.
 */

/** Longest selector accepted. */
export const MAX_SELECTOR_LENGTH = 500;
/** Most recipes kept (and imported at once). */
export const MAX_RECIPES = 50;

/**
 * Conservative syntax check used where there is no DOM to ask (the background worker): no
 * markup or rule blocks, no control characters, brackets/parentheses balanced and quotes closed.
 */
export function selectorLooksSafe(selector: string): boolean {
  const s = selector.trim();
  if (!s || s.length > MAX_SELECTOR_LENGTH) return false;
  // eslint-disable-next-line no-control-regex
  if (/[<{};\u0000-\u001f\u007f]/.test(s)) return false;
  const stack: string[] = [];
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i]!;
    if (c === '\\') {
      i += 1; // an escaped character never opens or closes anything
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') stack.push(c);
    else if (c === ']' || c === ')') {
      if (stack.pop() !== (c === ']' ? '[' : '(')) return false;
    }
  }
  if (quote || stack.length) return false;
  // A combinator at either end (`td >`, `> a`) is not a selector; `:scope > a` is.
  return !/^[>+~,]|[>+~,]$/.test(s);
}

/**
 * Whether a selector parses: asks the DOM (`document.querySelector` throws on bad syntax) when
 * there is one, and the conservative check always.
 */
export function isValidSelector(selector: string): boolean {
  if (!selectorLooksSafe(selector)) return false;
  const doc = (globalThis as { document?: Document }).document;
  if (doc && typeof doc.querySelector === 'function') {
    try {
      doc.querySelector(selector);
      // Some DOMs (happy-dom) parse lazily, while matching: make one element match for sure.
      if (typeof doc.createElement === 'function') doc.createElement('div').matches(selector);
    } catch {
      return false;
    }
  }
  return true;
}

const Selector = z.string('recipe.errors.selector').check(
  z.minLength(1, 'recipe.errors.selector'),
  z.maxLength(MAX_SELECTOR_LENGTH, 'recipe.errors.selectorLength'),
  z.refine(isValidSelector, 'recipe.errors.selector'),
);

/** An http(s) origin exactly as `URL.origin` writes it (`https://shop.example.com:8443`). */
export function isHttpOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin;
  } catch {
    return false;
  }
}

export const SiteRecipe = z.object({
  id: z.string('recipe.errors.id').check(z.minLength(1, 'recipe.errors.id'), z.maxLength(64, 'recipe.errors.id')),
  origin: z.string('recipe.errors.origin').check(z.refine(isHttpOrigin, 'recipe.errors.origin')),
  pathPrefix: z
    .string('recipe.errors.pathPrefix')
    .check(z.maxLength(200, 'recipe.errors.pathPrefix'), z.refine((p) => p.startsWith('/'), 'recipe.errors.pathPrefix')),
  name: z
    .string('recipe.errors.name')
    .check(z.trim(), z.minLength(1, 'recipe.errors.nameEmpty'), z.maxLength(60, 'recipe.errors.nameLength')),
  rowSelector: Selector,
  fields: z.object(
    {
      buyer: Selector,
      orderId: z.optional(Selector),
      date: z.optional(Selector),
      total: z.optional(Selector),
    },
    'recipe.errors.fields',
  ),
  createdAt: z.number('recipe.errors.createdAt').check(z.int('recipe.errors.createdAt'), z.minimum(0, 'recipe.errors.createdAt')),
  version: z.literal(1, 'recipe.errors.version'),
});
export type SiteRecipe = z.infer<typeof SiteRecipe>;

export const SiteRecipes = z.array(SiteRecipe, 'recipe.errors.list').check(
  z.maxLength(MAX_RECIPES, 'recipe.errors.tooMany'),
  z.refine((list) => new Set(list.map((r) => r.id)).size === list.length, 'recipe.errors.duplicateId'),
);
export type SiteRecipes = z.infer<typeof SiteRecipes>;

export const RecipeExport = z.object({
  format: z.literal('buyerlens-recipes', 'recipe.errors.format'),
  version: z.literal(1, 'recipe.errors.version'),
  recipes: SiteRecipes,
});
export type RecipeExport = z.infer<typeof RecipeExport>;

/** The first `recipe.errors.*` key of a failed parse (`recipe.errors.invalid` when zod's own). */
export function recipeErrorKey(error: { issues: readonly { message: string }[] }): string {
  const message = error.issues[0]?.message ?? '';
  return message.startsWith('recipe.errors.') ? message : 'recipe.errors.invalid';
}
