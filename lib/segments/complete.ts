import { BUILTIN_FIELDS, CUSTOM_PREFIX, ENUM_VALUES, OP_TEXT, OPS_BY_TYPE, fieldType, type FieldType, type Op } from './ast';
import { lex, wordCharAt, type Token } from './lexer';
import { KEYWORDS } from './parser';
import { printField, quote } from './print';

/**
 * Autocomplete: for text and a cursor offset, what may be typed there (fields, operators for the
 * field before, enum names or tag names as values, AND/OR/parentheses) and the range [from, to)
 * the chosen item replaces (the word or open string under the cursor; empty at a space).
 * It reads the tokens before the cursor with a small state machine, so half-typed and invalid
 * text still gets candidates for what comes next.
 */

export interface CompletionContext {
  /** The shop's tag names (values for customer_tags). */
  tags?: readonly string[];
  /** The shop's custom field names, without `field.`. */
  customFields?: readonly string[];
}

export type CompletionKind = 'field' | 'operator' | 'value' | 'keyword' | 'punctuation';

export interface CompletionItem {
  kind: CompletionKind;
  /** What to show. */
  label: string;
  /** What to put in place of [from, to). */
  insert: string;
}

export interface Completions {
  from: number;
  to: number;
  items: CompletionItem[];
}

/** Relative dates offered as examples for date fields. */
const DATE_EXAMPLES = ['today', '-7d', '-30d', '-90d', '-1y'];

type State =
  | { at: 'expr' }
  | { at: 'op'; field: string }
  | { at: 'opNot'; field: string }
  | { at: 'opStarts'; field: string }
  | { at: 'opIs' }
  | { at: 'opIsNot' }
  | { at: 'value'; field: string; between?: 'low' | 'high' }
  | { at: 'betweenAnd'; field: string }
  | { at: 'listOpen'; field: string }
  | { at: 'listValue'; field: string; seen: string[] }
  | { at: 'listNext'; field: string; seen: string[] }
  | { at: 'after' }
  | { at: 'dead' };


export function complete(text: string, cursor: number, context: CompletionContext = {}): Completions {
  cursor = Math.max(0, Math.min(text.length, Math.trunc(cursor) || 0));
  const { tokens, error } = lex(text.slice(0, cursor));
  const none: Completions = { from: cursor, to: cursor, items: [] };
  let ts = tokens.filter((t) => t.kind !== 'eof');
  let partial: Token | undefined;
  if (error) {
    const last = ts[ts.length - 1];
    if (!(error.message === 'segment.error.unterminatedString' && last?.open)) return none;
    partial = last;
  } else {
    const last = ts[ts.length - 1];
    if (last && last.end === cursor && (last.kind === 'word' || last.kind === 'number' || last.kind === 'relative' || last.kind === 'date')) partial = last;
  }
  if (partial) ts = ts.slice(0, -1);
  const { state, depth } = walk(ts);

  let from = cursor;
  let to = cursor;
  if (partial) {
    from = partial.start;
    if (partial.kind === 'word') for (let len = wordCharAt(text, to); len; len = wordCharAt(text, to)) to += len;
  }
  const typed = partial ? (partial.kind === 'string' ? partial.value : partial.text) : '';
  const quotedTyping = partial?.kind === 'string';
  return { from, to, items: filter(candidates(state, depth, context), typed, quotedTyping) };
}

interface Candidate extends CompletionItem {
  /** The text the typed prefix is matched against. */
  match: string;
}

function filter(cands: Candidate[], typed: string, quotedTyping: boolean): CompletionItem[] {
  const t = typed.toLowerCase();
  const usable = quotedTyping ? cands.filter((c) => c.kind === 'value' && c.insert.startsWith("'")) : cands;
  const starts = usable.filter((c) => c.match.toLowerCase().startsWith(t));
  const inside = t ? usable.filter((c) => !c.match.toLowerCase().startsWith(t) && c.match.toLowerCase().includes(t)) : [];
  return [...starts, ...inside].map(({ kind, label, insert }) => ({ kind, label, insert }));
}

const kw = (label: string, kind: CompletionKind = 'keyword'): Candidate => ({ kind, label, insert: label, match: label });
const quotedValue = (v: string): Candidate => ({ kind: 'value', label: v, insert: quote(v), match: v });

