/**
 * Helpers that speak the content UI's contract (attribute `data-bl`, hosts `<buyerlens-chips>`,
 * `<buyerlens-overlay>`, `<buyerlens-profile>`) and the demo backoffice's markup. They read the
 * DOM through OPEN shadow roots (the harness turns on `buyerlens:inspectableUi`), and every wait
 * fails with a description of what the page actually showed.
 */
import type { Locator, Page } from 'playwright-core';
import { cssString, pollUntil } from './harness.ts';

export const ROW = 'table.orders-table tbody tr.order-row';

export interface RowState {
  orderId: string;
  nick: string;
  /** `<buyerlens-chips>` present in the row. */
  host: boolean;
  /** 'open' | 'closed' (no shadowRoot visible: the inspectable key did not reach the page) | 'none'. */
  root: 'open' | 'closed' | 'none';
  /** Tag names shown (chip text without the × button). */
  chips: string[];
}

/** One snapshot of every order row on the page and what BuyerLens put in it. */
export async function rowStates(page: Page): Promise<RowState[]> {
  // No named helper functions inside evaluate callbacks: tsx (bench) compiles with keepNames,
  // which wraps them in `__name(...)`, undefined in the page.
  return page.evaluate((rowSel) => {
    return Array.from(document.querySelectorAll(rowSel)).map((tr) => {
      const host = tr.querySelector('buyerlens-chips');
      const root = host?.shadowRoot ?? null;
      return {
        orderId: tr.getAttribute('data-order-id') ?? '',
        nick: tr.querySelector('a.buyer-name')?.getAttribute('data-nick') ?? '',
        host: host !== null,
        root: (host === null ? 'none' : root ? 'open' : 'closed') as 'open' | 'closed' | 'none',
        chips: root
          ? Array.from(root.querySelectorAll('[data-bl=chip]')).map((chip) => {
              const clone = chip.cloneNode(true) as Element;
              clone.querySelectorAll('button, [data-bl=remove-tag]').forEach((b) => b.remove());
              return (clone.textContent ?? '').trim();
            })
          : [],
      };
    });
  }, ROW);
}

function summariseRows(rows: RowState[] | undefined, max = 6): string {
  if (!rows) return 'no snapshot';
  const hosts = rows.filter((r) => r.host).length;
  const closed = rows.filter((r) => r.root === 'closed').length;
  const sample = rows
    .slice(0, max)
    .map((r) => `#${r.orderId} ${r.nick}: ${r.host ? `[${r.chips.join(', ')}]${r.root === 'closed' ? ' (closed root)' : ''}` : 'no <buyerlens-chips>'}`)
    .join('; ');
  return `${rows.length} rows, ${hosts} with <buyerlens-chips>${closed ? `, ${closed} with a CLOSED shadow root (inspectable key not honoured?)` : ''}. First rows: ${sample}`;
}

/** Waits until the list has rows and every row has a `<buyerlens-chips>` host. */
export async function waitForAnnotated(page: Page, timeoutMs = 10_000): Promise<RowState[]> {
  return pollUntil(
    () => rowStates(page),
    (rows) => rows.length > 0 && rows.every((r) => r.host),
    {
      timeoutMs,
      describe: (rows, err) =>
        `Not every order row got a <buyerlens-chips> host within ${timeoutMs} ms at ${page.url()}: ${summariseRows(rows)}${err ? ` (error: ${String(err)})` : ''}`,
    },
  );
}

/** Waits until every row of buyer `nick` shows chip `tag` (and returns the snapshot). */
export async function waitForChipOnBuyer(page: Page, nick: string, tag: string, timeoutMs = 10_000): Promise<RowState[]> {
  return pollUntil(
    () => rowStates(page),
    (rows) => {
      const mine = rows.filter((r) => r.nick === nick);
      return mine.length > 0 && mine.every((r) => r.chips.includes(tag));
    },
    {
      timeoutMs,
      describe: (rows, err) => {
        const mine = (rows ?? []).filter((r) => r.nick === nick);
        const missing = mine.filter((r) => !r.chips.includes(tag));
        return (
          `Chip "${tag}" should be on every row of buyer "${nick}" within ${timeoutMs} ms at ${page.url()}; ` +
          `${mine.length} rows of that buyer, ${missing.length} without it: ` +
          missing
            .slice(0, 5)
            .map((r) => `#${r.orderId} ${r.host ? `chips [${r.chips.join(', ')}] root ${r.root}` : 'no <buyerlens-chips>'}`)
            .join('; ') +
          (err ? ` (error: ${String(err)})` : '')
        );
      },
    },
  );
}

