import { CUSTOM_PREFIX, OP_TEXT, type Expr, type Value } from './ast';

/**
 * Tree → canonical text: upper-case keywords, single-quoted strings, one space between parts,
 * parentheses only where the tree needs them (so parse(print(t)) is t again: `a AND (b AND c)`
 * keeps its right-hand nesting).
 */
export function print(expr: Expr): string {
  switch (expr.kind) {
    case 'or':
      return `${print(expr.left)} OR ${wrapIf(expr.right, expr.right.kind === 'or')}`;
    case 'and':
      return `${wrapIf(expr.left, expr.left.kind === 'or')} AND ${wrapIf(expr.right, expr.right.kind === 'or' || expr.right.kind === 'and')}`;
    case 'not':
      return `NOT ${wrapIf(expr.expr, expr.expr.kind === 'or' || expr.expr.kind === 'and')}`;
    case 'cond': {
      const f = printField(expr.field);
      const v = expr.values;
      switch (expr.op) {
        case 'is_null':
        case 'is_not_null':
          return `${f} ${OP_TEXT[expr.op]}`;
        case 'between':
          return `${f} BETWEEN ${printValue(v[0]!)} AND ${printValue(v[1]!)}`;
        case 'in':
        case 'not_in':
          return `${f} ${OP_TEXT[expr.op]} (${v.map(printValue).join(', ')})`;
        default:
          return `${f} ${OP_TEXT[expr.op]} ${printValue(v[0]!)}`;
      }
    }
  }
}

function wrapIf(e: Expr, yes: boolean): string {
  return yes ? `(${print(e)})` : print(e);
}

/** The characters the lexer keeps in one word after `field.`. */
const BARE_NAME = /^[\p{L}\p{N}\p{M}_.]+$/u;

export function printField(field: string): string {
  if (!field.startsWith(CUSTOM_PREFIX)) return field;
  const name = field.slice(CUSTOM_PREFIX.length);
  return BARE_NAME.test(name) ? field : CUSTOM_PREFIX + quote(name);
}

export function printValue(v: Value): string {
  switch (v.kind) {
    case 'string':
      return quote(v.value);
    case 'number':
      return String(v.value);
    case 'date':
      return v.value;
    case 'relative':
      if (v.amount === 0 && v.unit === 'd') return 'today';
      return `${v.amount < 0 ? '-' : '+'}${Math.abs(v.amount)}${v.unit}`;
  }
}

/** Single-quoted text with backslash escapes for \, ' and control characters. */
export function quote(s: string): string {
  let out = "'";
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\u007f') out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + "'";
}
