/**
 * Segments: a query language over each customer's insight facts, in the spirit of Shopify's
 * segment editor: `amount_spent >= 500 AND last_order_date < -60d AND customer_tags CONTAINS 'vip'`.
 * Pure: imports lib/model, lib/insights and zod/mini only.
 */
import type { Expr, SegmentError } from './ast';
import { check, type CheckOptions } from './check';
import { compile, type CompileOptions, type SegmentPredicate } from './evaluate';
import { parse } from './parser';

export * from './ast';
export { check, type CheckOptions } from './check';
export { complete, type CompletionContext, type CompletionItem, type CompletionKind, type Completions } from './complete';
export { compile, evaluate, SegmentCompileError, type CompileOptions, type SegmentFacts, type SegmentPredicate } from './evaluate';
export { lex, MAX_QUERY_LENGTH, type Token } from './lexer';
export { parse, MAX_DEPTH, type ParseResult } from './parser';
export { print, printValue, quote } from './print';

/** Parse and check: the tree when the text is a valid query, else every error found. */
export function analyze(text: string, options: CheckOptions = {}): { ast?: Expr; errors: SegmentError[] } {
  const parsed = parse(text);
  if (!parsed.ast) return parsed;
  const errors = check(parsed.ast, options);
  return errors.length ? { errors } : { ast: parsed.ast, errors };
}

/** Text → predicate, or the errors to show. */
export function compileQuery(text: string, options: CheckOptions & CompileOptions = {}): { predicate?: SegmentPredicate; errors: SegmentError[] } {
  const { ast, errors } = analyze(text, options);
  return ast ? { predicate: compile(ast, options), errors } : { errors };
}
