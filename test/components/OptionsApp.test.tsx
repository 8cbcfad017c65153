import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/OptionsApp';
import type { Role, SyncStatus } from '@/lib/model/sync';

type Call = (name: string, args: unknown) => Promise<unknown>;
const rpc = vi.hoisted(() => ({ core: vi.fn<Call>(), owner: vi.fn<Call>() }));
vi.mock('@/lib/rpc/client', () => ({ call: rpc.core }));
vi.mock('@/lib/rpc/owner-client', () => ({ call: rpc.owner }));

let status: SyncStatus;
const inTeam = (role: Role): SyncStatus => ({ state: 'up-to-date', pending: 0, rejected: [], role, workspaceName: 'Blossom', memberName: 'Mei' });

beforeEach(() => {
  fakeBrowser.reset();
  history.replaceState(null, '', '#customers');
  status = { state: 'off', pending: 0, rejected: [] };
  rpc.core.mockReset();
  rpc.core.mockImplementation(async (name) => {
    if (name === 'shops.list') return [];
    if (name === 'sync.status') return structuredClone(status);
    if (name === 'sync.live') return {};
    throw new Error(`unexpected call ${name}`);
  });
  rpc.owner.mockReset();
  rpc.owner.mockImplementation(async (name) => {
    if (name === 'team.get') return { status: structuredClone(status) };
    if (name === 'sync.status') return structuredClone(status);
    throw new Error(`unexpected call ${name}`);
  });
});

afterEach(cleanup);

const tabs = () => screen.getAllByRole('tab').map((tab) => tab.textContent);

describe('OptionsApp and team roles', () => {
  it('in no team: every tab, Team between Data and Settings, and no sync line in the header', async () => {
    render(<OptionsApp />);
    await waitFor(() => expect(rpc.core.mock.calls.some(([n]) => n === 'sync.status')).toBe(true));
    expect(tabs()).toEqual(['Customers', 'Import', 'Data', 'Team', 'Settings']);
    expect(document.querySelector('.head .sync-line')).toBeNull();
  });

  it('the Team tab opens from the tab bar and from its address', async () => {
    render(<OptionsApp />);
    fireEvent.click(screen.getByRole('tab', { name: 'Team' }));
    expect(location.hash).toBe('#team');
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Work as a team' })).toBeTruthy());
  });

  it('an agent is not offered Import: no tab, an address to it lands on Customers, and the empty state says whom to ask', async () => {
    status = inTeam('agent');
    history.replaceState(null, '', '#import');
    render(<OptionsApp />);
    await waitFor(() => expect(tabs()).toEqual(['Customers', 'Data', 'Team', 'Settings']));
    expect(screen.getByRole('tab', { name: 'Customers' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.queryByRole('button', { name: /import/i })).toBeNull();
    expect(document.body.textContent).toContain('Ask the workspace’s owner or a seller to import');
    // Where sync stands, beside the shop picker.
    expect(document.querySelector('.head [role=status]')!.textContent).toBe('Up to date');
  });

  it('a seller keeps Import', async () => {
    status = inTeam('seller');
    render(<OptionsApp />);
    await waitFor(() => expect(document.querySelector('.head [role=status]')).toBeTruthy());
    expect(tabs()).toEqual(['Customers', 'Import', 'Data', 'Team', 'Settings']);
  });

  it('arrow keys move between the tabs this role has', async () => {
    status = inTeam('agent');
    render(<OptionsApp />);
    await waitFor(() => expect(tabs()).not.toContain('Import'));
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Customers' }), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Data' }));
  });
});
