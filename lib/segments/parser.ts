import { CUSTOM_PREFIX, FIELD_TYPES, segmentError, type Condition, type Expr, type Op, type SegmentError, type Span, type Value } from './ast';
import { lex, type Token } from './lexer';
import { closest } from './suggest';

/**
 * Recursive-descent parser: text → tree, or the first syntax error with its offsets. It never
 * throws: any text gets a tree or errors.
 *
 *   query     := or EOF
 *   or        := and (OR and)*
 *   and       := unary (AND unary)*              AND binds tighter than OR
 *   unary     := NOT unary | '(' or ')' | condition
 *   condition := field ( compareOp value | BETWEEN value AND value | [NOT] IN '(' value (',' value)* ')'
 *                      | [NOT] CONTAINS value | STARTS WITH value | IS [NOT] NULL )
 *   field     := word | 'field.' string        built-ins, field.<name>, field."any name"
 *   value     := string | number | date | relative | TODAY | YESTERDAY
 *
 * Keywords and built-in field names are case-insensitive; custom field names keep their case.
 */

export interface ParseResult {
  ast?: Expr;
  errors: SegmentError[];
}

/** How deep parentheses and NOTs may nest. */
export const MAX_DEPTH = 100;

export const KEYWORDS = new Set(['and', 'or', 'not', 'between', 'contains', 'starts', 'with', 'is', 'null', 'in', 'today', 'yesterday']);

/** Words that begin an operator, for suggestions on a misspelt one. */
const OPERATOR_WORDS = ['CONTAINS', 'BETWEEN', 'IN', 'IS', 'STARTS', 'NOT'];
const OPERATOR_PHRASES: Readonly<Record<string, string>> = { STARTSWITH: 'STARTS WITH', NOTIN: 'NOT IN', NOTCONTAINS: 'NOT CONTAINS', ISNULL: 'IS NULL', ISNOTNULL: 'IS NOT NULL' };

class ParseError extends Error {
  constructor(readonly error: SegmentError) {
    super(error.message);
  }
}

const spanOf = (t: Token): Span => ({ start: t.start, end: t.end });

export function parse(text: string): ParseResult {
  const { tokens, error } = lex(text);
  if (error) return { errors: [error] };
  if (tokens.length === 1) return { errors: [segmentError('segment.error.empty', { start: 0, end: text.length })] };
  try {
    return { ast: new Parser(tokens).query(), errors: [] };
  } catch (e) {
    if (e instanceof ParseError) return { errors: [e.error] };
    throw e;
  }
}

class Parser {
  private i = 0;
  private depth = 0;
  /** Whether the condition being read takes bare words as values (enum fields). */
  private bareWords = false;
  constructor(private readonly tokens: Token[]) {}

  private get tok(): Token {
    return this.tokens[this.i]!;
  }
  private peek(k = 1): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const t = this.tok;
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  private prevEnd(): number {
    return this.tokens[this.i - 1]!.end;
  }
  private isWord(t: Token, kw: string): boolean {
    return t.kind === 'word' && t.value.toLowerCase() === kw;
  }
  private fail(key: `segment.error.${string}`, t: Token, params: Record<string, string | number> = {}, suggestion?: string): never {
    throw new ParseError(segmentError(key, spanOf(t), params, suggestion));
  }

  query(): Expr {
    const e = this.or();
    const t = this.tok;
    if (t.kind === ')') this.fail('segment.error.unmatchedParen', t);
    if (t.kind !== 'eof') {
      const s = t.kind === 'word' ? closest(t.value, ['AND', 'OR']) : undefined;
      this.fail('segment.error.expectedAndOr', t, { found: t.text }, s);
    }
    return e;
  }

