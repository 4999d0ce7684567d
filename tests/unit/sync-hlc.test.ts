// The hybrid logical clock: string order is clock order, and stamps only move forward.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, encodeHlc, initialHlc, observe, parseHlc, tick, type HlcState } from '@/lib/sync/hlc';

const clientId = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const state = fc.record({ wall: fc.integer({ min: 0, max: 4e12 }), counter: fc.integer({ min: 0, max: 999_999 }), clientId });

describe('hlc', () => {
  it('round-trips through its encoding', () => {
    fc.assert(
      fc.property(state, (s) => {
        expect(parseHlc(encodeHlc(s))).toEqual(s);
      }),
    );
  });

  it('string order equals (wall, counter, clientId) order', () => {
    fc.assert(
      fc.property(state, state, (a, b) => {
        const byFields = a.wall !== b.wall ? Math.sign(a.wall - b.wall) : a.counter !== b.counter ? Math.sign(a.counter - b.counter) : a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0;
        // Fields order equals string order whenever clientIds do not prefix one another at the same (wall, counter).
        expect(compareHlc(encodeHlc(a), encodeHlc(b))).toBe(byFields);
      }),
    );
  });

  it('tick and observe always move forward, past anything observed, whatever the wall clock does', () => {
    fc.assert(
      fc.property(
        clientId,
        fc.array(fc.oneof(fc.record({ kind: fc.constant('tick' as const), now: fc.integer({ min: 0, max: 4e12 }) }), fc.record({ kind: fc.constant('observe' as const), now: fc.integer({ min: 0, max: 4e12 }), remote: state }))),
        (id, events) => {
          let s: HlcState = initialHlc(id);
          let prev = encodeHlc(s);
          for (const e of events) {
            if (e.kind === 'tick') s = tick(s, e.now);
            else {
              const remote = encodeHlc(e.remote);
              s = observe(s, remote, e.now);
              expect(s.wall > e.remote.wall || (s.wall === e.remote.wall && s.counter > e.remote.counter)).toBe(true);
            }
            const next = encodeHlc(s);
            expect(compareHlc(next, prev)).toBe(1);
            prev = next;
          }
        },
      ),
    );
  });

  it('rejects malformed stamps and client ids', () => {
    expect(() => parseHlc('nope')).toThrow();
    expect(() => initialHlc('has space')).toThrow();
  });
});
