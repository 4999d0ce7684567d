// The pull page check used by the client agrees with the wire schema (PullResponseSchema) on valid and broken pages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePullResponse } from '@/lib/sync/pull-response';
import { PullResponseSchema } from '@/lib/sync/wire';

const stamp = '001700000000000:000001:clientA';
const row = (over: Record<string, unknown> = {}) => ({
  entity: 'contacts',
  id: 'c1',
  naturalKey: null,
  deleted: false,
  fields: { firstName: 'Ana', emails: [{ address: 'ana@acme.com', primary: true }], profile: { general: {} } },
  clocks: { firstName: stamp, emails: stamp },
  put: stamp,
  del: null,
  version: 3,
  ...over,
});
const page = (over: Record<string, unknown> = {}) => ({ rows: [row()], cursor: 'abc', hasMore: false, head: 3, ...over });

describe('parsePullResponse', () => {
  it('returns the page as the schema does, unknown keys dropped', () => {
    const body = { ...page({ rows: [{ ...row(), extra: 1 }] }), extra: true };
    expect(parsePullResponse(body)).toEqual(PullResponseSchema.parse(body));
    expect(parsePullResponse(body)).not.toHaveProperty('extra');
    expect(parsePullResponse(body)!.rows[0]).not.toHaveProperty('extra');
  });

  it.each([
    ['not an object', null],
    ['rows missing', { cursor: 'a', hasMore: false, head: 0 }],
    ['negative head', page({ head: -1 })],
    ['head beyond safe integers', page({ head: 2 ** 53 })],
    ['version beyond safe integers', page({ rows: [row({ version: 2 ** 53 })] })],
    ['unknown entity', page({ rows: [row({ entity: 'users' })] })],
    ['empty id', page({ rows: [row({ id: '' })] })],
    ['id too long', page({ rows: [row({ id: 'x'.repeat(129) })] })],
    ['fields an array', page({ rows: [row({ fields: [] })] })],
    ['clock not a stamp', page({ rows: [row({ clocks: { firstName: 'yesterday' } })] })],
    ['put not a stamp', page({ rows: [row({ put: 5 })] })],
    ['version zero', page({ rows: [row({ version: 0 })] })],
    ['version not an integer', page({ rows: [row({ version: 1.5 })] })],
    ['deleted a string', page({ rows: [row({ deleted: 'no' })] })],
    ['naturalKey a number', page({ rows: [row({ naturalKey: 7 })] })],
  ])('refuses a page with %s, like the schema', (_, body) => {
    expect(PullResponseSchema.safeParse(body).success).toBe(false);
    expect(parsePullResponse(body)).toBeNull();
  });

  it('agrees with the schema on random pages (JSON bodies)', () => {
    const value = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: -2, max: 5 }), fc.constantFrom(2 ** 53 - 1, 2 ** 53), fc.double(), fc.boolean(), fc.constantFrom('', 'contacts', 'neverLog', stamp, 'x', 'a'.repeat(130)), fc.constant([]), fc.constant({}));
    const rowArb = fc.record({
      entity: fc.oneof(fc.constantFrom('contacts', 'activities', 'bogus'), value),
      id: fc.oneof(fc.constantFrom('c1', ''), value),
      naturalKey: fc.oneof(fc.constant(null), fc.string(), value),
      deleted: fc.oneof(fc.boolean(), value),
      fields: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), value),
      clocks: fc.oneof(fc.dictionary(fc.string(), fc.constantFrom(stamp, 'bad')), value),
      put: fc.oneof(fc.constantFrom(null, stamp), value),
      del: fc.oneof(fc.constantFrom(null, stamp), value),
      version: fc.oneof(fc.integer({ min: -1, max: 10 }), value),
    }, { requiredKeys: [] });
    const pageArb = fc.record({ rows: fc.oneof(fc.array(rowArb, { maxLength: 3 }), value), cursor: fc.oneof(fc.string(), value), hasMore: fc.oneof(fc.boolean(), value), head: fc.oneof(fc.nat(), value) }, { requiredKeys: [] });
    fc.assert(
      fc.property(pageArb, (raw) => {
        const body = JSON.parse(JSON.stringify(raw)) as unknown; // what res.json() gives
        const expected = PullResponseSchema.safeParse(body);
        const got = parsePullResponse(body);
        if (expected.success) expect(got).toEqual(expected.data);
        else expect(got).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
