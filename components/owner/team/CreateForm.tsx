import { useRef, useState } from 'preact/hooks';
import type { TeamAccount } from '@/lib/model/sync';
import { call } from '@/lib/rpc/owner-client';
import { parseServerUrl } from '@/lib/sync/server-url';
import { useTeamT } from './team-ui';
import { Field } from './Field';
import { FormEnd, NameField, useSending } from './form-parts';
import { serverProblem } from './problems';

/** Make a new workspace on the team's server, with this person as its owner. */
export function CreateForm({ onDone }: { onDone: (account: TeamAccount) => void }) {
  const t = useTeamT();
  const [server, setServer] = useState('');
  const [workspace, setWorkspace] = useState('');
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const sending = useSending();
  const refs = { server: useRef<HTMLInputElement>(null), workspace: useRef<HTMLInputElement>(null), name: useRef<HTMLInputElement>(null) };

  const parsed = parseServerUrl(server);
  // As people type: what is there is checked at once; what is missing only once they tried to send.
  const problems = {
    server: server.trim() || tried ? serverProblem(parsed, t) : '',
    workspace: tried && !workspace.trim() ? t('teamUi.create.workspaceMissing') : '',
    name: tried && !name.trim() ? t('teamUi.nameMissing') : '',
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    sending.clear();
    const first = !parsed.ok ? 'server' : !workspace.trim() ? 'workspace' : !name.trim() ? 'name' : undefined;
    if (first || !parsed.ok) return refs[first ?? 'server'].current?.focus();
    await sending.send(async () => {
      onDone(await call('team.create', { server: parsed.url, workspaceName: workspace.trim(), ownerName: name.trim() }));
    });
  };

  return (
    <form class="card team-form" aria-labelledby="team-create-title" data-bl="team-create" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="team-create-title">{t('teamUi.create.title')}</h2>
      <p class="muted">{t('teamUi.create.intro')}</p>
      <Field
        id="team-create-server"
        label={t('teamUi.server')}
        value={server}
        onInput={setServer}
        placeholder="http://127.0.0.1:8787"
        hint={t('teamUi.server.hint')}
        problem={problems.server}
        inputRef={refs.server}
      />
      <Field
        id="team-create-workspace"
        label={t('teamUi.create.workspace')}
        value={workspace}
        onInput={setWorkspace}
        problem={problems.workspace}
        inputRef={refs.workspace}
        maxLength={100}
      />
      <NameField id="team-create-name" value={name} onInput={setName} problem={problems.name} inputRef={refs.name} />
      <FormEnd id="team-create" label={t('teamUi.create.submit')} sending={sending} />
    </form>
  );
}
