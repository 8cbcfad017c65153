import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TeamView } from '@/components/owner/TeamView';
import type { Role, SyncStatus, TeamAccount } from '@/lib/model/sync';
import { EVIL, renderUi } from '../../ui';

type Args = Record<string, unknown>;
const rpc = vi.hoisted(() => ({ call: vi.fn<(name: string, args: Args) => Promise<unknown>>() }));
vi.mock('@/lib/rpc/owner-client', () => ({ call: rpc.call }));

const SERVER = 'https://team.example.com';
const CODE = 'k3J9xQ2mPz7aWv4B';
const LINK = `${SERVER}/join#${CODE}`;

function account(role: Role, overrides: Partial<TeamAccount> = {}): TeamAccount {
  return { server: SERVER, workspaceId: 'w1', workspaceName: 'Blossom Teas', memberId: 'm_me', memberName: 'Mei', role, ...overrides };
}

const OFF: SyncStatus = { state: 'off', pending: 0, rejected: [] };

/** The background, as far as the Team tab sees it. */
let team: { account?: TeamAccount; status: SyncStatus };
let members: { memberId: string; name: string; role: Role; joinedAt: number; revoked: boolean; you: boolean }[];
let fail: Partial<Record<string, string>>;
let hold: Partial<Record<string, Promise<void>>>;

beforeEach(() => {
  fakeBrowser.reset();
  team = { status: OFF };
  members = [];
  fail = {};
  hold = {};
  rpc.call.mockReset();
  rpc.call.mockImplementation(async (name, args) => {
    await hold[name];
    if (fail[name]) throw new Error(fail[name]);
    switch (name) {
      case 'team.get':
        return structuredClone(team);
      case 'sync.status':
        return structuredClone(team.status);
      case 'sync.now':
        team.status = { ...team.status, state: 'up-to-date', pending: 0, lastSyncedAt: Date.now() };
        return structuredClone(team.status);
      case 'team.create': {
        team.account = account('owner', { server: args.server as string, workspaceName: args.workspaceName as string, memberName: args.ownerName as string });
        team.status = { state: 'up-to-date', pending: 0, rejected: [], role: 'owner', lastSyncedAt: Date.now() };
        return structuredClone(team.account);
      }
      case 'team.join': {
        team.account = account('seller', { memberName: args.name as string });
        team.status = { state: 'up-to-date', pending: 0, rejected: [], role: 'seller', lastSyncedAt: Date.now() };
        return structuredClone(team.account);
      }
      case 'team.members':
        return { members: structuredClone(members) };
      case 'team.invite':
        return { code: CODE, link: LINK, expiresAt: Date.UTC(2026, 2, 17, 9, 30) };
      case 'team.revoke':
        members = members.map((m) => (m.memberId === args.memberId ? { ...m, revoked: true } : m));
        return { memberId: args.memberId };
      case 'team.leave': {
        const { pending } = team.status;
        team = { status: { ...OFF, pending } };
        return { pending };
      }
      default:
        throw new Error(`unexpected call ${name}`);
    }
  });
});

afterEach(cleanup);

const calls = (name: string) => rpc.call.mock.calls.filter(([n]) => n === name).map(([, a]) => a);
const bl = (name: string) => document.querySelector<HTMLElement>(`[data-bl="${name}"]`);
const type = (label: string | RegExp, value: string, root: HTMLElement = document.body) => fireEvent.input(within(root).getByLabelText(label), { target: { value } });
const form = (name: 'team-create' | 'team-join') => bl(name)!;

async function open(language: 'en' | 'zh-CN' = 'en') {
  renderUi(<TeamView />, { language });
  await waitFor(() => expect(bl('team-off') ?? bl('team-view')).toBeTruthy());
}

