import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const RECIPE_FIXTURES = ['plain-table', 'div-grid', 'list', 'nested-spans'] as const;
export type RecipeFixture = (typeof RECIPE_FIXTURES)[number];

export function fixtureHtml(name: RecipeFixture): string {
  // A path, not a URL: under happy-dom the global URL is the DOM's, which node:fs does not take.
  return readFileSync(join(import.meta.dirname, '../../fixtures/recipe', `${name}.html`), 'utf8');
}

export function loadFixture(name: RecipeFixture): Document {
  return new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
}

export function texts(els: readonly Element[]): string[] {
  return els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
}