function candidates(state: State, depth: number, context: CompletionContext): Candidate[] {
  switch (state.at) {
    case 'expr': {
      const fields = [...BUILTIN_FIELDS, ...(context.customFields ?? []).map((n) => CUSTOM_PREFIX + n)];
      return [...fields.map((f) => ({ kind: 'field' as const, label: printField(f), insert: printField(f), match: printField(f) })), kw('NOT'), kw('(', 'punctuation')];
    }
    case 'op': {
      const type = fieldType(state.field);
      return type ? OPS_BY_TYPE[type].map((o) => kw(OP_TEXT[o], 'operator')) : [];
    }
    case 'opNot': {
      const ops = OPS_BY_TYPE[fieldType(state.field) ?? 'string'];
      return (['not_in', 'not_contains'] as Op[]).filter((o) => ops.includes(o)).map((o) => kw(OP_TEXT[o].slice(4), 'operator'));
    }
    case 'opStarts':
      return [kw('WITH', 'operator')];
    case 'opIs':
      return [kw('NULL', 'operator'), kw('NOT NULL', 'operator')];
    case 'opIsNot':
      return [kw('NULL', 'operator')];
    case 'value':
      return values(state.field, fieldType(state.field), context, []);
    case 'listValue':
      return values(state.field, fieldType(state.field), context, state.seen);
    case 'betweenAnd':
      return [kw('AND')];
    case 'listOpen':
      return [kw('(', 'punctuation')];
    case 'listNext':
      return [kw(',', 'punctuation'), kw(')', 'punctuation')];
    case 'after':
      return [kw('AND'), kw('OR'), ...(depth > 0 ? [kw(')', 'punctuation')] : [])];
    case 'dead':
      return [];
  }
}

function values(field: string, type: FieldType | undefined, context: CompletionContext, seen: string[]): Candidate[] {
  switch (type) {
    case 'enum':
      return ENUM_VALUES[field as keyof typeof ENUM_VALUES].filter((v) => !seen.includes(v)).map(quotedValue);
    case 'list':
      return [...new Set(context.tags ?? [])].map(quotedValue);
    case 'date':
      return DATE_EXAMPLES.map((d) => ({ kind: 'value' as const, label: d, insert: d, match: d }));
    default:
      return [];
  }
}

const isWord = (t: Token, w: string) => t.kind === 'word' && t.value.toLowerCase() === w;
const isValue = (t: Token) =>
  t.kind === 'string' || t.kind === 'number' || t.kind === 'date' || t.kind === 'relative' || isWord(t, 'today') || isWord(t, 'yesterday');

/** The state after the complete tokens before the cursor. */
function walk(ts: Token[]): { state: State; depth: number } {
  let state: State = { at: 'expr' };
  let depth = 0;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const w = t.kind === 'word' ? t.value.toLowerCase() : '';
    switch (state.at) {
      case 'expr':
        if (w === 'not') break;
        if (t.kind === '(') depth++;
        else if (t.kind === 'word' && !KEYWORDS.has(w)) {
          let field = w.startsWith(CUSTOM_PREFIX) ? CUSTOM_PREFIX + t.value.slice(CUSTOM_PREFIX.length) : w;
          if (w === CUSTOM_PREFIX && ts[i + 1]?.kind === 'string') field = CUSTOM_PREFIX + ts[++i]!.value;
          state = { at: 'op', field };
        } else state = { at: 'dead' };
        break;
      case 'op': {
        const f: string = state.field;
        if (t.kind === 'op' || w === 'contains') state = { at: 'value', field: f };
        else if (w === 'between') state = { at: 'value', field: f, between: 'low' };
        else if (w === 'in') state = { at: 'listOpen', field: f };
        else if (w === 'not') state = { at: 'opNot', field: f };
        else if (w === 'starts') state = { at: 'opStarts', field: f };
        else if (w === 'is') state = { at: 'opIs' };
        else state = { at: 'dead' };
        break;
      }
      case 'opNot':
        state = w === 'in' ? { at: 'listOpen', field: state.field } : w === 'contains' ? { at: 'value', field: state.field } : { at: 'dead' };
        break;
      case 'opStarts':
        state = w === 'with' ? { at: 'value', field: state.field } : { at: 'dead' };
        break;
      case 'opIs':
        state = w === 'not' ? { at: 'opIsNot' } : w === 'null' ? { at: 'after' } : { at: 'dead' };
        break;
      case 'opIsNot':
        state = w === 'null' ? { at: 'after' } : { at: 'dead' };
        break;
      case 'value':
        state = !isValue(t) ? { at: 'dead' } : state.between === 'low' ? { at: 'betweenAnd', field: state.field } : { at: 'after' };
        break;
      case 'betweenAnd':
        state = w === 'and' ? { at: 'value', field: state.field, between: 'high' } : { at: 'dead' };
        break;
      case 'listOpen':
        state = t.kind === '(' ? { at: 'listValue', field: state.field, seen: [] } : { at: 'dead' };
        break;
      case 'listValue':
        state = isValue(t) ? { at: 'listNext', field: state.field, seen: [...state.seen, t.value] } : { at: 'dead' };
        break;
      case 'listNext':
        state = t.kind === ',' ? { at: 'listValue', field: state.field, seen: state.seen } : t.kind === ')' ? { at: 'after' } : { at: 'dead' };
        break;
      case 'after':
        if (w === 'and' || w === 'or') state = { at: 'expr' };
        else if (t.kind === ')' && depth > 0) depth--;
        else state = { at: 'dead' };
        break;
      case 'dead':
        return { state, depth };
    }
  }
  return { state, depth };
}
