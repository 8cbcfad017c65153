import type { dataServiceEn } from './data-service.en';

/** 简体中文: Background messages of import, merge, forget, backup and restore (lib/db/service-data and friends). */
export const dataServiceZhCN: Record<keyof typeof dataServiceEn, string> = {
  'dataService.errors.jobNotFound': '这次导入或恢复已经结束：可能已完成、已取消，或超过一天未完成。请重新开始。',
  'dataService.errors.customerNotFound': '本店没有这位客户（可能已被合并或遗忘）。',
  'dataService.errors.mergeNeedsOthers': '请至少再选择一位客户合并到“{name}”。',
  'dataService.errors.mergeUnavailable': '无法合并“{name}”：该客户已被合并、已被遗忘，或属于其他店铺。',
  'dataService.errors.mergeKeepOutside': '要保留的信息必须来自参与合并的客户之一。',
  'dataService.errors.mergeNotFound': '找不到这次合并，可能已经撤销。',
  'dataService.errors.mergeSynced': '这次合并已同步到团队的服务器，无法再撤销。',
  'dataService.errors.backupTooNew':
    '此备份由较新版本的 BuyerLens 生成（备份版本 {version}，当前版本最高支持 {supported}）。请先更新 BuyerLens 再恢复。',
  'dataService.errors.backupRowInvalid': '备份文件已损坏：{table}中的第 {index} 条记录无效（{detail}）。未恢复任何数据。',
  'dataService.errors.backupCountMismatch':
    '备份文件不完整：{table}应有 {expected} 条记录，实际收到 {actual} 条。未恢复任何数据。',
  'dataService.export.unnamed': '客户',
  'dataService.table.shops': '店铺',
  'dataService.table.customers': '客户',
  'dataService.table.orders': '订单',
  'dataService.table.tags': '标签',
  'dataService.table.taggings': '标签记录',
  'dataService.table.notes': '备注',
  'dataService.table.actionStates': '跟进状态',
  'dataService.table.shopSettings': '店铺设置',
  'dataService.table.segments': '客户分群',
  'dataService.table.forgotten': '已遗忘的买家',
  'dataService.table.recipes': '站点规则',
} as const;
