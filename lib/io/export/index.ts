/**
 * CSV export (pure): cells, formatting and the formula guard. The background (lib/db/service-lists)
 * resolves the customers; the page joins the pages it gets and adds the UTF-8 BOM once.
 */
export { csvLines, guardCell, unguardCell, type Cell } from './csv';
export { dateText, moneyText } from './format';
export { exportCell, exportRow, type ExportSubject, type ExportWords } from './columns';
