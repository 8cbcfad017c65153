/** English text of the owner's pages: Background messages of the owner's lists (lib/db/service-lists and friends). */
export const listsServiceEn = {
} as const;
