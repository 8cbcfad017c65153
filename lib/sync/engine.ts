import type { BuyerLensDb } from '../db/database';
import { SYNC_BASE_FROM } from '../db/write';
import { randomId } from '../model/ids';
import type { SyncErrorCode, SyncStatus, TeamAccount } from '../model/sync';
import { MID_OFFSET, PULL_CONTINUES, readRejections, syncOnce, type Transport } from './client';
import { requestServer, SyncHttpError } from './http';

/**
 * The background's sync loop. It pushes soon after each local change (debounced, so a burst of
 * tagging is one round), pulls on the alarm, when a profile opens and every few seconds while a
 * BuyerLens view is visible, and backs off exponentially when the server cannot be reached.
 *
 * The MV3 worker is stopped whenever Chrome likes, so nothing here lives only in memory: the
 * account, the backoff and the last result are in `meta`, the work in the outbox. A round cut
 * short by the worker stopping is simply run again: push and pull are idempotent.
 */

/** Meta keys. The account holds the member's bearer token: it never leaves the background. */
export const ACCOUNT_KEY = 'syncAccount';
const STATUS_KEY = 'syncStatus';
/** Also set by lib/sync/client.ts: the pull cookie and the server's refusals. */
const COOKIE_KEY = 'syncCookie';

/** The alarm that wakes the worker to sync (re-created at every worker start). */
export const SYNC_ALARM = 'buyerlens:sync';
export const SYNC_ALARM_MINUTES = 1;

/** A burst of local writes becomes one push this long after the last. */
export const PUSH_DEBOUNCE_MS = 800;
/** While a view is open, how often others' changes are fetched. */
export const LIVE_POLL_MS = 3_000;
/** How long one "a view is open" heartbeat keeps the fast polling on. */
export const LIVE_FOR_MS = 45_000;
/** Opening a profile pulls, unless a round finished this recently. */
const FRESH_MS = 2_000;
const BACKOFF_FIRST_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;

export interface StoredAccount extends TeamAccount {
  token: string;
}

interface StoredStatus {
  lastSyncedAt?: number;
  /** Failed rounds in a row (the backoff's exponent). */
  failures: number;
  nextRetryAt?: number;
  error?: { code: SyncErrorCode; detail: string };
}

type Timer = ReturnType<typeof setTimeout>;

export interface SyncEngineOptions {
  readonly db: BuyerLensDb;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** Told after each round (and when a round starts), e.g. to tell open popups. */
  readonly onStatus?: (status: SyncStatus) => void;
  /** Jitter for the backoff, in [0, 1); fixed in tests. */
  readonly random?: () => number;
}

