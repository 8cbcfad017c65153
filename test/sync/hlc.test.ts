import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, HLC_ZERO, parseHlc, receive, tick, type HlcState } from '@/lib/sync/hlc';

// fast-check is not installed: properties are checked over seeded pseudo-random values instead.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTER_MAX = 36 ** 4 - 1;
const BASE = Date.UTC(2026, 10, 2);

function cmp(a: HlcState, b: HlcState): number {
  return a.wall - b.wall || a.counter - b.counter;
}

describe('tick: local stamps never go backwards', () => {
  it('follows the physical clock when it moves forward', () => {
    expect(tick(HLC_ZERO, BASE)).toEqual({ wall: BASE, counter: 0 });
    expect(tick({ wall: BASE, counter: 7 }, BASE + 5)).toEqual({ wall: BASE + 5, counter: 0 });
  });

  it('counts up when the clock stands still or jumps backwards', () => {
    expect(tick({ wall: BASE, counter: 3 }, BASE)).toEqual({ wall: BASE, counter: 4 });
    expect(tick({ wall: BASE, counter: 3 }, BASE - 60_000)).toEqual({ wall: BASE, counter: 4 });
  });

  it('rolls over to the next millisecond instead of overflowing the counter width', () => {
    const next = tick({ wall: BASE, counter: COUNTER_MAX }, BASE - 1);
    expect(next).toEqual({ wall: BASE + 1, counter: 0 });
    expect(formatHlc({ ...next, node: 'n' }) > formatHlc({ wall: BASE, counter: COUNTER_MAX, node: 'n' })).toBe(true);
  });

  it('is strictly increasing for any sequence of clock readings (seeded)', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const r = rng(seed);
      let state: HlcState = HLC_ZERO;
      let now = BASE;
      for (let i = 0; i < 400; i++) {
        // The clock drifts forward, stalls, or jumps back by up to a minute.
        now += Math.floor((r() - 0.6) * 120_000);
        const next = tick(state, now);
        expect(cmp(next, state), `seed ${seed} step ${i}`).toBeGreaterThan(0);
        expect(next.wall).toBeGreaterThanOrEqual(now);
        state = next;
      }
    }
  });
});

describe('receive: a node moves past stamps it hears of', () => {
  it('moves past a remote stamp from the future even while the local clock lags', () => {
    const local = { wall: BASE, counter: 2 };
    const remote = { wall: BASE + 10_000, counter: 5 };
    const merged = receive(local, remote, BASE + 1);
    expect(merged).toEqual({ wall: BASE + 10_000, counter: 6 });
    expect(cmp(tick(merged, BASE + 2), remote)).toBeGreaterThan(0);
  });

  it('takes the larger counter when walls are equal', () => {
    expect(receive({ wall: BASE, counter: 9 }, { wall: BASE, counter: 3 }, BASE - 5)).toEqual({ wall: BASE, counter: 10 });
    expect(receive({ wall: BASE, counter: 3 }, { wall: BASE, counter: 9 }, BASE)).toEqual({ wall: BASE, counter: 10 });
  });

  it('resets the counter when the physical clock is ahead of both', () => {
    expect(receive({ wall: BASE, counter: 9 }, { wall: BASE + 1, counter: 9 }, BASE + 2)).toEqual({ wall: BASE + 2, counter: 0 });
  });

  it('rolls over when the remote counter is at its maximum', () => {
    expect(receive({ wall: BASE, counter: 0 }, { wall: BASE, counter: COUNTER_MAX }, BASE)).toEqual({ wall: BASE + 1, counter: 0 });
  });

  it('is after both the local and the remote stamp, for any inputs (seeded)', () => {
    const r = rng(42);
    for (let i = 0; i < 5_000; i++) {
      const local = { wall: BASE + Math.floor(r() * 1000), counter: Math.floor(r() * 4) === 0 ? COUNTER_MAX : Math.floor(r() * 20) };
      const remote = { wall: BASE + Math.floor(r() * 1000), counter: Math.floor(r() * 4) === 0 ? COUNTER_MAX : Math.floor(r() * 20) };
      const now = BASE + Math.floor(r() * 1000);
      const merged = receive(local, remote, now);
      expect(cmp(merged, local), JSON.stringify({ local, remote, now })).toBeGreaterThan(0);
      expect(cmp(merged, remote), JSON.stringify({ local, remote, now })).toBeGreaterThan(0);
      expect(merged.counter).toBeLessThanOrEqual(COUNTER_MAX);
    }
  });
});

describe('formatted stamps', () => {
  it('round-trip through parseHlc', () => {
    const stamp = { wall: BASE, counter: 17, node: 'member-1' };
    expect(parseHlc(formatHlc(stamp))).toEqual(stamp);
    expect(parseHlc('not a stamp')).toBeUndefined();
    expect(parseHlc('')).toBeUndefined();
  });

  it('sort as strings exactly like (wall, counter) (seeded)', () => {
    const r = rng(7);
    const pick = () => ({
      wall: [0, 1, 35, 36, BASE, BASE + 1, 36 ** 8, 36 ** 9 - 1][Math.floor(r() * 8)]! + (r() < 0.5 ? 0 : Math.floor(r() * 50)),
      counter: [0, 1, 35, 36, 1295, 1296, COUNTER_MAX][Math.floor(r() * 7)]!,
    });
    for (let i = 0; i < 5_000; i++) {
      const a = pick();
      const b = pick();
      if (a.wall > 36 ** 9 - 1 || b.wall > 36 ** 9 - 1) continue;
      const fa = formatHlc({ ...a, node: 'n1' });
      const fb = formatHlc({ ...b, node: 'n1' });
      expect(Math.sign(compareHlc(fa, fb)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(Math.sign(cmp(a, b)));
    }
  });

  it('break ties between nodes by node id, and never equal for different nodes', () => {
    const a = formatHlc({ wall: BASE, counter: 1, node: 'alice' });
    const b = formatHlc({ wall: BASE, counter: 1, node: 'bob' });
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, a)).toBe(1);
    expect(compareHlc(a, a)).toBe(0);
    // The node never outweighs time.
    expect(compareHlc(formatHlc({ wall: BASE, counter: 2, node: 'a' }), formatHlc({ wall: BASE, counter: 1, node: 'zzz' }))).toBe(1);
  });
});
