/**
 * English for the sync status line (popup, options header, Team tab). Its own small dictionary,
 * not en.ts: en.ts ships in the content script, which has no room and no use for it. Short keys
 * and few reasons: the popup carries every byte of it in both languages.
 */
export const syncLineEn = {
  up: 'Up to date',
  synced: 'synced {when}',
  syncing: 'Syncing…',
  one: '1 change waiting',
  many: '{count} changes waiting',
  error: 'Can’t sync: {reason}',
  at: 'retrying at {time}',
  retry: 'Retry',
  revoked: 'Removed from the workspace',
  // Why, in a few words (the Team tab explains at length): sync.error.<code>, grouped.
  offline: 'server unreachable',
  server: 'server problem', // also rate-limited, bad-reply, invalid
  forbidden: 'not allowed for your role',
} as const;
