import { useEffect, useRef, useState } from 'preact/hooks';
import type { RpcReply } from '@/lib/rpc/protocol';
import { call } from '@/lib/rpc/owner-client';
import { useUi } from '../../ui-context';
import { errorText } from '../owner-ui';
import { useTeamT } from './team-ui';

type Member = RpcReply<'team.members'>['members'][number];

/** How often an open members list asks the server who is in the team. */
export const MEMBERS_REFRESH_MS = 5_000;

/** Owner: everyone who joined, and revoking one (they are refused from their next request on). */
export function MembersSection({ version }: { version: number }) {
  const t = useTeamT();
  const { language } = useUi();
  const [members, setMembers] = useState<Member[] | undefined>();
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const title = useRef<HTMLHeadingElement>(null);

  const load = () =>
    call('team.members', {}).then(
      ({ members }) => setMembers(members),
      (err: unknown) => setError(errorText(err, t)),
    );
  useEffect(() => void load(), [version]);
  // Someone joins with an invite on their own computer: the list shows them without a reload.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, MEMBERS_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => void (confirming && confirmButton.current?.focus()), [confirming]);

  const revoke = async (member: Member) => {
    setBusy(true);
    setError('');
    try {
      await call('team.revoke', { memberId: member.memberId });
      setStatus(t('teamUi.members.revoked', { name: member.name }));
      setConfirming(undefined);
      await load();
      // The row's buttons are gone: keep focus in the section.
      title.current?.focus();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  return (
    <section class="card" aria-labelledby="team-members-title" data-bl="team-members">
      <h2 id="team-members-title" tabIndex={-1} ref={title}>
        {t('teamUi.members.title')}
      </h2>
      {members === undefined ? (
        !error && <p class="muted">{t('lists.loading')}</p>
      ) : members.length <= 1 ? (
        <p class="muted" data-bl="team-members-alone">
          {t('teamUi.members.alone')}
        </p>
      ) : null}
      {members && members.length > 0 && (
        <table class="team-members">
          <thead>
            <tr>
              <th scope="col">{t('teamUi.members.name')}</th>
              <th scope="col">{t('teamUi.members.role')}</th>
              <th scope="col">{t('teamUi.members.joined')}</th>
              <th scope="col">{t('teamUi.members.state')}</th>
              <th scope="col">
                <span class="sr">{t('teamUi.members.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.memberId} data-bl="team-member" class={m.revoked ? 'revoked' : undefined}>
                <td>
                  {m.name}
                  {m.you && <span class="you"> ({t('teamUi.members.you')})</span>}
                </td>
                <td>{t(`teamUi.role.${m.role}`)}</td>
                <td>
                  <time dateTime={new Date(m.joinedAt).toISOString()}>{date.format(m.joinedAt)}</time>
                </td>
                <td>{m.revoked ? t('teamUi.members.isRevoked') : t('teamUi.members.active')}</td>
                <td class="actions">
                  {!m.you && !m.revoked && confirming !== m.memberId && (
                    <button
                      type="button"
                      class="danger"
                      data-bl="team-revoke"
                      aria-label={t('teamUi.members.revokeWho', { name: m.name })}
                      onClick={() => setConfirming(m.memberId)}
                    >
                      {t('teamUi.members.revoke')}
                    </button>
                  )}
                  {confirming === m.memberId && (
                    <div
                      class="confirm"
                      role="alertdialog"
                      aria-label={t('teamUi.members.revokeWho', { name: m.name })}
                      data-bl="team-revoke-confirm"
                      onKeyDown={(e) => e.key === 'Escape' && !busy && setConfirming(undefined)}
                    >
                      <span>{t('teamUi.members.revokeQuestion', { name: m.name })}</span>
                      <button type="button" ref={confirmButton} class="danger" data-bl="team-revoke-yes" disabled={busy} onClick={() => void revoke(m)}>
                        {t('teamUi.members.revoke')}
                      </button>
                      <button type="button" disabled={busy} onClick={() => setConfirming(undefined)}>
                        {t('lists.cancel')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="saved" role="status">
        {status}
      </p>
    </section>
  );
}
