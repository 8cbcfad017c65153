import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { SyncStatusLine } from '@/components/SyncStatusLine';
import type { SyncStatus } from '@/lib/model/sync';
import { renderUi } from './ui';

const NOW = Date.UTC(2026, 2, 10, 6, 0, 0);

function status(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return { state: 'up-to-date', pending: 0, rejected: [], workspaceName: 'Blossom', memberName: 'Mei', role: 'seller', ...overrides };
}

function line(s: SyncStatus | undefined, language: 'en' | 'zh-CN' = 'en', onRetry = vi.fn()) {
  renderUi(<SyncStatusLine status={s} onRetry={onRetry} />, { language });
  return { text: screen.queryByRole('status')?.textContent ?? null, onRetry };
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('SyncStatusLine', () => {
  it('says nothing before the background answered, or when this browser is in no team', () => {
    expect(line(undefined).text).toBeNull();
    cleanup();
    expect(line(status({ state: 'off' })).text).toBeNull();
  });

  it.each([
    ['en', 2 * 60_000, 'Up to date · synced 2 minutes ago'],
    ['en', 10_000, 'Up to date · synced just now'],
    ['en', 3 * 3_600_000, 'Up to date · synced 3 hours ago'],
    ['zh-CN', 2 * 60_000, '已是最新 · 2分钟前同步'],
    ['zh-CN', 10_000, '已是最新 · 刚刚同步'],
  ] as const)('up to date (%s, %i ms ago): %s', (language, ago, expected) => {
    vi.useFakeTimers({ now: NOW });
    expect(line(status({ lastSyncedAt: NOW - ago }), language).text).toBe(expected);
  });

  it.each([
    ['en', { state: 'syncing' }, 'Syncing…'],
    ['zh-CN', { state: 'syncing' }, '正在同步…'],
    ['en', { state: 'waiting', pending: 3 }, '3 changes waiting'],
    ['en', { state: 'waiting', pending: 1 }, '1 change waiting'],
    ['en', { state: 'waiting', pending: 1234 }, '1,234 changes waiting'],
    ['zh-CN', { state: 'waiting', pending: 3 }, '3 项改动待发送'],
    ['en', { state: 'revoked' }, 'Removed from the workspace'],
    ['zh-CN', { state: 'revoked' }, '已被移出工作区'],
  ] as const)('%s %o: %s', (language, overrides, expected) => {
    expect(line(status(overrides), language).text).toBe(expected);
  });

  it('an error says why, when it retries by itself, and offers Retry now', () => {
    const retryAt = new Date(2026, 2, 10, 14, 2).getTime();
    const { text, onRetry } = line(status({ state: 'error', pending: 2, error: { code: 'offline', detail: 'Failed to fetch' }, nextRetryAt: retryAt }));
    expect(text).toBe(`Can’t sync: server unreachable · retrying at ${new Date(retryAt).toLocaleTimeString('en', { timeStyle: 'short' })}`);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('an error in Chinese, and codes without their own words read as a server problem', () => {
    expect(line(status({ state: 'error', error: { code: 'offline', detail: '' } }), 'zh-CN').text).toBe('无法同步：无法连接服务器');
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
    cleanup();
    expect(line(status({ state: 'error', error: { code: 'bad-reply', detail: '' } })).text).toBe('Can’t sync: server problem');
    cleanup();
    expect(line(status({ state: 'error', error: { code: 'forbidden', detail: '' } })).text).toBe('Can’t sync: not allowed for your role');
  });

  it('offers Retry only after an error', () => {
    line(status({ state: 'waiting', pending: 2 }));
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('is a polite live region, so a screen reader hears a change without losing its place', () => {
    line(status({ state: 'syncing' }));
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
  });
});
