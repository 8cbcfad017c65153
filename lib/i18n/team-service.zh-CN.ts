import type { teamServiceEn } from './team-service.en';

/** 简体中文：后台关于团队同步的提示（加入、邀请或同步失败的原因）。 */
export const teamServiceZhCN: Record<keyof typeof teamServiceEn, string> = {
  'team.errors.server.empty': '请输入团队同步服务器的地址（演示环境：http://127.0.0.1:8787）。',
  'team.errors.server.malformed': '这不是服务器地址，格式应类似 https://team.example.com。',
  'team.errors.server.insecure': '客户数据只能加密传输：请使用 https:// 地址（仅本机上的服务器可以用 http://）。',
  'team.errors.server.credentials': '地址中请不要包含用户名和密码：成员通过邀请加入。',
  'team.errors.inviteMalformed': '这不是邀请。请粘贴店主发给你的完整链接（包含“#”），或邀请码。',
  'team.errors.notInTeam': '此浏览器尚未加入团队。',
  'team.errors.ownerOnly': '只有工作区的店主可以管理成员。',
  'team.errors.revokeSelf': '不能移除自己。可以退出团队，或请另一位店主操作。',
  'team.errors.reason.invite-unknown': '服务器不认识这个邀请：请确认粘贴完整，或请店主重新邀请。',
  'team.errors.reason.invite-used': '此邀请已被使用。每个邀请只供一人使用：请店主重新邀请。',
  'team.errors.reason.invite-expired': '此邀请已过期（有效期 7 天）。请店主重新邀请。',
  'team.errors.reason.signup-closed': '此服务器不再创建新的工作区。请向它的店主索取邀请。',
  'team.errors.reason.forbidden': '你的角色无权进行此操作。',
  'team.errors.reason.revoked': '店主已将你移出此工作区。',
  'team.errors.reason.last-owner': '工作区至少需要一位店主。',
  'team.errors.reason.member-unknown': '此成员不在工作区中。',
  'sync.error.offline': '无法连接同步服务器。改动保存在本机，恢复连接后自动发送。',
  'sync.error.server': '同步服务器出现问题，BuyerLens 会自动重试。',
  'sync.error.rate-limited': '同步服务器要求放慢请求，稍后自动重试。',
  'sync.error.revoked': '店主已将你移出此工作区，改动不再发送。请使用新的邀请重新加入。',
  'sync.error.forbidden': '同步服务器拒绝了你的角色的此项请求。',
  'sync.error.bad-reply': '同步服务器的回复无法读取（地址是否正确、服务器是否为最新版本？）。',
  'sync.error.invalid': '同步服务器拒绝了此请求。',
};
