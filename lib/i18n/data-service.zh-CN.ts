import type { dataServiceEn } from './data-service.en';

/** 简体中文: Background messages of import, merge, forget, backup and restore (lib/db/service-data and friends). */
export const dataServiceZhCN: Record<keyof typeof dataServiceEn, string> = {
};
