import { beforeEach, describe, expect, it } from 'vitest';
import { send } from '@/lib/messaging/client';
import { exportReader, type FullContact } from '@/lib/storage/export';
import { startBackground } from '../messaging/background-harness';

describe('export pages', () => {
  let bg: ReturnType<typeof startBackground>;
  beforeEach(() => {
    bg = startBackground();
  });

  async function seed(n: number) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const { contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: `p${i}@acme${i}.com`, displayName: `P ${i}` } });
      ids.push(contact.id);
      // Every other contact gets a timeline entry (a stage move), so pages mix contacts with and without activities.
      if (i % 2 === 0) await send({ type: 'contacts.changeStage', contactId: contact.id, to: 'customer' });
    }
    return ids;
  }

  async function allJson(reader: ReturnType<typeof exportReader>, limit: number, maxChars?: number) {
    const out: FullContact[] = [];
    let pages = 0;
    let after: string | null = null;
    do {
      const page = await reader.jsonPage({}, after, limit, maxChars);
      pages++;
      const contacts = page.json ? (JSON.parse(`[${page.json}]`) as FullContact[]) : [];
      expect(page.count).toBe(contacts.length);
      out.push(...contacts);
      after = page.next;
    } while (after);
    return { out, pages };
  }

  it('JSON pages carry each contact with its own activities and deals only, every contact once', async () => {
    const ids = await seed(9);
    const { out, pages } = await allJson(exportReader(bg.db), 4);
    expect(pages).toBe(3);
    expect(out.map((c) => c.id)).toEqual([...ids].sort());
    for (const c of out) {
      expect(c.activities?.every((a) => a.targetId === c.id)).toBe(true);
      const moved = ids.indexOf(c.id) % 2 === 0;
      expect(c.activities?.some((a) => a.type === 'stage.changed')).toBe(moved);
      expect(c.deals).toEqual([]);
    }
  });

  it('a JSON page stops past its size cap and the next page goes on from the last contact it holds', async () => {
    const ids = await seed(6);
    // A cap smaller than one record: one contact per page, none lost or repeated.
    const { out, pages } = await allJson(exportReader(bg.db), 5, 10);
    expect(pages).toBe(6);
    expect(out.map((c) => c.id)).toEqual([...ids].sort());
  });

  it('a page read ahead is served only to the request it was read for', async () => {
    await seed(4);
    const reader = exportReader(bg.db);
    const first = await reader.csvPage({}, null, 2, ',');
    expect(first.count).toBe(2);
    // A filtered request with the same cursor does not get the unfiltered page read ahead.
    const filtered = await reader.csvPage({ stage: 'customer' }, first.next, 2, ',');
    expect(filtered.csv?.split('\r\n').filter(Boolean).every((line) => line.includes('Customer'))).toBe(true);
    const rest = await reader.csvPage({}, first.next, 2, ',');
    expect(rest.count).toBe(2);
  });
});
