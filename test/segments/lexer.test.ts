// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { lex, MAX_QUERY_LENGTH } from '@/lib/segments/lexer';

const kinds = (text: string) => lex(text).tokens.map((t) => [t.kind, t.value]);

describe('lexer: tokens', () => {
  it.each([
    ['amount_spent >= 500', [['word', 'amount_spent'], ['op', '>='], ['number', '500'], ['eof', '']]],
    ['a<>1', [['word', 'a'], ['op', '!='], ['number', '1'], ['eof', '']]],
    ['a==1', [['word', 'a'], ['op', '='], ['number', '1'], ['eof', '']]],
    ['a<=-2.5', [['word', 'a'], ['op', '<='], ['number', '-2.5'], ['eof', '']]],
    ['x = 1e3', [['word', 'x'], ['op', '='], ['number', '1e3'], ['eof', '']]],
    ["'it\\'s'", [['string', "it's"], ['eof', '']]],
    ['"say \\"hi\\"\\n"', [['string', 'say "hi"\n'], ['eof', '']]],
    ["'\\u4e2d\\u{1F600}'", [['string', '中😀'], ['eof', '']]],
    ["'老客户'", [['string', '老客户'], ['eof', '']]],
    ['2026-01-31', [['date', '2026-01-31'], ['eof', '']]],
    ['-30d +2W -6m -1y', [['relative', '-30d'], ['relative', '+2W'], ['relative', '-6m'], ['relative', '-1y'], ['eof', '']]],
    ['field.会员等级', [['word', 'field.会员等级'], ['eof', '']]],
    ['(a,b)', [['(', '('], ['word', 'a'], [',', ','], ['word', 'b'], [')', ')'], ['eof', '']]],
    ['\u3000a\t', [['word', 'a'], ['eof', '']]],
    ['', [['eof', '']]],
  ])('%j', (text, expected) => {
    expect(lex(text).error).toBeUndefined();
    expect(kinds(text)).toEqual(expected);
  });

  it('relative dates carry a signed amount and a lower-case unit', () => {
    const [a, b] = lex('-30d +2W').tokens;
    expect([a!.amount, a!.unit, b!.amount, b!.unit]).toEqual([-30, 'd', 2, 'w']);
    expect(lex('-0d').tokens[0]!.amount).toBe(0);
    expect(Object.is(lex('-0').tokens[0]!.number, -0)).toBe(false);
  });

  it('tokens carry their offsets', () => {
    expect(lex("a  CONTAINS 'x'").tokens.map((t) => [t.start, t.end])).toEqual([
      [0, 1],
      [3, 11],
      [12, 15],
      [15, 15],
    ]);
  });
});

describe('lexer: errors point at the character', () => {
  it.each([
    ["a = 'vip", 'segment.error.unterminatedString', 4, 8],
    ['a = "x\\q"', 'segment.error.badEscape', 6, 8],
    ["a = '\\u12'", 'segment.error.badEscape', 5, 7],
    ['a = 2026-02-30', 'segment.error.badDate', 4, 14],
    ['a = 2025-02-29', 'segment.error.badDate', 4, 14],
    ['a < 30d', 'segment.error.relativeSign', 4, 7],
    ['a > 12abc', 'segment.error.badNumber', 4, 9],
    ['a > 1.', 'segment.error.badNumber', 4, 6],
    ['a ! 1', 'segment.error.unexpectedChar', 2, 3],
    ['a = 1 & b', 'segment.error.unexpectedChar', 6, 7],
    ['a = 😀', 'segment.error.unexpectedChar', 4, 6],
    ['a > 1e999', 'segment.error.badNumber', 4, 9],
  ])('%j → %s [%i, %i)', (text, message, start, end) => {
    const { error } = lex(text);
    expect(error).toMatchObject({ message, start, end });
  });

  it('a leap day is a date', () => {
    expect(lex('2024-02-29').error).toBeUndefined();
    expect(lex('2000-02-29').error).toBeUndefined();
    expect(lex('1900-02-29').error?.message).toBe('segment.error.badDate');
  });

  it('keeps the open string token for autocomplete', () => {
    const { tokens, error } = lex("a CONTAINS 'vi");
    expect(error?.message).toBe('segment.error.unterminatedString');
    expect(tokens.at(-1)).toMatchObject({ kind: 'string', value: 'vi', open: true });
  });

  it('refuses text longer than the limit', () => {
    expect(lex('a'.repeat(MAX_QUERY_LENGTH + 1)).error?.message).toBe('segment.error.tooLong');
  });
});
