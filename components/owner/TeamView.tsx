import { useEffect, useState } from 'preact/hooks';
import type { TeamAccount } from '@/lib/model/sync';
import { call } from '@/lib/rpc/owner-client';
import { useSyncStatus } from '../use-sync-status';
import { errorText } from './owner-ui';
import { useTeamT } from './team/team-ui';
import { NotInTeam } from './team/NotInTeam';
import { TeamCard } from './team/TeamCard';
import { MembersSection } from './team/MembersSection';
import { InviteSection } from './team/InviteSection';
import './team/team.css';

/**
 * The Team tab: join or create a workspace on the team's own server; once in one, where sync
 * stands, leaving, and (owners) the members and invites.
 */
export function TeamView() {
  const t = useTeamT();
  const sync = useSyncStatus(call);
  // undefined: still asking; null: in no team.
  const [account, setAccount] = useState<TeamAccount | null | undefined>();
  const [error, setError] = useState('');
  const [arrived, setArrived] = useState(false);
  const [left, setLeft] = useState<{ workspace: string; pending: number } | undefined>();
  const [invited, setInvited] = useState(0);

  const load = () =>
    call('team.get', {}).then(
      ({ account }) => setAccount(account ?? null),
      (err: unknown) => setError(errorText(err, t)),
    );
  useEffect(() => void load(), []);
  // The background learns it was revoked on a sync round: follow it.
  useEffect(() => {
    if (sync.status && account !== undefined && (sync.status.state === 'off') !== (account === null)) void load();
  }, [sync.status?.state]);

  const joined = (next: TeamAccount) => {
    setLeft(undefined);
    setArrived(true);
    setAccount(next);
    void sync.refresh();
  };

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (account === undefined) return <p class="muted">{t('lists.loading')}</p>;
  if (account === null) return <NotInTeam onJoined={joined} left={left} />;
  const owner = account.role === 'owner';
  return (
    <div class="team-view" data-bl="team-view">
      <TeamCard
        account={account}
        sync={sync}
        focusOnMount={arrived}
        onLeft={(pending) => {
          setLeft({ workspace: account.workspaceName, pending });
          setAccount(null);
          void sync.refresh();
        }}
      />
      {owner && <InviteSection onInvited={() => setInvited((n) => n + 1)} />}
      {owner && <MembersSection version={invited} />}
    </div>
  );
}
