import { en } from './en';
import { zhCN } from './zh-CN';
import { segmentsEn } from './segments.en';
import { segmentsZhCN } from './segments.zh-CN';
import { importEn } from './import.en';
import { importZhCN } from './import.zh-CN';
import { listsServiceEn } from './lists-service.en';
import { listsServiceZhCN } from './lists-service.zh-CN';
import { dataServiceEn } from './data-service.en';
import { dataServiceZhCN } from './data-service.zh-CN';
import { teamServiceEn } from './team-service.en';
import { teamServiceZhCN } from './team-service.zh-CN';
import { dictionaryTranslator, type Language } from './index';

/**
 * What the background says to people: its error messages and export headers. The pages' own
 * words (the owner's lists and data UI) stay out of the service worker's bundle.
 */
const serviceEnglish = { ...en, ...segmentsEn, ...importEn, ...listsServiceEn, ...dataServiceEn, ...teamServiceEn } as const;
export type ServiceKey = keyof typeof serviceEnglish;

const SERVICE_DICTIONARIES: Record<Language, Record<ServiceKey, string>> = {
  en: serviceEnglish,
  'zh-CN': { ...zhCN, ...segmentsZhCN, ...importZhCN, ...listsServiceZhCN, ...dataServiceZhCN, ...teamServiceZhCN },
};

export function isServiceKey(key: string): key is ServiceKey {
  return Object.hasOwn(serviceEnglish, key);
}

/** A translator over this vocabulary. Parameters are substituted as text, never as markup. */
export function serviceTranslator(language: Language): (key: ServiceKey, params?: Record<string, string | number>) => string {
  return dictionaryTranslator(SERVICE_DICTIONARIES, serviceEnglish, language);
}
