/**
 * Hybrid logical clock (Kulkarni et al.): physical milliseconds plus a counter, so stamps
 * follow real time closely yet never go backwards on one node, and a node that hears of a
 * later stamp moves past it. Stamps are fixed-width strings that sort in causal order;
 * the node id breaks ties.
 */

export interface HlcState {
  readonly wall: number;
  readonly counter: number;
}

export interface Hlc extends HlcState {
  readonly node: string;
}

const WALL_WIDTH = 9; // base-36 milliseconds: enough until the year 5138
const COUNTER_WIDTH = 4;
const COUNTER_MAX = 36 ** COUNTER_WIDTH - 1;

export const HLC_ZERO: HlcState = { wall: 0, counter: 0 };

export function formatHlc({ wall, counter, node }: Hlc): string {
  return `${wall.toString(36).padStart(WALL_WIDTH, '0')}.${counter.toString(36).padStart(COUNTER_WIDTH, '0')}.${node}`;
}

export function parseHlc(stamp: string): Hlc | undefined {
  const m = /^([0-9a-z]{9})\.([0-9a-z]{4})\.(.+)$/.exec(stamp);
  if (!m) return undefined;
  return { wall: parseInt(m[1]!, 36), counter: parseInt(m[2]!, 36), node: m[3]! };
}

/** The next stamp for a local event at physical time `now`. */
export function tick(state: HlcState, now: number): HlcState {
  if (now > state.wall) return { wall: now, counter: 0 };
  if (state.counter >= COUNTER_MAX) return { wall: state.wall + 1, counter: 0 };
  return { wall: state.wall, counter: state.counter + 1 };
}

/** Merge a stamp heard from elsewhere, so later local stamps sort after it. */
export function receive(state: HlcState, remote: HlcState, now: number): HlcState {
  const wall = Math.max(state.wall, remote.wall, now);
  let counter: number;
  if (wall === state.wall && wall === remote.wall) counter = Math.max(state.counter, remote.counter) + 1;
  else if (wall === state.wall) counter = state.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  else counter = 0;
  if (counter > COUNTER_MAX) return { wall: wall + 1, counter: 0 };
  return { wall, counter };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
