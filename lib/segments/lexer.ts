import { segmentError, type RelativeUnit, type SegmentError } from './ast';
import { isRealDate } from './dates';

/**
 * The lexer: query text → tokens with character offsets. It stops at the first error and
 * returns the tokens before it, which autocomplete uses on half-typed text.
 */

export type TokenKind = 'word' | 'string' | 'number' | 'date' | 'relative' | 'op' | '(' | ')' | ',' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  start: number;
  end: number;
  /** word: as written; string: the unescaped text; op: canonical ('<>' → '!=', '==' → '='). */
  value: string;
  /** number tokens. */
  number?: number;
  /** relative tokens: signed amount and unit. */
  amount?: number;
  unit?: RelativeUnit;
  /** A string token missing its closing quote (only with an error). */
  open?: boolean;
}

export interface LexResult {
  tokens: Token[];
  error?: SegmentError;
}

/** The longest query accepted. */
export const MAX_QUERY_LENGTH = 10_000;

const WORD_START = /^[\p{L}_]/u;
const WORD_PART = /^[\p{L}\p{N}\p{M}_.]/u;

/** The length (1 or 2 code units) of the word character at i, or 0. By code point, so 𠀀 is a letter. */
export function wordCharAt(text: string, i: number, start = false): number {
  const cp = text.codePointAt(i);
  if (cp === undefined) return 0;
  const ch = String.fromCodePoint(cp);
  return (start ? WORD_START : WORD_PART).test(ch) ? ch.length : 0;
}

function wordEnd(text: string, i: number): number {
  for (let len = wordCharAt(text, i); len; len = wordCharAt(text, i)) i += len;
  return i;
}
const DIGIT = /[0-9]/;
const SPACE = /[\s\u3000]/u;

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t', '0': '\0' };

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  const fail = (error: SegmentError): LexResult => ({ tokens, error });
  if (text.length > MAX_QUERY_LENGTH) return fail(segmentError('segment.error.tooLong', { start: MAX_QUERY_LENGTH, end: text.length }, { max: MAX_QUERY_LENGTH }));
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, value: c, start, end: ++i });
      continue;
    }
    if (c === '=' || c === '!' || c === '<' || c === '>') {
      const two = text.slice(i, i + 2);
      let op: string | undefined;
      if (two === '!=' || two === '<>') op = '!=';
      else if (two === '>=' || two === '<=') op = two;
      else if (two === '==') op = '=';
      if (op) i += 2;
      else if (c !== '!') {
        op = c;
        i++;
      } else return fail(segmentError('segment.error.unexpectedChar', { start, end: start + 1 }, { char: c }));
      tokens.push({ kind: 'op', text: text.slice(start, i), value: op, start, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      let closed = false;
      while (i < n) {
        const ch = text[i]!;
        if (ch === c) {
          closed = true;
          i++;
          break;
        }
        if (ch === '\\') {
          const e = text[i + 1];
          if (e === undefined) {
            i++;
            break;
          }
          if (e === 'u') {
            const m = /^u(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4}))/.exec(text.slice(i + 1, i + 11));
            const code = m ? parseInt(m[1] ?? m[2]!, 16) : NaN;
            if (!m || code > 0x10ffff) return fail(segmentError('segment.error.badEscape', { start: i, end: Math.min(n, i + 2 + (m ? m[0].length - 1 : 0)) }, { escape: text.slice(i, i + 2) }));
            value += String.fromCodePoint(code);
            i += 1 + m[0].length;
            continue;
          }
          const r = ESCAPES[e];
          if (r === undefined) return fail(segmentError('segment.error.badEscape', { start: i, end: i + 2 }, { escape: text.slice(i, i + 2) }));
          value += r;
          i += 2;
          continue;
        }
        value += ch;
        i++;
      }
      const token: Token = { kind: 'string', text: text.slice(start, i), value, start, end: i };
      if (!closed) {
        token.open = true;
        tokens.push(token);
        return fail(segmentError('segment.error.unterminatedString', { start, end: n }, { quote: c }));
      }
      tokens.push(token);
      continue;
    }
    if (DIGIT.test(c) || ((c === '-' || c === '+') && DIGIT.test(text[i + 1] ?? ''))) {
      const m = /^[-+]?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/.exec(text.slice(i, i + 400))!;
      let end = i + m[0].length;
      // A date: 2026-01-31.
      const d = /^[0-9]{4}-[0-9]{2}-[0-9]{2}/.exec(text.slice(i, i + 10));
      if (d && c !== '-' && c !== '+' && !wordCharAt(text, i + 10)) {
        end = i + 10;
        const t = text.slice(i, end);
        if (!isRealDate(t)) return fail(segmentError('segment.error.badDate', { start, end }, { text: t }));
        tokens.push({ kind: 'date', text: t, value: t, start, end });
        i = end;
        continue;
      }
      // A relative date: -30d, +2w, -6m, -1y (whole numbers with a unit).
      const rel = /^([-+]?)([0-9]+)([dwmyDWMY])(?![\p{L}\p{N}\p{M}_.])/u.exec(text.slice(i, i + 40));
      if (rel) {
        end = i + rel[0].length;
        const t = text.slice(i, end);
        if (!rel[1]) return fail(segmentError('segment.error.relativeSign', { start, end }, { text: t }));
        const amount = (rel[1] === '-' ? -1 : 1) * Number(rel[2]);
        if (!Number.isSafeInteger(amount)) return fail(segmentError('segment.error.badNumber', { start, end }, { text: t }));
        tokens.push({ kind: 'relative', text: t, value: t, start, end, amount: amount || 0, unit: rel[3]!.toLowerCase() as RelativeUnit });
        i = end;
        continue;
      }
      if (wordCharAt(text, end)) {
        const e = wordEnd(text, end);
        return fail(segmentError('segment.error.badNumber', { start, end: e }, { text: text.slice(start, e) }));
      }
      const t = text.slice(i, end);
      const num = Number(t);
      if (!Number.isFinite(num)) return fail(segmentError('segment.error.badNumber', { start, end }, { text: t }));
      tokens.push({ kind: 'number', text: t, value: t, start, end, number: num || 0 });
      i = end;
      continue;
    }
    if (wordCharAt(text, i, true)) {
      i = wordEnd(text, i);
      const t = text.slice(start, i);
      tokens.push({ kind: 'word', text: t, value: t, start, end: i });
      continue;
    }
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    return fail(segmentError('segment.error.unexpectedChar', { start, end: start + len }, { char: text.slice(start, start + len) }));
  }
  tokens.push({ kind: 'eof', text: '', value: '', start: n, end: n });
  return { tokens };
}

