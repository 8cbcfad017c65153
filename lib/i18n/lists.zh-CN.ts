import type { listsEn } from './lists.en';

/** 简体中文: Customer table, segments, dashboard, export dialog (components/owner/customers). */
export const listsZhCN: Record<keyof typeof listsEn, string> = {
};
