import type { TeamAccount } from '@/lib/model/sync';
import { useTeamT } from './team-ui';
import { CreateForm } from './CreateForm';
import { JoinForm } from './JoinForm';

export interface NotInTeamProps {
  readonly onJoined: (account: TeamAccount) => void;
  /** Just left a workspace: say so, and what happened to the changes not yet sent. */
  readonly left?: { workspace: string; pending: number };
}

/** In no team yet: what a team is, then the two ways in (create a workspace, or join one). */
export function NotInTeam({ onJoined, left }: NotInTeamProps) {
  const t = useTeamT();
  return (
    <div class="team-view" data-bl="team-off">
      {left && (
        <p class="saved team-left" role="status" data-bl="team-left">
          {t('teamUi.left', { workspace: left.workspace })}{' '}
          {left.pending > 0 && (left.pending === 1 ? t('teamUi.left.pendingOne') : t('teamUi.left.pending', { count: left.pending }))}
        </p>
      )}
      <section class="card team-intro" aria-labelledby="team-intro-title">
        <h2 id="team-intro-title">{t('teamUi.intro.title')}</h2>
        <p>{t('teamUi.intro.what')}</p>
        <p class="muted">{t('teamUi.intro.where')}</p>
      </section>
      <div class="team-choices">
        <CreateForm onDone={onJoined} />
        <JoinForm onDone={onJoined} />
      </div>
    </div>
  );
}
