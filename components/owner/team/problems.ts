import type { InviteResult, ServerUrlResult } from '@/lib/sync/server-url';
import type { TeamTranslate } from './team-ui';

/** Why this server address cannot be used, in the page's language (empty when it can). */
export function serverProblem(result: ServerUrlResult, t: TeamTranslate): string {
  return result.ok ? '' : t(`team.errors.server.${result.problem}`);
}

/** Why this pasted invite cannot be used (empty when it can). */
export function inviteProblem(result: InviteResult, t: TeamTranslate): string {
  if (result.ok) return '';
  return result.problem === 'no-code' ? t('team.errors.inviteMalformed') : t(`team.errors.server.${result.problem}`);
}
