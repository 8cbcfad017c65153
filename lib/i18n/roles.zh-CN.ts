import type { rolesEn } from './roles.en';

/** 简体中文：团队页加载前设置页就要用到的文字：标签页名称，以及角色不能做的事。 */
export const rolesZhCN: Record<keyof typeof rolesEn, string> = {
  'options.tab.team': '团队',
  'roles.agentNoBackup': '备份与合并由店主和销售负责：需要整理时请联系他们。',
  'roles.agentNoImport': '请让工作区的店主或销售导入店铺订单。',
  'roles.rulesOwnerOnly': '只有店主可以修改全团队的规则。',
  'roles.restoreInTeam': '恢复备份只适用于你自己的客户资料：团队共享的资料保存在同步服务器上。如需在此恢复备份，请先退出团队（“团队”标签页）。',
};
