import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, isMessageKey, resolveLanguage, translator } from '@/lib/i18n';
import { en } from '@/lib/i18n/en';
import { zhCN } from '@/lib/i18n/zh-CN';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('en and zh-CN have exactly the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('every message has text in both languages', () => {
    for (const [key, text] of Object.entries(en)) expect(text.trim(), key).not.toBe('');
    for (const [key, text] of Object.entries(zhCN)) expect(text.trim(), key).not.toBe('');
  });

  it('every {param} of an English message exists in its Chinese message, and no other', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });
});

describe('resolveLanguage', () => {
  it.each([
    ['en', ['zh-CN'], 'en'],
    ['zh-CN', ['en-US'], 'zh-CN'],
    ['auto', ['zh-CN', 'en'], 'zh-CN'],
    ['auto', ['zh-TW'], 'zh-CN'],
    ['auto', ['zh'], 'zh-CN'],
    ['auto', ['ZH-hk'], 'zh-CN'],
    ['auto', ['en-GB', 'zh-CN'], 'en'],
    ['auto', ['fr-FR', 'de', 'zh-CN'], 'zh-CN'],
    ['auto', ['fr-FR', 'en-US'], 'en'],
    ['auto', ['fr-FR'], 'en'],
    ['auto', [], 'en'],
  ] as const)('setting %s with browser languages %j → %s', (setting, browser, expected) => {
    expect(resolveLanguage(setting, browser)).toBe(expected);
  });
});

describe('translator', () => {
  it('translates per language and substitutes parameters', () => {
    expect(translator('en')('chips.addFor', { name: '张三' })).toBe('Tag 张三');
    expect(translator('zh-CN')('chips.addFor', { name: '张三' })).toBe('给 张三 打标签');
    expect(translator('en')('bulk.selected', { count: 3, buyers: 2 })).toBe('3 orders selected · 2 buyers');
  });

  it('formats number parameters for the language', () => {
    expect(translator('en')('editor.applied', { count: 12345, tag: 'VIP' })).toBe('Tagged 12,345 buyers with “VIP”');
  });

  it('inserts parameters as plain text: markup stays literal, braces in values are not expanded', () => {
    const t = translator('en');
    const evil = '<img src=x onerror=alert(1)>';
    expect(t('chips.remove', { tag: evil })).toBe(`Remove tag ${evil}`);
    expect(t('editor.applied', { count: 1, tag: '{count}' })).toBe('Tagged 1 buyers with “{count}”');
    expect(t('chips.remove', { tag: '$& $1' })).toBe('Remove tag $& $1');
  });

  it('leaves a placeholder visible when its parameter is missing, and ignores prototype names', () => {
    const t = translator('en');
    expect(t('chips.addFor', {})).toBe('Tag {name}');
    expect(t('chips.addFor')).toBe('Tag {name}');
    expect(t('chips.addFor', { toString: 'x' } as Record<string, string>)).toBe('Tag {name}');
  });

  it('isMessageKey tells keys from arbitrary text', () => {
    expect(isMessageKey('tag.errors.empty')).toBe(true);
    expect(isMessageKey('A tag needs a name.')).toBe(false);
    expect(isMessageKey('constructor')).toBe(false);
    expect(isMessageKey('__proto__')).toBe(false);
  });
});

describe('formatMoney: integer minor units, never floats', () => {
  it.each([
    [123450, 'CNY', 'zh-CN', '¥1,234.50'],
    [123450, 'CNY', 'en', '¥1,234.50'],
    [123450, 'USD', 'en', '$1,234.50'],
    [123450, 'EUR', 'zh-CN', '€1,234.50'],
    [5, 'CNY', 'en', '¥0.05'],
    [0, 'CNY', 'en', '¥0.00'],
    [1234, 'JPY', 'en', '¥1,234'],
    [100_000_000_000, 'CNY', 'en', '¥1,000,000,000.00'],
  ] as const)('%d %s in %s → %s', (amount, currency, language, expected) => {
    expect(formatMoney(amount, currency, language)).toBe(expected);
  });

  it('uses three decimals for three-decimal currencies', () => {
    expect(formatMoney(1234, 'KWD', 'en')).toMatch(/1\.234$/);
  });
});

describe('formatDate', () => {
  it('formats a date and gives an empty string for an invalid one', () => {
    expect(formatDate('2026-11-02T10:15:00Z', 'en')).toBe('Nov 2, 2026');
    expect(formatDate('2026-11-02T10:15:00Z', 'zh-CN')).toBe('2026年11月2日');
    expect(formatDate('not a date', 'en')).toBe('');
  });
});