  private or(): Expr {
    let left = this.and();
    while (this.isWord(this.tok, 'or')) {
      this.next();
      const right = this.and();
      left = { kind: 'or', left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private and(): Expr {
    let left = this.unary();
    while (this.isWord(this.tok, 'and')) {
      this.next();
      const right = this.unary();
      left = { kind: 'and', left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.tok;
    if (this.isWord(t, 'not') || t.kind === '(') {
      if (++this.depth > MAX_DEPTH) this.fail('segment.error.tooDeep', t, { max: MAX_DEPTH });
      this.next();
      let e: Expr;
      if (t.kind === '(') {
        const inner = this.or();
        const close = this.tok;
        if (close.kind !== ')') this.fail('segment.error.expectedCloseParen', close, { found: close.text });
        this.next();
        // Parentheses leave no node; the span of what they hold widens to them.
        e = { ...inner, span: { start: t.start, end: close.end } };
      } else {
        const inner = this.unary();
        e = { kind: 'not', expr: inner, span: { start: t.start, end: inner.span?.end ?? t.end } };
      }
      this.depth--;
      return e;
    }
    return this.condition();
  }

  private field(): { field: string; span: Span } {
    const t = this.tok;
    if (t.kind !== 'word' || KEYWORDS.has(t.value.toLowerCase())) this.fail('segment.error.expectedField', t, { found: t.text });
    this.next();
    const lower = t.value.toLowerCase();
    if (lower.startsWith(CUSTOM_PREFIX)) {
      let name = t.value.slice(CUSTOM_PREFIX.length);
      let end = t.end;
      if (!name) {
        const s = this.tok;
        if (s.kind !== 'string' || s.start !== t.end || !s.value) this.fail('segment.error.customFieldName', t);
        this.next();
        name = s.value;
        end = s.end;
      }
      return { field: CUSTOM_PREFIX + name, span: { start: t.start, end } };
    }
    return { field: lower, span: spanOf(t) };
  }

  private condition(): Condition {
    const { field, span: fieldSpan } = this.field();
    // An enum's names are words, as Shopify writes them (rfm_group = champions): no quotes needed.
    this.bareWords = Object.hasOwn(FIELD_TYPES, field) && FIELD_TYPES[field as keyof typeof FIELD_TYPES] === 'enum';
    const t = this.tok;
    const opStart = t.start;
    let op: Op;
    let values: Value[] = [];
    let opEnd = t.end;
    const w = t.kind === 'word' ? t.value.toLowerCase() : '';
    if (t.kind === 'op') {
      this.next();
      op = t.value as Op;
      opEnd = this.prevEnd();
      values = [this.value()];
    } else if (w === 'between') {
      this.next();
      opEnd = this.prevEnd();
      const low = this.value();
      const and = this.tok;
      if (!this.isWord(and, 'and')) this.fail('segment.error.expectedBetweenAnd', and, { found: and.text });
      this.next();
      values = [low, this.value()];
      op = 'between';
    } else if (w === 'in') {
      this.next();
      op = 'in';
      opEnd = this.prevEnd();
      values = this.list();
    } else if (w === 'contains') {
      this.next();
      op = 'contains';
      opEnd = this.prevEnd();
      values = [this.value()];
    } else if (w === 'not') {
      this.next();
      const u = this.tok;
      if (this.isWord(u, 'in')) {
        this.next();
        op = 'not_in';
        opEnd = this.prevEnd();
        values = this.list();
      } else if (this.isWord(u, 'contains')) {
        this.next();
        op = 'not_contains';
        opEnd = this.prevEnd();
        values = [this.value()];
      } else {
        const s = u.kind === 'word' ? closest(u.value, ['IN', 'CONTAINS']) : undefined;
        this.fail('segment.error.expectedInOrContains', u, { found: u.text }, s);
      }
    } else if (w === 'starts') {
      this.next();
      const u = this.tok;
      if (!this.isWord(u, 'with')) this.fail('segment.error.expectedWith', u, { found: u.text }, u.kind === 'word' && closest(u.value, ['WITH']) ? 'WITH' : undefined);
      this.next();
      op = 'starts_with';
      opEnd = this.prevEnd();
      values = [this.value()];
    } else if (w === 'is') {
      this.next();
      let u = this.tok;
      op = 'is_null';
      if (this.isWord(u, 'not')) {
        this.next();
        u = this.tok;
        op = 'is_not_null';
      }
      if (!this.isWord(u, 'null')) this.fail('segment.error.expectedNull', u, { found: u.text }, u.kind === 'word' && closest(u.value, ['NULL']) ? 'NULL' : undefined);
      this.next();
      opEnd = this.prevEnd();
    } else {
      let suggestion: string | undefined;
      if (t.kind === 'word') {
        const phrase = closest(t.value.replace(/_/g, ''), Object.keys(OPERATOR_PHRASES));
        const word = closest(t.value, OPERATOR_WORDS);
        suggestion = phrase ? OPERATOR_PHRASES[phrase] : word;
      }
      this.fail('segment.error.expectedOperator', t, { field, found: t.text }, suggestion);
    }
    return { kind: 'cond', field, op, values, span: { start: fieldSpan.start, end: this.prevEnd() }, fieldSpan, opSpan: { start: opStart, end: opEnd } };
  }

  private list(): Value[] {
    const open = this.tok;
    if (open.kind !== '(') this.fail('segment.error.expectedOpenParen', open, { found: open.text });
    this.next();
    const values = [this.value()];
    for (;;) {
      const t = this.tok;
      if (t.kind === ',') {
        this.next();
        values.push(this.value());
      } else if (t.kind === ')') {
        this.next();
        return values;
      } else this.fail('segment.error.expectedCommaOrParen', t, { found: t.text });
    }
  }

  private value(): Value {
    const t = this.tok;
    const span = spanOf(t);
    switch (t.kind) {
      case 'string':
        this.next();
        return { kind: 'string', value: t.value, span };
      case 'number':
        this.next();
        return { kind: 'number', value: t.number!, span };
      case 'date':
        this.next();
        return { kind: 'date', value: t.value, span };
      case 'relative':
        this.next();
        return { kind: 'relative', amount: t.amount!, unit: t.unit!, span };
      case 'word': {
        const w = t.value.toLowerCase();
        if (w === 'today' || w === 'yesterday') {
          this.next();
          return { kind: 'relative', amount: w === 'today' ? 0 : -1, unit: 'd', span };
        }
        if (!KEYWORDS.has(w) && this.bareWords) {
          this.next();
          return { kind: 'string', value: t.value, span };
        }
        if (!KEYWORDS.has(w)) this.fail('segment.error.quoteText', t, { text: t.value }, `'${t.value}'`);
        break;
      }
    }
    this.fail('segment.error.expectedValue', t, { found: t.text });
  }
}

function join(a: Span | undefined, b: Span | undefined): Span | undefined {
  return a && b ? { start: a.start, end: b.end } : undefined;
}
