import { useRef, useState } from 'preact/hooks';
import type { TeamAccount } from '@/lib/model/sync';
import { call } from '@/lib/rpc/owner-client';
import { parseInvite, parseServerUrl } from '@/lib/sync/server-url';
import { useTeamT } from './team-ui';
import { Field } from './Field';
import { FormEnd, NameField, useSending } from './form-parts';
import { inviteProblem, serverProblem } from './problems';

/** Join a workspace with the invite its owner sent: a link (the server comes with it) or a bare code. */
export function JoinForm({ onDone }: { onDone: (account: TeamAccount) => void }) {
  const t = useTeamT();
  const [invite, setInvite] = useState('');
  const [server, setServer] = useState('');
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const sending = useSending();
  const refs = { invite: useRef<HTMLInputElement>(null), server: useRef<HTMLInputElement>(null), name: useRef<HTMLInputElement>(null) };

  const parsedInvite = parseInvite(invite);
  // A bare code says nothing of where the team's server is: only then is it asked for.
  const needsServer = parsedInvite.ok && !parsedInvite.server;
  const parsedServer = parseServerUrl(server);
  const problems = {
    invite: invite.trim() ? inviteProblem(parsedInvite, t) : tried ? t('teamUi.join.inviteMissing') : '',
    server: needsServer && (server.trim() || tried) ? serverProblem(parsedServer, t) : '',
    name: tried && !name.trim() ? t('teamUi.nameMissing') : '',
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    sending.clear();
    const first = !parsedInvite.ok ? 'invite' : needsServer && !parsedServer.ok ? 'server' : !name.trim() ? 'name' : undefined;
    if (first) return refs[first].current?.focus();
    await sending.send(async () => {
      const args = { invite: invite.trim(), name: name.trim(), ...(needsServer && parsedServer.ok ? { server: parsedServer.url } : {}) };
      onDone(await call('team.join', args));
    });
  };

  return (
    <form class="card team-form" aria-labelledby="team-join-title" data-bl="team-join" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="team-join-title">{t('teamUi.join.title')}</h2>
      <p class="muted">{t('teamUi.join.intro')}</p>
      <Field
        id="team-join-invite"
        label={t('teamUi.join.invite')}
        value={invite}
        onInput={setInvite}
        hint={parsedInvite.ok && parsedInvite.server ? t('teamUi.join.serverFromLink', { server: parsedInvite.server }) : undefined}
        problem={problems.invite}
        inputRef={refs.invite}
      />
      {needsServer && (
        <Field
          id="team-join-server"
          label={t('teamUi.server')}
          value={server}
          onInput={setServer}
          placeholder="http://127.0.0.1:8787"
          hint={t('teamUi.join.serverHint')}
          problem={problems.server}
          inputRef={refs.server}
          />
      )}
      <NameField id="team-join-name" value={name} onInput={setName} problem={problems.name} inputRef={refs.name} />
      <FormEnd id="team-join" label={t('teamUi.join.submit')} sending={sending} />
    </form>
  );
}
