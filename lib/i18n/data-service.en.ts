/** English text of the owner's pages: Background messages of import, merge, forget, backup and restore (lib/db/service-data and friends). */
export const dataServiceEn = {
  'dataService.errors.jobNotFound':
    'This import or restore is no longer open: it has finished, was cancelled, or was left unfinished for over a day. Start it again.',
  'dataService.errors.customerNotFound': 'This customer is not in this shop (they may have been merged or forgotten).',
  'dataService.errors.mergeNeedsOthers': 'Choose at least one other customer to merge into {name}.',
  'dataService.errors.mergeUnavailable':
    '“{name}” cannot be merged: they have already been merged, were forgotten, or belong to another shop.',
  'dataService.errors.mergeKeepOutside': 'The value to keep must come from one of the customers being merged.',
  'dataService.errors.mergeNotFound': 'This merge cannot be found: it may already have been undone.',
  'dataService.errors.mergeSynced':
    'This merge has already been sent to your team’s sync server, so it can no longer be undone.',
  'dataService.errors.backupTooNew':
    'This backup was made by a newer BuyerLens (backup version {version}; this one reads up to version {supported}). Update BuyerLens, then restore it.',
  'dataService.errors.backupRowInvalid':
    'The backup is damaged: record {index} of {table} is not valid ({detail}). Nothing was restored.',
  'dataService.errors.backupCountMismatch':
    'The backup is incomplete: {table} should hold {expected} records but {actual} arrived. Nothing was restored.',
  'dataService.export.unnamed': 'customer',
  'dataService.table.shops': 'shops',
  'dataService.table.customers': 'customers',
  'dataService.table.orders': 'orders',
  'dataService.table.tags': 'tags',
  'dataService.table.taggings': 'tag assignments',
  'dataService.table.notes': 'notes',
  'dataService.table.actionStates': 'action states',
  'dataService.table.shopSettings': 'shop settings',
  'dataService.table.segments': 'segments',
  'dataService.table.forgotten': 'forgotten buyers',
  'dataService.table.recipes': 'site recipes',
} as const;
