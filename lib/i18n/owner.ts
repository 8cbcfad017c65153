import { en } from './en';
import { zhCN } from './zh-CN';
import { segmentsEn } from './segments.en';
import { segmentsZhCN } from './segments.zh-CN';
import { importEn } from './import.en';
import { importZhCN } from './import.zh-CN';
import { listsEn } from './lists.en';
import { listsZhCN } from './lists.zh-CN';
import { dataEn } from './data.en';
import { dataZhCN } from './data.zh-CN';
import { listsServiceEn } from './lists-service.en';
import { listsServiceZhCN } from './lists-service.zh-CN';
import { dataServiceEn } from './data-service.en';
import { dataServiceZhCN } from './data-service.zh-CN';
import { teamServiceEn } from './team-service.en';
import { teamServiceZhCN } from './team-service.zh-CN';
import { rolesEn } from './roles.en';
import { rolesZhCN } from './roles.zh-CN';
import { dictionaryTranslator, type Language } from './index';

/**
 * The owner's pages (options) and the background speak a larger vocabulary than a content
 * script: segments, import, lists and data on top of the shared one. Kept apart from en.ts so the
 * content script, which loads on every order list, does not carry it.
 */
const ownerEnglish = { ...en, ...segmentsEn, ...importEn, ...listsEn, ...dataEn, ...listsServiceEn, ...dataServiceEn, ...teamServiceEn, ...rolesEn } as const;
export type OwnerKey = keyof typeof ownerEnglish;

const OWNER_DICTIONARIES: Record<Language, Record<OwnerKey, string>> = {
  en: ownerEnglish,
  'zh-CN': { ...zhCN, ...segmentsZhCN, ...importZhCN, ...listsZhCN, ...dataZhCN, ...listsServiceZhCN, ...dataServiceZhCN, ...teamServiceZhCN, ...rolesZhCN },
};

export type OwnerTranslate = (key: OwnerKey, params?: Record<string, string | number>) => string;

export function isOwnerKey(key: string): key is OwnerKey {
  return Object.hasOwn(ownerEnglish, key);
}

/** A translator over this vocabulary. Parameters are substituted as text, never as markup. */
export function ownerTranslator(language: Language): OwnerTranslate {
  return dictionaryTranslator(OWNER_DICTIONARIES, ownerEnglish, language);
}
