import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { BuyerPicker, type BuyerHit } from '@/components/BuyerPicker';
import { RpcCallError } from '@/lib/rpc/client';
import { EVIL, renderUi } from './ui';

const ALICE: BuyerHit = { customerId: 'c_alice', displayName: 'Alice Liddell', key: 'alice@example.com' };
const ALINA: BuyerHit = { customerId: 'c_alina', displayName: 'Alina Z', key: 'wangwang:alina' };

/** A promise the test settles by hand, to make answers arrive in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Search = (query: string) => Promise<BuyerHit[]>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Let time pass (and promises settle) inside act. */
const wait = (ms = 0) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));

function setup(search: Search = async () => []) {
  const searchFn = vi.fn<Search>(search);
  const onPick = vi.fn<(hit: BuyerHit) => void>();
  const result = renderUi(<BuyerPicker search={searchFn} onPick={onPick} />);
  const input = screen.getByRole<HTMLInputElement>('searchbox', { name: 'Find the buyer' });
  const type = (value: string) => fireEvent.input(input, { target: { value } });
  const hits = () => [...result.container.querySelectorAll<HTMLButtonElement>('[data-bl="buyer-hit"]')];
  return { ...result, search: searchFn, onPick, input, type, hits };
}

describe('BuyerPicker', () => {
  it('searches only after 200 ms without typing, with the trimmed latest text', async () => {
    const { search, type, hits } = setup(async () => [ALICE]);
    type('a');
    await wait(150);
    type('al');
    await wait(150);
    type('  ali ');
    await wait(199);
    expect(search).not.toHaveBeenCalled();
    expect(hits()).toHaveLength(0);
    await wait(1);
    expect(search.mock.calls).toEqual([['ali']]);
    expect(hits().map((b) => b.textContent)).toEqual(['Alice Liddell alice@example.com']);
  });

  it('does not search for blank text, and clearing the box hides the hits', async () => {
    const { search, type, hits, container } = setup(async () => [ALICE]);
    type('   ');
    await wait(500);
    expect(search).not.toHaveBeenCalled();
    type('al');
    await wait(200);
    expect(hits()).toHaveLength(1);
    type('');
    await wait(500);
    expect(search).toHaveBeenCalledTimes(1);
    expect(hits()).toHaveLength(0);
    expect(container.querySelector('ul.hits')).toBeNull();
  });

  it('when answers cross, only the answer to the latest text is shown', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<BuyerHit[]>>>();
    const { search, type, hits } = setup((q) => {
      const d = deferred<BuyerHit[]>();
      answers.set(q, d);
      return d.promise;
    });
    type('al');
    await wait(200);
    type('alic');
    await wait(200);
    expect(search.mock.calls).toEqual([['al'], ['alic']]);

    // The newer answer arrives first, then the older, slower one.
    answers.get('alic')!.resolve([ALICE]);
    await wait();
    answers.get('al')!.resolve([ALICE, ALINA]);
    await wait();
    expect(hits().map((b) => b.querySelector('b')!.textContent)).toEqual(['Alice Liddell']);

    // An older request that fails late does not show an error either.
    type('alina');
    await wait(200);
    type('alin');
    await wait(200);
    answers.get('alin')!.resolve([ALINA]);
    answers.get('alina')!.reject(new Error('late failure'));
    await wait();
    expect(hits().map((b) => b.querySelector('b')!.textContent)).toEqual(['Alina Z']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when no buyer matches', async () => {
    const { type, hits } = setup(async () => []);
    expect(screen.queryByText(/No buyer of this shop matches/)).toBeNull();
    type('zzz');
    await wait(200);
    expect(hits()).toHaveLength(0);
    expect(screen.getByText('No buyer of this shop matches. Buyers appear here once seen on an order list.')).toBeTruthy();
  });

  it('picking a hit calls onPick with that hit', async () => {
    const { type, hits, onPick } = setup(async () => [ALICE, ALINA]);
    type('ali');
    await wait(200);
    fireEvent.click(hits()[1]!);
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(onPick).toHaveBeenCalledWith(ALINA);
  });

  it('shows a search error as an alert, our i18n keys translated', async () => {
    const { type } = setup(async () => {
      throw new RpcCallError('unreachable', 'error.unreachable');
    });
    type('ali');
    await wait(200);
    expect(screen.getByRole('alert').textContent).toBe('BuyerLens was updated or restarted. Reload this page to continue.');
  });

  it('shows other errors as they say, and a string thrown as is', async () => {
    let fail: unknown = new Error('Database is locked');
    const { type } = setup(async () => {
      throw fail;
    });
    type('ali');
    await wait(200);
    expect(screen.getByRole('alert').textContent).toBe('Database is locked');
    fail = 'plain string';
    type('alic');
    await wait(200);
    expect(screen.getByRole('alert').textContent).toBe('plain string');
  });

  it('a later successful search clears the previous error', async () => {
    let fail = true;
    const { type, hits } = setup(async () => {
      if (fail) throw new Error('Database is locked');
      return [ALICE];
    });
    type('ali');
    await wait(200);
    expect(screen.getByRole('alert')).toBeTruthy();
    fail = false;
    type('alic');
    await wait(200);
    expect(hits()).toHaveLength(1);
    // The failure is over: an alert still saying it was would be wrong.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows page text as text, never as markup', async () => {
    const evil: BuyerHit = { customerId: 'c_evil', displayName: EVIL, key: `<b id="k">${EVIL}</b>` };
    const { type, hits, container } = setup(async () => [evil]);
    type('x');
    await wait(200);
    expect(hits()[0]!.querySelector('b')!.textContent).toBe(EVIL);
    expect(hits()[0]!.querySelector('.muted')!.textContent).toBe(`<b id="k">${EVIL}</b>`);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('#k')).toBeNull();
  });

  it('an error message from the page side is shown as text too', async () => {
    const { type, container } = setup(async () => {
      throw new Error(EVIL);
    });
    type('x');
    await wait(200);
    expect(screen.getByRole('alert').textContent).toBe(EVIL);
    expect(container.querySelector('img')).toBeNull();
  });

  it('keys typed in the box do not reach the page’s own keydown listeners', async () => {
    const { input } = setup();
    const page = vi.fn();
    document.addEventListener('keydown', page);
    window.addEventListener('keydown', page);
    try {
      for (const key of ['a', 'j', 'k', '/', 'Enter', 'Escape']) fireEvent.keyDown(input, { key });
      expect(page).not.toHaveBeenCalled();
      // The listeners do work: a key pressed elsewhere reaches them.
      fireEvent.keyDown(document.body, { key: 'j' });
      expect(page).toHaveBeenCalledTimes(2);
    } finally {
      document.removeEventListener('keydown', page);
      window.removeEventListener('keydown', page);
    }
  });
});
