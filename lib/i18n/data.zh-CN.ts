import type { dataEn } from './data.en';

/** 简体中文: Import page, data page: backup/restore, merge, forget (components/owner/import, components/owner/data). */
export const dataZhCN: Record<keyof typeof dataEn, string> = {
};
