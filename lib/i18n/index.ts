import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey };
export type Language = 'en' | 'zh-CN';
export type LanguageSetting = Language | 'auto';

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The language to show: the user's choice, else the browser's (any Chinese → zh-CN). */
export function resolveLanguage(setting: LanguageSetting, browserLanguages: readonly string[]): Language {
  if (setting !== 'auto') return setting;
  for (const lang of browserLanguages) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) return 'zh-CN';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator for one language. Parameters are substituted as text, never as markup. */
export function translator(language: Language): Translate {
  return dictionaryTranslator(DICTIONARIES, en, language);
}

/**
 * A translator over a set of dictionaries (the shared one, or a larger vocabulary such as the
 * owner's pages): the language's text, else English, else the key itself.
 */
export function dictionaryTranslator<K extends string>(
  dictionaries: Record<Language, Record<K, string>>,
  english: Record<K, string>,
  language: Language,
): (key: K, params?: Record<string, string | number>) => string {
  const dict = dictionaries[language];
  return (key, params) => {
    const template = dict[key] ?? english[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? formatParam(params[name]!, language) : whole,
    );
  };
}

function formatParam(value: string | number, language: Language): string {
  return typeof value === 'number' ? numberFormat(language).format(value) : value;
}

/**
 * Intl formatters are costly to build (tens of µs each) and an order list formats thousands of
 * figures: each one is built once per language and options, then reused.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

function numberFormat(language: Language): Intl.NumberFormat {
  return cached(`n|${language}`, () => new Intl.NumberFormat(language));
}

/** Format money held as integer minor units. */
export function formatMoney(amountMinor: number, currency: string, language: Language): string {
  const digits = currencyDigits(currency);
  const format = cached(
    `m|${language}|${currency}`,
    () => new Intl.NumberFormat(language, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits }),
  );
  return format.format(amountMinor / 10 ** digits);
}

const digitsByCurrency = new Map<string, number>();

function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

export function formatDate(iso: string | number, language: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return cached(`d|${language}`, () => new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', day: 'numeric' })).format(d);
}

export function formatDateTime(ms: number, language: Language): string {
  return cached(
    `dt|${language}`,
    () => new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
  ).format(new Date(ms));
}
