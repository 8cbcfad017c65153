/** English text of the owner's pages: Import page, data page: backup/restore, merge, forget (components/owner/import, components/owner/data). */
export const dataEn = {
} as const;
