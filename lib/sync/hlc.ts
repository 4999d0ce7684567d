// Hybrid logical clock: wall-clock milliseconds + a counter + the writer's clientId.
// Encoded as a fixed-width string so plain string comparison is the clock order, and the clientId
// suffix makes every stamp unique, which breaks ties deterministically on every replica.
// Pure: callers pass `now`, so tests (and the property test) control time.

export type Hlc = string;

export interface HlcState {
  wall: number;
  counter: number;
  clientId: string;
}

const WALL_WIDTH = 15; // ms since epoch, zero-padded: good until the year 33658
const COUNTER_WIDTH = 6;
export const MAX_COUNTER = 10 ** COUNTER_WIDTH - 1;

/** clientId alphabet: safe inside the encoded stamp and in logs. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const HLC_PATTERN = /^\d{15}:\d{6}:[A-Za-z0-9_-]{1,64}$/;

export function encodeHlc(s: HlcState): Hlc {
  return `${String(s.wall).padStart(WALL_WIDTH, '0')}:${String(s.counter).padStart(COUNTER_WIDTH, '0')}:${s.clientId}`;
}

export function parseHlc(stamp: Hlc): HlcState {
  if (!HLC_PATTERN.test(stamp)) throw new Error(`Not an HLC stamp: ${stamp}`);
  const [wall = '', counter = '', clientId = ''] = stamp.split(':');
  return { wall: Number(wall), counter: Number(counter), clientId };
}

export function compareHlc(a: Hlc, b: Hlc): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxHlc(a: Hlc | null, b: Hlc | null): Hlc | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

export function initialHlc(clientId: string): HlcState {
  if (!CLIENT_ID_PATTERN.test(clientId)) throw new Error(`Invalid clientId: ${clientId}`);
  return { wall: 0, counter: 0, clientId };
}

function advance(state: HlcState, wall: number, counter: number): HlcState {
  if (counter > MAX_COUNTER) return { ...state, wall: wall + 1, counter: 0 }; // borrow a millisecond
  return { ...state, wall, counter };
}

/** A local event (a write): the new stamp is greater than every stamp this client has issued or seen. */
export function tick(state: HlcState, now: number): HlcState {
  const wall = Math.floor(now);
  if (wall > state.wall) return { ...state, wall, counter: 0 };
  return advance(state, state.wall, state.counter + 1);
}

/** Seeing a remote stamp (a pull): later local stamps sort after it even when our wall clock is behind. */
export function observe(state: HlcState, remote: Hlc, now: number): HlcState {
  const r = parseHlc(remote);
  const wall = Math.max(state.wall, r.wall, Math.floor(now));
  if (wall === state.wall && wall === r.wall) return advance(state, wall, Math.max(state.counter, r.counter) + 1);
  if (wall === state.wall) return advance(state, wall, state.counter + 1);
  if (wall === r.wall) return advance(state, wall, r.counter + 1);
  return { ...state, wall, counter: 0 };
}
