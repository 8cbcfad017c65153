import { useMemo } from 'preact/hooks';
import { dictionaryTranslator } from '@/lib/i18n';
import type { OwnerKey } from '@/lib/i18n/owner';
import { teamEn } from '@/lib/i18n/team.en';
import { teamZhCN } from '@/lib/i18n/team.zh-CN';
import { useUi } from '../../ui-context';
import { useOwnerT } from '../owner-ui';

export type TeamKey = keyof typeof teamEn;
export type TeamTranslate = (key: OwnerKey | TeamKey, params?: Record<string, string | number>) => string;

const TEAM = { en: teamEn, 'zh-CN': teamZhCN };

/**
 * The Team tab's translator: its own words on top of the owner's (which hold the background's
 * team errors, `team.errors.*` and `sync.error.*`). Its dictionaries load with the tab's chunk.
 */
export function useTeamT(): TeamTranslate {
  const owner = useOwnerT();
  const { language } = useUi();
  return useMemo(() => {
    const team = dictionaryTranslator(TEAM, teamEn, language);
    return (key, params) => (Object.hasOwn(teamEn, key) ? team(key as TeamKey, params) : owner(key as OwnerKey, params));
  }, [owner, language]);
}
