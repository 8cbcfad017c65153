import { useEffect, useRef, useState } from 'preact/hooks';
import { ROLES, type Role } from '@/lib/model/sync';
import type { RpcReply } from '@/lib/rpc/protocol';
import { call } from '@/lib/rpc/owner-client';
import { useUi } from '../../ui-context';
import { errorText } from '../owner-ui';
import { useTeamT } from './team-ui';
import { Field } from './Field';
import { capabilitiesOf, type Capability } from './role-lines';

type Invite = RpcReply<'team.invite'>;

/** Owner: a single-use invite for one person with one role, as a link to send privately. */
export function InviteSection({ onInvited }: { onInvited: () => void }) {
  const t = useTeamT();
  const { language } = useUi();
  // The least a new member needs; the owner picks more on purpose.
  const [role, setRole] = useState<Role>('agent');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [invite, setInvite] = useState<Invite & { name: string } | undefined>();
  const [copied, setCopied] = useState('');
  const linkField = useRef<HTMLInputElement>(null);
  // The new link: focused and selected, ready to copy.
  useEffect(() => void (invite && linkField.current?.focus()), [invite]);

  const list = (items: Capability[], type: 'conjunction' | 'disjunction') =>
    new Intl.ListFormat(language, { type }).format(items.map((c) => t(`teamUi.can.${c}`)));
  const roleLine = (r: Role) => {
    const { may, mayNot } = capabilitiesOf(r);
    if (mayNot.length === 0) return t('teamUi.roleLine.all');
    return `${t('teamUi.roleLine.may', { list: list(may, 'conjunction') })} ${t('teamUi.roleLine.mayNot', { list: list(mayNot, 'disjunction') })}`;
  };

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    setCopied('');
    try {
      const who = name.trim();
      const reply = await call('team.invite', { role, ...(who ? { name: who } : {}) });
      setInvite({ ...reply, name: who });
      setName('');
      onInvited();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!invite) return;
    try {
      await navigator.clipboard.writeText(invite.link);
      setCopied(t('teamUi.invite.copied'));
    } catch {
      // No clipboard access here: select the link so Ctrl+C (⌘C) copies it.
      linkField.current?.focus();
      linkField.current?.select();
      setCopied(t('teamUi.invite.copyByHand'));
    }
  };

  const expires = invite && new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(invite.expiresAt);
  return (
    <section class="card" aria-labelledby="team-invite-title" data-bl="team-invite">
      <h2 id="team-invite-title">{t('teamUi.invite.title')}</h2>
      <form onSubmit={(e) => void create(e)}>
        <fieldset class="team-roles">
          <legend>{t('teamUi.invite.role')}</legend>
          {ROLES.map((r) => (
            <label key={r} class="team-role">
              <input type="radio" name="team-invite-role" value={r} checked={role === r} data-bl={`team-invite-role-${r}`} onChange={() => setRole(r)} />
              <span>
                <span class="strong">{t(`teamUi.role.${r}`)}</span>
                <span class="muted" data-bl={`team-role-line-${r}`}>
                  {' '}
                  — {roleLine(r)}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field id="team-invite-name" label={t('teamUi.invite.name')} value={name} onInput={setName} hint={t('teamUi.invite.nameHint')} maxLength={100} />
        <button type="submit" class="primary" data-bl="team-invite-create" disabled={busy}>
          {busy ? t('teamUi.invite.creating') : t('teamUi.invite.create')}
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {invite && (
        <div class="team-link" data-bl="team-invite-result">
          <label for="team-invite-link">
            {invite.name ? t('teamUi.invite.linkFor', { name: invite.name }) : t('teamUi.invite.link')}
          </label>
          <div class="team-link-row">
            <input id="team-invite-link" ref={linkField} type="text" readOnly value={invite.link} data-bl="team-invite-link" onFocus={(e) => e.currentTarget.select()} />
            <button type="button" data-bl="team-invite-copy" onClick={() => void copy()}>
              {t('teamUi.invite.copy')}
            </button>
          </div>
          <p class="muted" data-bl="team-invite-expires">
            {t('teamUi.invite.expires', { when: expires! })} {t('teamUi.invite.private')}
          </p>
          <p class="saved" role="status">
            {copied}
          </p>
        </div>
      )}
    </section>
  );
}
