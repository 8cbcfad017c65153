/** English text of the owner's pages: Background messages of import, merge, forget, backup and restore (lib/db/service-data and friends). */
export const dataServiceEn = {
} as const;
