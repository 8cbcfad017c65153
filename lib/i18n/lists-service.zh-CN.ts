import type { listsServiceEn } from './lists-service.en';

/** 简体中文: Background messages of the owner's lists (lib/db/service-lists and friends). */
export const listsServiceZhCN: Record<keyof typeof listsServiceEn, string> = {
};