/** How long to wait after `failures` failed rounds in a row: 2 s, 4 s, 8 s … at most 5 min, ±25 %. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

export class SyncEngine {
  private readonly db: BuyerLensDb;
  private readonly now: () => number;
  private readonly random: () => number;
  private account: StoredAccount | null | undefined;
  private round: Promise<void> | undefined;
  private again = false;
  private forced = false;
  /** The round under way is one people should see as "syncing". */
  private visible = false;
  private timer: Timer | undefined;
  private timerAt = Infinity;
  private liveUntil = 0;
  private lastRoundAt = 0;
  private readonly pulledListeners = new Set<(shopIds: readonly string[]) => void>();

  constructor(private readonly options: SyncEngineOptions) {
    this.db = options.db;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** The fetch the engine reaches the server with (team management uses the same). */
  get fetch(): typeof fetch | undefined {
    return this.options.fetch;
  }

  /** Follow the shops a pull changed (caches, open pages); returns the unsubscribe. */
  onPulled(listener: (shopIds: readonly string[]) => void): () => void {
    this.pulledListeners.add(listener);
    return () => this.pulledListeners.delete(listener);
  }

  /** A local write committed: push soon. Costs nothing when this browser is in no team. */
  changed(): void {
    void this.ifConnected(() => this.schedule(PUSH_DEBOUNCE_MS));
  }

  /** The worker started, the alarm rang: a round now (unless backing off). */
  wake(): void {
    void this.ifConnected(() => this.schedule(0));
  }

  /** A profile was opened: fetch what others wrote about them, unless we just did. */
  profileOpened(): void {
    if (this.now() - this.lastRoundAt < FRESH_MS) return;
    this.wake();
  }

  /** A BuyerLens view is visible: poll every few seconds for a while. */
  live(): void {
    const wasLive = this.liveUntil > this.now();
    this.liveUntil = this.now() + LIVE_FOR_MS;
    if (!wasLive) this.wake();
  }

  /** A person asked to sync: retry at once, whatever the backoff says; resolves when done. */
  async syncNow(): Promise<SyncStatus> {
    if (await this.readAccount()) {
      this.forced = true;
      await this.run();
    }
    return this.status();
  }

  /** No more rounds until woken again; resolves when the one under way (if any) has ended. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    this.liveUntil = 0;
    this.again = false;
    await this.round?.catch(() => {});
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  async status(): Promise<SyncStatus> {
    const account = await this.readAccount();
    const [stored, pending, rejected] = await Promise.all([this.readStatus(), this.db.outbox.count(), readRejections(this.db)]);
    const who = account ? { workspaceName: account.workspaceName, memberName: account.memberName, role: account.role } : {};
    const base = { pending, rejected, ...who, ...(stored.lastSyncedAt ? { lastSyncedAt: stored.lastSyncedAt } : {}) };
    if (!account) return { state: 'off', ...base };
    if (stored.error?.code === 'revoked') return { state: 'revoked', ...base, error: stored.error };
    if (this.round && this.visible) return { state: 'syncing', ...base };
    if (stored.error) return { state: 'error', ...base, error: stored.error, ...(stored.nextRetryAt ? { nextRetryAt: stored.nextRetryAt } : {}) };
    return { state: pending ? 'waiting' : 'up-to-date', ...base };
  }

  /** The membership this browser syncs as (token included: background only). */
  async readAccount(): Promise<StoredAccount | null> {
    if (this.account === undefined) {
      const row = await this.db.meta.get(ACCOUNT_KEY);
      this.account = (row?.value as StoredAccount | undefined) ?? null;
    }
    return this.account;
  }

  /**
   * Sync from now on as this member. Joining as someone else than before (another member, another
   * workspace) starts a new client: the server binds a client id to one member, and a new client's
   * mutation ids start again at 1. Changes not yet sent are kept and go to the new workspace.
   */
  async connect(account: StoredAccount): Promise<void> {
    const db = this.db;
    await db.transaction('rw', db.meta, db.outbox, db.syncBase, async () => {
      const before = (await db.meta.get(ACCOUNT_KEY))?.value as StoredAccount | undefined;
      const member = (await db.meta.get('memberId'))?.value;
      const sameMember = member === account.memberId && before?.workspaceId === account.workspaceId;
      if (!sameMember) {
        await db.meta.put({ key: 'clientId', value: randomId('cl') });
        await db.meta.bulkDelete([COOKIE_KEY, MID_OFFSET, PULL_CONTINUES, STATUS_KEY, 'syncRejected']);
        // Every waiting change is pushed before the first pull, as if written before sync.
        const last = await db.outbox.orderBy('mid').last();
        await db.meta.put({ key: SYNC_BASE_FROM, value: last?.mid ?? 0 });
        await db.syncBase.clear();
      } else {
        await db.meta.delete(STATUS_KEY);
      }
      await db.meta.put({ key: 'memberId', value: account.memberId });
      await db.meta.put({ key: ACCOUNT_KEY, value: account });
    });
    this.account = account;
    this.schedule(0);
  }

  /** Stop syncing: forget the token. The data and the waiting changes stay on this browser. */
  async disconnect(): Promise<number> {
    await this.stop();
    await this.db.meta.bulkDelete([ACCOUNT_KEY, STATUS_KEY]);
    this.account = null;
    this.emit();
    return this.db.outbox.count();
  }

  /** A request to the server as this member (team management: invites, members). */
  async request(path: string, body?: unknown, method: 'GET' | 'POST' = 'POST'): Promise<unknown> {
    const account = await this.readAccount();
    if (!account) throw new SyncHttpError('revoked', 'not in a team', 401);
    try {
      return await requestServer({ server: account.server, path, method, body, token: account.token, fetch: this.options.fetch });
    } catch (err) {
      if (err instanceof SyncHttpError && err.code === 'revoked') await this.failed(err);
      throw err;
    }
  }

  private async ifConnected(then: () => void) {
    // Called without waiting (after a write): a database closing under it is no one's error.
    if (await this.readAccount().catch(() => null)) then();
  }

  private schedule(delayMs: number) {
    const at = this.now() + delayMs;
    if (this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      // Failures are recorded in the status by the round itself; nothing is left to throw.
      this.run().catch((err: unknown) => console.warn('[BuyerLens] sync round stopped', err));
    }, delayMs);
  }

  /** One round at a time; a request during a round runs one more after it. */
  run(): Promise<void> {
    if (this.round) {
      this.again = true;
      return this.round;
    }
    this.round = (async () => {
      try {
        do {
          this.again = false;
          await this.once();
        } while (this.again);
      } finally {
        this.round = undefined;
        this.lastRoundAt = this.now();
        await this.planNext();
        this.emit();
      }
    })();
    return this.round;
  }

  private async once() {
    const account = await this.readAccount();
    if (!account) return;
    const stored = await this.readStatus();
    const forced = this.forced;
    this.forced = false;
    if (!forced && stored.error?.code === 'revoked') return;
    if (!forced && stored.nextRetryAt && stored.nextRetryAt > this.now()) return;
    // "Syncing…" is for sending changes or a sync someone asked for: the poll every few seconds
    // while a page is open would make the line flicker for nothing.
    this.visible = forced || (await this.db.outbox.count()) > 0;
    if (this.visible) this.emit();
    const transport = ((path: string, body: unknown) =>
      requestServer({ server: account.server, path, body, token: account.token, fetch: this.options.fetch })) as Transport;
    try {
      let result = await syncOnce(this.db, transport);
      // Writes that arrived between the push and the pull: push them, then pull.
      for (let i = 0; result.status === 'push-first' && i < 3; i++) result = await syncOnce(this.db, transport);
      if (result.status === 'pulled' && result.shops.length) {
        for (const listener of this.pulledListeners) listener(result.shops);
      }
      // A very large first pull goes on in the next round (pages are stored as they come).
      if (result.status === 'pulled' && result.more) this.again = true;
      await this.db.meta.put({ key: STATUS_KEY, value: { lastSyncedAt: this.now(), failures: 0 } satisfies StoredStatus });
    } catch (err) {
      await this.failed(err);
    }
  }

  private async failed(err: unknown) {
    const stored = await this.readStatus();
    const failures = stored.failures + 1;
    const now = this.now();
    let error: StoredStatus['error'];
    let nextRetryAt: number | undefined;
    if (err instanceof SyncHttpError) {
      error = { code: err.code, detail: err.detail };
      if (err.code === 'revoked') nextRetryAt = undefined;
      else if (err.code === 'rate-limited') nextRetryAt = now + (err.retryAfterMs ?? backoffMs(failures, this.random));
      else nextRetryAt = now + backoffMs(failures, this.random);
    } else {
      // A reply that failed its schema, or a local failure: retried like a server error.
      const detail = err instanceof Error ? err.message : String(err);
      error = { code: isSchemaError(err) ? 'bad-reply' : 'server', detail: detail.slice(0, 500) };
      nextRetryAt = now + backoffMs(failures, this.random);
      console.warn('[BuyerLens] sync round failed', err);
    }
    const next: StoredStatus = { ...(stored.lastSyncedAt ? { lastSyncedAt: stored.lastSyncedAt } : {}), failures, error, ...(nextRetryAt ? { nextRetryAt } : {}) };
    await this.db.meta.put({ key: STATUS_KEY, value: next });
  }

  /** The next round: the retry after a failure, or the next poll while a view is open. */
  private async planNext() {
    if (!(await this.readAccount())) return;
    const stored = await this.readStatus();
    const now = this.now();
    if (this.again) this.schedule(0);
    else if (stored.error?.code === 'revoked') return;
    // Longer waits are the alarm's: the worker may be stopped long before a timer rang.
    else if (stored.nextRetryAt) this.schedule(Math.max(0, stored.nextRetryAt - now));
    else if (this.liveUntil > now) this.schedule(LIVE_POLL_MS);
  }

  private async readStatus(): Promise<StoredStatus> {
    return ((await this.db.meta.get(STATUS_KEY))?.value as StoredStatus | undefined) ?? { failures: 0 };
  }

  private emit() {
    const listener = this.options.onStatus;
    if (listener) void this.status().then(listener, () => {});
  }
}

function isSchemaError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'ZodError' || err.name === '$ZodError');
}
