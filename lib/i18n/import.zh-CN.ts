import type { importEn } from './import.en';

/** lib/io/import 的简体中文文字。由 lead 合并进 zh-CN.ts。 */
export const importZhCN: Record<keyof typeof importEn, string> = {
  'import.format.shopify-orders': 'Shopify 订单导出',
  'import.format.shopify-customers': 'Shopify 客户导出',
  'import.format.woocommerce-orders': 'WooCommerce 订单导出',
  'import.format.woocommerce-analytics': 'WooCommerce 分析订单报表',
  'import.format.taobao-orders': '淘宝/天猫订单报表',
  'import.format.generic': '其他 CSV 文件',

  'import.error.empty': '文件是空的。',
  'import.error.spreadsheet': '这是 Excel 工作簿，不是 CSV 文件。请在 Excel 中打开并另存为“CSV UTF-8”，再导入该文件。',
  'import.error.binary': '这不是文本文件（含有二进制数据）。请选择平台导出的 CSV 文件。',
  'import.error.invalidText': '无法读取文件文字：既不是 UTF-8，也不是 GBK/GB18030。请另存为“CSV UTF-8”后重试。',
  'import.error.noHeader': '文件没有表头行。',
  'import.error.missingColumns': '这像是{format}文件，但缺少以下列：{columns}。请重新导出并包含全部列。',
  'import.error.mappingRequired': '无法识别此文件的列，请指定每一列的含义。',
  'import.error.mappingColumns': '所选的列不在此文件中：{columns}。',
  'import.error.invalidMapping': '列的对应设置不完整或无效（{field}）。',
  'import.error.invalidOption': '导入设置 {option} 的值无效：{value}。',
  'import.error.tooManyRows': '这个文件超过 {max} 行，未导入任何内容。请分段重新导出（例如每次导出一年），再逐个导入。',
  'import.error.truncated': '文件在引号括起的单元格中间结束（从第 {line} 行开始的记录），可能下载不完整。请重新下载导出文件。',
  'import.error.recordTooLong': '从第 {line} 行开始的记录没有结束，可能缺少一个引号。请检查该行附近的内容。',

  'import.problem.missingOrderId': '第 {line} 行：“{column}”列没有订单编号，已跳过该行。',
  'import.problem.missingBuyer': '第 {line} 行：订单 {orderId} 没有买家（无邮箱、名称或客户编号），已跳过。',
  'import.problem.badBuyer': '第 {line} 行：“{value}”不是所选类型的有效买家标识，已跳过该行。',
  'import.problem.badAmount': '第 {line} 行：“{column}”列的“{value}”不是金额，已略去。',
  'import.problem.badDate': '第 {line} 行：“{column}”列的“{value}”不是日期，已略去。',
  'import.problem.badQuantity': '第 {line} 行：“{column}”列的“{value}”不是整数数量，已略去该商品。',
  'import.problem.noCurrency': '第 {line} 行：文件未说明“{column}”的币种；请选择币种以导入金额。',
  'import.problem.orderIdMangled': '第 {line} 行：订单编号“{value}”已被表格软件四舍五入、丢失了位数，已跳过该行。请直接导入导出的原文件，不要用 Excel 打开后再保存。',
  'import.problem.duplicateOrder': '第 {line} 行：订单 {orderId} 已在第 {firstLine} 行出现，已跳过该行。',
  'import.problem.tooManyItems': '第 {line} 行：订单 {orderId} 的商品超过 {max} 件，其余已略去。',
  'import.problem.invalidRecord': '第 {line} 行：该行有无效的值（{field}），已跳过。',
  'import.problem.columnCount': '第 {line} 行：该行有 {found} 个单元格，而表头有 {expected} 个，已跳过。',
  'import.problem.malformedQuotes': '第 {line} 行：该行的引号位置有误，单元格无法可靠读取，已跳过。',
};
