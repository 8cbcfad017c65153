/** English text of the owner's pages: Background messages of the owner's lists (lib/db/service-lists and friends). */
export const listsServiceEn = {
  'segmentStore.errors.nameTaken': 'There is already a segment called “{name}”. Choose another name.',
  'segmentStore.errors.notFound': 'This segment no longer exists. It may have been deleted by a teammate.',
  // CSV export headers (lib/io/export): the first row of an exported file.
  'csv.header.name': 'Name',
  'csv.header.key': 'Customer key',
  'csv.header.all_keys': 'All keys',
  'csv.header.email': 'Email',
  'csv.header.phone': 'Phone',
  'csv.header.tags': 'Tags',
  'csv.header.number_of_orders': 'Orders',
  'csv.header.amount_spent': 'Amount spent',
  'csv.header.currency': 'Currency',
  'csv.header.avg_order_value': 'Average order value',
  'csv.header.first_order_date': 'First order',
  'csv.header.last_order_date': 'Last order',
  'csv.header.rfm_group': 'RFM group',
  'csv.header.lifecycle': 'Lifecycle stage',
  'csv.header.rfm_r': 'Recency score (R)',
  'csv.header.rfm_f': 'Frequency score (F)',
  'csv.header.rfm_m': 'Monetary score (M)',
  'csv.header.notes': 'Notes',
} as const;