export function rowOf(page: Page, nick: string): Locator {
  return page.locator(ROW, { has: page.locator(`a.buyer-name[data-nick=${cssString(nick)}]`) }).first();
}

/** Nicks in page order, most frequent first when `byFrequency`. */
export function nicks(rows: RowState[], byFrequency = false): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.nick) counts.set(r.nick, (counts.get(r.nick) ?? 0) + 1);
  const list = [...counts.keys()];
  return byFrequency ? list.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0)) : list;
}

/** The tag editor's input (inside `<buyerlens-overlay>`). */
export function tagInput(page: Page): Locator {
  return page.locator('buyerlens-overlay input[data-bl=tag-input]');
}

/** Types `tag` into an open tag editor, presses Enter, and closes the editor if it stays open. */
export async function typeTag(page: Page, tag: string): Promise<void> {
  const input = tagInput(page);
  await input.waitFor({ state: 'visible', timeout: 5_000 }).catch((err: unknown) => {
    throw new Error(`The tag editor (buyerlens-overlay input[data-bl=tag-input]) did not open: ${String(err)}`);
  });
  await input.fill(tag);
  await input.press('Enter');
  if (await input.isVisible().catch(() => false)) await input.press('Escape').catch(() => {});
}

/** Clicks "+" in `row`'s chips and adds `tag` through the editor. */
export async function addTagOnRow(page: Page, row: Locator, tag: string): Promise<void> {
  const plus = row.locator('buyerlens-chips button[data-bl=add-tag]');
  await plus.click({ timeout: 10_000 }).catch((err: unknown) => {
    throw new Error(`Could not click "+" (buyerlens-chips button[data-bl=add-tag]) in the row: ${String(err)}`);
  });
  await typeTag(page, tag);
}

export interface ProfileState {
  host: boolean;
  root: 'open' | 'closed' | 'none';
  name: string;
  key: string;
  chips: string[];
  orderCount: string;
  totalSpent: string;
  recentOrders: number;
  notes: Array<{ text: string; author: string; html: string }>;
}

/** What the chat dock's `<buyerlens-profile>` shows right now. */
export async function profileState(page: Page): Promise<ProfileState> {
  return page.evaluate(() => {
    const host = document.querySelector('aside.chat-dock buyerlens-profile');
    const root = host?.shadowRoot ?? null;
    return {
      host: host !== null,
      root: (host === null ? 'none' : root ? 'open' : 'closed') as 'open' | 'closed' | 'none',
      name: (root?.querySelector('[data-bl=profile-name]')?.textContent ?? '').trim(),
      key: (root?.querySelector('[data-bl=profile-key]')?.textContent ?? '').trim(),
      chips: root
        ? Array.from(root.querySelectorAll('[data-bl=chip]')).map((chip) => {
            const clone = chip.cloneNode(true) as Element;
            clone.querySelectorAll('button').forEach((b) => b.remove());
            return (clone.textContent ?? '').trim();
          })
        : [],
      orderCount: (root?.querySelector('[data-bl=order-count]')?.textContent ?? '').trim(),
      totalSpent: (root?.querySelector('[data-bl=total-spent]')?.textContent ?? '').trim(),
      recentOrders: root ? root.querySelectorAll('[data-bl=recent-order]').length : 0,
      notes: root
        ? Array.from(root.querySelectorAll('[data-bl=note]')).map((n) => ({
            text: n.querySelector('[data-bl=note-text]')?.textContent ?? '',
            author: (n.querySelector('[data-bl=note-author]')?.textContent ?? '').trim(),
            html: n.querySelector('[data-bl=note-text]')?.innerHTML ?? '',
          }))
        : [],
    };
  });
}

export async function waitForProfile(
  page: Page,
  ok: (p: ProfileState) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<ProfileState> {
  return pollUntil(() => profileState(page), ok, {
    timeoutMs,
    describe: (p, err) =>
      `Chat profile panel: expected ${what} within ${timeoutMs} ms at ${page.url()}; it showed ${JSON.stringify(p)}` +
      (p && !p.host ? ' (no <buyerlens-profile> inside aside.chat-dock)' : '') +
      (p?.root === 'closed' ? ' (shadow root is closed: inspectable key not honoured?)' : '') +
      (err ? ` (error: ${String(err)})` : ''),
  });
}

/** Count of `<buyerlens-chips>` hosts and of order rows. */
export async function chipHostCounts(page: Page): Promise<{ rows: number; hosts: number }> {
  return page.evaluate((rowSel) => ({
    rows: document.querySelectorAll(rowSel).length,
    hosts: document.querySelectorAll('buyerlens-chips').length,
  }), ROW);
}
