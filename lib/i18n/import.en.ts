/**
 * English text of lib/io/import: format names, whole-file errors and per-row problems.
 * Merged into en.ts by the lead. Params are substituted as text. A problem's texts take its
 * `line` as the {line} param: t(p.message, { ...p.params, line: p.line }).
 */
export const importEn = {
  // Recognised formats
  'import.format.shopify-orders': 'Shopify orders export',
  'import.format.shopify-customers': 'Shopify customers export',
  'import.format.woocommerce-orders': 'WooCommerce order export',
  'import.format.woocommerce-analytics': 'WooCommerce Analytics orders report',
  'import.format.taobao-orders': 'Taobao/Tmall order report (订单报表)',
  'import.format.generic': 'Other CSV file',

  // Whole-file errors: nothing from the file is imported
  'import.error.empty': 'The file is empty.',
  'import.error.spreadsheet': 'This is an Excel workbook, not a CSV file. Open it in Excel and save it as “CSV UTF-8”, then import that file.',
  'import.error.binary': 'This file is not a text file (it holds binary data). Choose the CSV file the platform exported.',
  'import.error.invalidText': 'The file’s text could not be read: it is neither UTF-8 nor GBK/GB18030. Save it as “CSV UTF-8” and try again.',
  'import.error.noHeader': 'The file has no header row.',
  'import.error.missingColumns': 'This looks like a {format} file, but these columns are missing: {columns}. Export it again with all columns.',
  'import.error.mappingRequired': 'The columns of this file were not recognised. Choose which column holds what.',
  'import.error.mappingColumns': 'The chosen columns are not in this file: {columns}.',
  'import.error.invalidMapping': 'The column choice is incomplete or invalid ({field}).',
  'import.error.invalidOption': 'The import setting {option} has an invalid value: {value}.',
  'import.error.tooManyRows': 'This file has more than {max} rows: nothing was imported. Export it again in parts (for example one year at a time) and import each part.',
  'import.error.truncated': 'The file ends in the middle of a quoted cell (the record starting on line {line}): it was probably cut off. Download the export again.',
  'import.error.recordTooLong': 'The record starting on line {line} never ends: a quote is probably missing. Check the file around that line.',

  // Per-row problems: the row is skipped (or the value left out), the rest is imported
  'import.problem.missingOrderId': 'Line {line}: no order number in column “{column}”; the row was skipped.',
  'import.problem.missingBuyer': 'Line {line}: order {orderId} has no buyer (no e-mail, name or customer id); it was skipped.',
  'import.problem.badBuyer': 'Line {line}: “{value}” is not a valid buyer identity for the chosen kind; the row was skipped.',
  'import.problem.badAmount': 'Line {line}: “{value}” in column “{column}” is not an amount; it was left out.',
  'import.problem.badDate': 'Line {line}: “{value}” in column “{column}” is not a date; it was left out.',
  'import.problem.badQuantity': 'Line {line}: “{value}” in column “{column}” is not a whole quantity; the item was left out.',
  'import.problem.noCurrency': 'Line {line}: the file does not say which currency “{column}” is in; choose a currency to import totals.',
  'import.problem.orderIdMangled': 'Line {line}: the order number “{value}” was rounded by a spreadsheet program and lost digits; the row was skipped. Import the file as exported, without opening and saving it in Excel.',
  'import.problem.duplicateOrder': 'Line {line}: order {orderId} already appeared on line {firstLine}; this row was skipped.',
  'import.problem.tooManyItems': 'Line {line}: order {orderId} has more than {max} items; the rest were left out.',
  'import.problem.invalidRecord': 'Line {line}: the row has an invalid value ({field}); it was skipped.',
  'import.problem.columnCount': 'Line {line}: the row has {found} cells where the header has {expected}; it was skipped.',
  'import.problem.malformedQuotes': 'Line {line}: a quote in this row is misplaced, so its cells cannot be read reliably; it was skipped.',
} as const;
