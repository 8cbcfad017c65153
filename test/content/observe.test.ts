import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { observe, observeBatches } from '@/lib/content/observe';

/** Let the MutationObserver run, then let the frame it scheduled pass. */
async function frame(): Promise<void> {
  await Promise.resolve();
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

function row(id: string): HTMLElement {
  const tr = document.createElement('tr');
  tr.className = 'order-row';
  tr.dataset.id = id;
  return tr;
}

const ids = (elements: Element[]) => elements.map((e) => (e as HTMLElement).dataset.id);

let controllers: AbortController[] = [];
function signal(): AbortSignal {
  const c = new AbortController();
  controllers.push(c);
  return c.signal;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

afterEach(() => {
  for (const c of controllers) c.abort();
  controllers = [];
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('observe: every matching element, now and later, exactly once', () => {
  it('delivers the elements already on the page at once', () => {
    document.body.append(row('1'), row('2'), document.createElement('div'));
    const batches: Element[][] = [];
    observeBatches('.order-row', (els) => batches.push(els), { signal: signal() });
    expect(batches.map(ids)).toEqual([['1', '2']]);
  });

  it('delivers rows added later in one batch per frame, not one call per row', async () => {
    const batches: Element[][] = [];
    observeBatches('.order-row', (els) => batches.push(els), { signal: signal() });
    const table = document.createElement('table');
    document.body.append(table);
    table.append(row('1'));
    table.append(row('2'));
    table.append(row('3'));
    await Promise.resolve();
    expect(batches).toEqual([]); // nothing between layouts: it waits for the frame
    await frame();
    expect(batches.map(ids)).toEqual([['1', '2', '3']]);
  });

  it('finds matches nested inside an added subtree (a tbody with rows)', async () => {
    const seen: string[] = [];
    observe('.order-row', (el) => seen.push((el as HTMLElement).dataset.id!), { signal: signal() });
    const tbody = document.createElement('tbody');
    tbody.append(row('a'), row('b'));
    const table = document.createElement('table');
    table.append(tbody);
    document.body.append(table);
    await frame();
    expect(seen).toEqual(['a', 'b']);
  });

  it('never delivers an element twice: not when a child is added to it, nor when it is moved', async () => {
    const seen: string[] = [];
    observe('.order-row', (el) => seen.push((el as HTMLElement).dataset.id!), { signal: signal() });
    const holder = document.createElement('div');
    const r1 = row('1');
    document.body.append(holder);
    holder.append(r1);
    // Parent and child both appear in the same frame's added nodes.
    const inner = row('inner');
    r1.append(inner);
    await frame();
    expect(seen).toEqual(['1', 'inner']);

    // Re-rendering frameworks move rows around: still the same elements.
    document.body.append(r1);
    holder.append(r1);
    await frame();
    expect(seen).toEqual(['1', 'inner']);
  });

  it('an element present at registration is not delivered again when the page touches it', async () => {
    const existing = row('1');
    document.body.append(existing);
    const seen: string[] = [];
    observe('.order-row', (el) => seen.push((el as HTMLElement).dataset.id!), { signal: signal() });
    document.body.append(existing); // moved
    document.body.append(row('2'));
    await frame();
    expect(seen).toEqual(['1', '2']);
  });

  it('skips an element removed before its frame, and delivers it if it comes back', async () => {
    const seen: string[] = [];
    observe('.order-row', (el) => seen.push((el as HTMLElement).dataset.id!), { signal: signal() });
    const r = row('flash');
    document.body.append(r);
    r.remove();
    await frame();
    expect(seen).toEqual([]);
    document.body.append(r);
    await frame();
    expect(seen).toEqual(['flash']);
  });

  it('serves several registrations, each with its own selector and its own "seen"', async () => {
    const rows: string[] = [];
    const chats: string[] = [];
    observe('.order-row', (el) => rows.push((el as HTMLElement).dataset.id!), { signal: signal() });
    observe('[data-id]', (el) => chats.push((el as HTMLElement).dataset.id!), { signal: signal() });
    document.body.append(row('1'));
    await frame();
    expect(rows).toEqual(['1']);
    expect(chats).toEqual(['1']);
  });

  it('still delivers in a hidden tab, where no animation frames come', async () => {
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const seen: string[] = [];
    observe('.order-row', (el) => seen.push((el as HTMLElement).dataset.id!), { signal: signal() });
    document.body.append(row('bg'));
    await vi.waitFor(() => expect(seen).toEqual(['bg']), { timeout: 500, interval: 5 });
  });
});

describe('abort', () => {
  it('does nothing at all for a signal aborted beforehand', async () => {
    document.body.append(row('1'));
    const c = new AbortController();
    c.abort();
    const cb = vi.fn();
    observe('.order-row', cb, { signal: c.signal });
    document.body.append(row('2'));
    await frame();
    expect(cb).not.toHaveBeenCalled();
  });

  it('stops delivery, including for rows added in the frame during which it aborted', async () => {
    const c = new AbortController();
    const seen: string[] = [];
    observe('.order-row', (el) => seen.push((el as HTMLElement).dataset.id!), { signal: c.signal });
    document.body.append(row('before'));
    await frame();
    document.body.append(row('pending'));
    await Promise.resolve();
    c.abort();
    await frame();
    document.body.append(row('after'));
    await frame();
    expect(seen).toEqual(['before']);
  });

  it('disconnects the observer when the last registration aborts, and a later one starts afresh', async () => {
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const a = new AbortController();
    const b = new AbortController();
    const seenA: string[] = [];
    const seenB: string[] = [];
    observe('.order-row', (el) => seenA.push((el as HTMLElement).dataset.id!), { signal: a.signal });
    observe('.order-row', (el) => seenB.push((el as HTMLElement).dataset.id!), { signal: b.signal });
    a.abort();
    expect(disconnect).not.toHaveBeenCalled();
    document.body.append(row('1'));
    await frame();
    expect(seenA).toEqual([]);
    expect(seenB).toEqual(['1']);
    b.abort();
    expect(disconnect).toHaveBeenCalledTimes(1);

    const again: string[] = [];
    observe('.order-row', (el) => again.push((el as HTMLElement).dataset.id!), { signal: signal() });
    expect(again).toEqual(['1']); // a new registration sees what is on the page
    document.body.append(row('2'));
    await frame();
    expect(again).toEqual(['1', '2']);
  });
});

describe('a failing feature breaks nothing else', () => {
  it('a throwing callback does not stop other registrations, nor its own later frames', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    let calls = 0;
    observeBatches(
      '.order-row',
      () => {
        calls++;
        throw new Error('feature bug');
      },
      { signal: signal() },
    );
    const seen: string[] = [];
    observe('.order-row', (el) => seen.push((el as HTMLElement).dataset.id!), { signal: signal() });
    document.body.append(row('1'));
    await frame();
    document.body.append(row('2'));
    await frame();
    expect(seen).toEqual(['1', '2']);
    expect(calls).toBe(2);
    expect(error).toHaveBeenCalled();
  });

  it('per-element form: an element whose handler throws does not cost the other elements of its batch', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const handled: string[] = [];
    observe(
      '.order-row',
      (el) => {
        const id = (el as HTMLElement).dataset.id!;
        if (id === 'malformed') throw new Error('cannot read this row');
        handled.push(id);
      },
      { signal: signal() },
    );
    document.body.append(row('1'), row('malformed'), row('3'), row('4'));
    await frame();
    expect(handled).toEqual(['1', '3', '4']);
  });
});