describe('Team tab, in no team', () => {
  it('says what a team is and where the data goes, and offers both ways in', async () => {
    await open();
    expect(screen.getByRole('heading', { name: 'Work as a team' })).toBeTruthy();
    expect(bl('team-off')!.textContent).toContain('shared through your team’s own sync server, and nothing goes anywhere else');
    expect(screen.getByRole('heading', { name: 'Create a workspace' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Join with an invite' })).toBeTruthy();
    // The demo address is a hint, not a value someone might send by mistake.
    const server = within(form('team-create')).getByLabelText('Server address') as HTMLInputElement;
    expect(server.value).toBe('');
    expect(server.placeholder).toBe('http://127.0.0.1:8787');
  });

  it('in Chinese', async () => {
    await open('zh-CN');
    expect(screen.getByRole('heading', { name: '团队协作' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '创建工作区' })).toBeTruthy();
    type('服务器地址', 'http://team.example.com', form('team-create'));
    expect(bl('team-create-server-problem')!.textContent).toContain('https://');
  });

  it('checks the server address as people type, with the reason', async () => {
    await open();
    const create = form('team-create');
    type('Server address', 'http://team.example.com', create);
    expect(bl('team-create-server-problem')!.textContent).toContain('Customer data may only travel encrypted');
    expect(within(create).getByLabelText('Server address').getAttribute('aria-invalid')).toBe('true');
    type('Server address', 'https://owner:secret@team.example.com', create);
    expect(bl('team-create-server-problem')!.textContent).toContain('Leave the user name and password out');
    type('Server address', 'ftp://team.example.com', create);
    expect(bl('team-create-server-problem')!.textContent).toContain('That is not a server address');
    type('Server address', 'localhost:8787', create);
    expect(bl('team-create-server-problem')).toBeNull();
  });

  it('sending an incomplete form names each missing field and puts focus on the first', async () => {
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect(bl('team-create-server-problem')!.textContent).toContain('Enter the address of your team’s sync server');
    expect(bl('team-create-workspace-problem')!.textContent).toBe('Give the workspace a name your team will recognise.');
    expect(bl('team-create-name-problem')!.textContent).toBe('Enter your name, so your team knows who made a change.');
    expect(document.activeElement).toBe(within(form('team-create')).getByLabelText('Server address'));
    expect(calls('team.create')).toEqual([]);
  });

  it('creates a workspace: progress while connecting, then the workspace with this person as its owner', async () => {
    await open();
    const create = form('team-create');
    type('Server address', 'team.example.com/', create);
    type('Workspace name', '  Blossom Teas ', create);
    type('Your name', 'Mei', create);
    let release!: () => void;
    hold['team.create'] = new Promise((r) => (release = r));
    fireEvent.click(within(create).getByRole('button', { name: 'Create workspace' }));
    const busy = await within(create).findByRole('button', { name: 'Connecting…' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    await act(async () => release());
    await waitFor(() => expect(bl('team-workspace')!.textContent).toBe('Blossom Teas'));
    expect(calls('team.create')).toEqual([{ server: SERVER, workspaceName: 'Blossom Teas', ownerName: 'Mei' }]);
    expect(document.activeElement).toBe(bl('team-workspace'));
    expect(bl('team-you')!.textContent).toBe('Mei · Owner');
  });

  it("shows the background's own words when creating fails, in an alert", async () => {
    fail['team.create'] = 'This server does not create new workspaces. Ask its owner for an invite instead.';
    await open();
    const create = form('team-create');
    type('Server address', SERVER, create);
    type('Workspace name', 'Blossom', create);
    type('Your name', 'Mei', create);
    fireEvent.click(within(create).getByRole('button', { name: 'Create workspace' }));
    const alert = await within(create).findByRole('alert');
    expect(alert.textContent).toBe(fail['team.create']);
    expect((within(create).getByRole('button', { name: 'Create workspace' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('an invite link carries the server; a bare code asks for it; anything else says what an invite looks like', async () => {
    await open();
    const join = form('team-join');
    type('Invite link or code', LINK, join);
    expect(within(join).queryByLabelText('Server address')).toBeNull();
    expect(join.textContent).toContain('Server: https://team.example.com (from the link)');

    type('Invite link or code', CODE, join);
    expect(within(join).getByLabelText('Server address')).toBeTruthy();

    type('Invite link or code', 'hello there', join);
    expect(bl('team-join-invite-problem')!.textContent).toContain('Paste the whole link the owner sent you');

    type('Invite link or code', `http://team.example.com/join#${CODE}`, join);
    expect(bl('team-join-invite-problem')!.textContent).toContain('Customer data may only travel encrypted');
  });

  it('joins with a bare code and the server typed beside it', async () => {
    await open();
    const join = form('team-join');
    type('Invite link or code', ` ${CODE} `, join);
    type('Server address', 'https://team.example.com/', join);
    type('Your name', 'Li', join);
    fireEvent.click(within(join).getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(bl('team-card')).toBeTruthy());
    expect(calls('team.join')).toEqual([{ invite: CODE, server: SERVER, name: 'Li' }]);
    expect(bl('team-you')!.textContent).toBe('Li · Seller');
  });

  it("a refused invite shows the background's reason in an alert, and the page keeps what was typed", async () => {
    fail['team.join'] = 'This invite has already been used. Each invite is for one person: ask the owner for a new one.';
    await open();
    const join = form('team-join');
    type('Invite link or code', LINK, join);
    type('Your name', 'Li', join);
    fireEvent.click(within(join).getByRole('button', { name: 'Join' }));
    expect((await within(join).findByRole('alert')).textContent).toBe(fail['team.join']);
    expect((within(join).getByLabelText('Invite link or code') as HTMLInputElement).value).toBe(LINK);
  });
});

describe('Team tab, as a member', () => {
  beforeEach(() => {
    team = { account: account('seller'), status: { state: 'waiting', pending: 3, rejected: [], role: 'seller' } };
  });

  it('shows the workspace, who you are, the server and where sync stands; no members or invites', async () => {
    await open();
    expect(bl('team-workspace')!.textContent).toBe('Blossom Teas');
    expect(bl('team-you')!.textContent).toBe('Mei · Seller');
    expect(bl('team-server')!.textContent).toBe(SERVER);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('3 changes waiting'));
    expect(bl('team-members')).toBeNull();
    expect(bl('team-invite')).toBeNull();
  });

  it('Sync now asks the background and shows the new state', async () => {
    await open();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('3 changes waiting'));
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Up to date · synced just now'));
    expect(calls('sync.now')).toHaveLength(1);
  });

  it('follows the state the background publishes after each round', async () => {
    await open();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('3 changes waiting'));
    const failed: SyncStatus = { state: 'error', pending: 3, rejected: [], role: 'seller', error: { code: 'offline', detail: 'Failed to fetch' } };
    await act(() => fakeBrowser.storage.local.set({ 'buyerlens:sync': failed }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Can’t sync: server unreachable'));
    // The long explanation and the browser's own words, beside it.
    expect(bl('sync-error-explain')!.textContent).toContain('Changes wait on this computer and are sent when it is back. (Failed to fetch)');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(calls('sync.now')).toHaveLength(1));
  });

  it('lists the changes the server refused, with its reasons, as text', async () => {
    team.status = { ...team.status, rejected: [{ mid: 7, reason: 'Your role does not allow this.' }, { mid: 9, reason: EVIL }] };
    await open();
    const details = await waitFor(() => bl('sync-rejected')!);
    expect(details.querySelector('summary')!.textContent).toBe('2 changes were refused by the server');
    expect(details.textContent).toContain('Change #7: Your role does not allow this.');
    expect(details.textContent).toContain(`Change #9: ${EVIL}`);
    expect(details.querySelector('img')).toBeNull();
  });

  it('leaving with changes not yet sent says they stay here and go if it joins again', async () => {
    await open();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('3 changes waiting'));
    fireEvent.click(screen.getByRole('button', { name: 'Leave this team' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText('Leave Blossom Teas?')).toBeTruthy();
    expect(dialog.textContent).toContain('3 changes not yet sent stay on this computer and will be sent if it joins again.');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Leave' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(bl('team-off')).toBeTruthy());
    expect(calls('team.leave')).toHaveLength(1);
    expect(bl('team-left')!.textContent).toContain('You left Blossom Teas.');
    expect(bl('team-left')!.textContent).toContain('3 changes not yet sent stay on this computer');
  });

  it('leaving with nothing waiting does not warn; Cancel keeps the team', async () => {
    team.status = { state: 'up-to-date', pending: 0, rejected: [], role: 'seller' };
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Leave this team' }));
    expect(bl('team-leave-pending')).toBeNull();
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Leave this team' }));
    expect(calls('team.leave')).toEqual([]);
  });
});

describe('Team tab, as the owner', () => {
  beforeEach(() => {
    team = { account: account('owner'), status: { state: 'up-to-date', pending: 0, rejected: [], role: 'owner' } };
    members = [
      { memberId: 'm_me', name: 'Mei', role: 'owner', joinedAt: Date.UTC(2026, 0, 2), revoked: false, you: true },
      { memberId: 'm_li', name: 'Li', role: 'seller', joinedAt: Date.UTC(2026, 0, 9), revoked: false, you: false },
      { memberId: 'm_wu', name: EVIL, role: 'agent', joinedAt: Date.UTC(2026, 1, 1), revoked: true, you: false },
    ];
  });

  const rows = () =>
    [...document.querySelectorAll('[data-bl="team-member"]')].map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent));

  it('lists the members: name, role, joined, revoked or active, and you', async () => {
    await open();
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()).toEqual([
      ['Mei (you)', 'Owner', 'Jan 2, 2026', 'Active'],
      ['Li', 'Seller', 'Jan 9, 2026', 'Active'],
      [EVIL, 'Support agent', 'Feb 1, 2026', 'Revoked'],
    ]);
    expect(bl('team-members')!.querySelector('img')).toBeNull();
    // Revoke is offered for the other active members only.
    expect(screen.getAllByRole('button', { name: /^Revoke / }).map((b) => b.getAttribute('aria-label'))).toEqual(['Revoke Li']);
  });

  it('revoking asks first, then revokes and says so', async () => {
    await open();
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke Li' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Revoke Li? They are refused from their next sync on');
    expect(calls('team.revoke')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(calls('team.revoke')).toEqual([{ memberId: 'm_li' }]));
    await waitFor(() => expect(rows()[1]![3]).toBe('Revoked'));
    expect(bl('team-members')!.textContent).toContain('Li was revoked.');
  });

  it('says what each role may do, read off the role table', async () => {
    await open();
    expect(bl('team-role-line-owner')!.textContent).toContain('Everything');
    const seller = bl('team-role-line-seller')!.textContent!;
    expect(seller).toContain('can tag, write notes, import, merge, export, and delete');
    expect(seller).toContain('Cannot forget customers, change the rules, or manage members');
    const agent = bl('team-role-line-agent')!.textContent!;
    expect(agent).toContain('Sees profiles; can tag and write notes.');
    expect(agent).toContain('Cannot import, merge, export, delete');
  });

  it('an invite shows its link, ready to copy, when it expires, and that it is single-use', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await open();
    const invite = bl('team-invite')!;
    fireEvent.click(within(invite).getByLabelText(/^Seller/));
    type('Who it is for (optional)', 'Ana', invite);
    fireEvent.click(within(invite).getByRole('button', { name: 'Create invite link' }));
    const link = (await within(invite).findByLabelText('Invite link for Ana')) as HTMLInputElement;
    expect(calls('team.invite')).toEqual([{ role: 'seller', name: 'Ana' }]);
    expect(link.value).toBe(LINK);
    expect(link.readOnly).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(link));
    expect(bl('team-invite-expires')!.textContent).toContain('Expires Mar 17, 2026');
    expect(bl('team-invite-expires')!.textContent).toContain('It works once: send it privately');
    fireEvent.click(within(invite).getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(within(invite).getByText('Copied.')).toBeTruthy());
    expect(writeText).toHaveBeenCalledWith(LINK);
  });

  it('without clipboard access, Copy selects the link and says how to copy it', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async () => Promise.reject(new Error('denied')) }, configurable: true });
    await open();
    const invite = bl('team-invite')!;
    fireEvent.click(within(invite).getByRole('button', { name: 'Create invite link' }));
    await within(invite).findByLabelText('Invite link');
    expect(calls('team.invite')).toEqual([{ role: 'agent' }]);
    fireEvent.click(within(invite).getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(invite.textContent).toContain('press Ctrl+C'));
    expect(document.activeElement).toBe(within(invite).getByLabelText('Invite link'));
  });

  it('with nobody else yet, says to invite someone', async () => {
    members = [members[0]!];
    await open();
    await waitFor(() => expect(bl('team-members-alone')).toBeTruthy());
    expect(bl('team-members-alone')!.textContent).toContain('Invite someone above');
  });
});
