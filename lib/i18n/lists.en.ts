/** English text of the owner's pages: Customer table, segments, dashboard, export dialog (components/owner/customers). */
export const listsEn = {
} as const;
