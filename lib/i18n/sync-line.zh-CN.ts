import type { syncLineEn } from './sync-line.en';

/** 简体中文：同步状态行（弹出窗口、设置页顶部、团队页）。 */
export const syncLineZhCN: Record<keyof typeof syncLineEn, string> = {
  up: '已是最新',
  synced: '{when}同步',
  syncing: '正在同步…',
  one: '1 项改动待发送',
  many: '{count} 项改动待发送',
  error: '无法同步：{reason}',
  at: '{time} 重试',
  retry: '重试',
  revoked: '已被移出工作区',
  offline: '无法连接服务器',
  server: '服务器出错',
  forbidden: '你的角色无权操作',
};
