// Export reads: contacts page by page in id order (a cursor, so 100,000 contacts never sit in one message), filtered
// by segment, optionally with each contact's activities and deals for the JSON export. The CSV and JSON text is built
// here, in the background, so the page only joins finished parts.
import type { Activity } from '@/lib/domain/activity';
import type { Contact } from '@/lib/domain/contact';
import { contactCsvCells, csvLine } from '@/lib/domain/export-csv';
import type { Deal } from '@/lib/domain/transactions';
import { fromStored } from './contacts';
import type { FichaDb, StoredContact } from './db';

export interface ExportFilter {
  stage?: string;
  grade?: string;
  tag?: string;
  owner?: string;
}

export type FullContact = Contact & { activities?: Activity[]; deals?: Deal[] };

export interface ExportPage {
  contacts: FullContact[];
  /** Pass back as `after` for the next page; null at the end. */
  next: string | null;
  /** With `csv`: the page's rows as CSV lines (contacts is then empty) and how many there are. */
  csv?: string;
  /** With `json`: the page's full records as JSON texts joined by commas (contacts is then empty). */
  json?: string;
  count?: number;
}

export function matchesFilter(c: StoredContact, f: ExportFilter): boolean {
  if (f.stage && c.lifecycleStage !== f.stage) return false;
  if (f.grade && (c.leadGrade ?? 'C3') !== f.grade) return false;
  if (f.tag && !c.tags.some((t) => t.toLowerCase() === f.tag?.toLowerCase())) return false;
  if (f.owner && c.owner.toLowerCase() !== f.owner.toLowerCase()) return false;
  return true;
}

const filtered = (f: ExportFilter) => Boolean(f.stage || f.grade || f.tag || f.owner);

/** A JSON page stops growing past this many characters (a contact with a huge timeline still goes out whole). */
export const JSON_PAGE_CHARS = 8 * 1024 * 1024;
/** A page read ahead is used only by the request that follows soon after. */
const READ_AHEAD_MS = 30_000;

export function exportReader(db: FichaDb, { now = Date.now }: { now?: () => number } = {}) {
  // The next page, read while the current one is formatted and sent (the IndexedDB read is most of an export's time).
  let ahead: { key: string; at: number; rows: Promise<StoredContact[]> } | null = null;

  const read = (filter: ExportFilter, after: string | null, limit: number): Promise<StoredContact[]> => {
    const base = after === null ? db.contacts.orderBy(':id') : db.contacts.where(':id').above(after);
    return (filtered(filter) ? base.filter((c) => matchesFilter(c, filter)) : base).limit(limit).toArray();
  };

  async function rowsOf(filter: ExportFilter, after: string | null, limit: number): Promise<StoredContact[]> {
    const key = JSON.stringify([filter, after, limit]);
    const hit = ahead && ahead.key === key && now() - ahead.at < READ_AHEAD_MS ? ahead.rows : null;
    ahead = null;
    const rows = await (hit ?? read(filter, after, limit));
    const last = rows.length === limit ? rows[rows.length - 1]?.id : undefined;
    if (last !== undefined) {
      const next = read(filter, last, limit);
      next.catch(() => undefined); // a failed read-ahead is read again on request
      ahead = { key: JSON.stringify([filter, last, limit]), at: now(), rows: next };
    }
    return rows;
  }

  /**
   * Activities and deals of a page's contacts. Unfiltered, the page is every contact of one id range, so two range
   * reads over the compound indexes bring them all; a filtered page may be a few contacts spread over a wide range,
   * so it reads per contact.
   */
  async function attachRecords(contacts: FullContact[], wide: boolean): Promise<void> {
    const first = contacts[0]?.id;
    const last = contacts[contacts.length - 1]?.id;
    if (first === undefined || last === undefined) return;
    if (wide) {
      await Promise.all(
        contacts.map(async (c) => {
          c.activities = await db.activities.where('[targetId+occurredAt]').between([c.id, -Infinity], [c.id, Infinity]).toArray();
          c.deals = await db.deals.where('[contactId+date]').between([c.id, -Infinity], [c.id, Infinity]).toArray();
        }),
      );
      return;
    }
    const [activities, deals] = await Promise.all([
      db.activities.where('[targetId+occurredAt]').between([first, -Infinity], [last, Infinity], true, true).toArray(),
      db.deals.where('[contactId+date]').between([first, -Infinity], [last, Infinity], true, true).toArray(),
    ]);
    const byId = new Map(contacts.map((c) => [c.id, c]));
    for (const c of contacts) {
      c.activities = [];
      c.deals = [];
    }
    for (const a of activities) byId.get(a.targetId)?.activities?.push(a);
    for (const d of deals) byId.get(d.contactId)?.deals?.push(d);
  }

  return {
    /** Contacts as records (optionally with activities and deals). */
    async page(filter: ExportFilter, after: string | null, limit: number, full: boolean): Promise<ExportPage> {
      const rows = await rowsOf(filter, after, limit);
      const contacts: FullContact[] = rows.map(fromStored);
      if (full) await attachRecords(contacts, filtered(filter));
      return { contacts, next: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null };
    },

    /** The page as CSV lines (HubSpot headers, formula cells neutralised; the header line is the page's). */
    async csvPage(filter: ExportFilter, after: string | null, limit: number, delimiter: ',' | ';'): Promise<ExportPage> {
      const rows = await rowsOf(filter, after, limit);
      let csv = '';
      for (const row of rows) csv += csvLine(contactCsvCells(fromStored(row)), delimiter);
      return { contacts: [], csv, count: rows.length, next: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null };
    },

    /**
     * The page as full JSON records (record, activities, deals) joined by commas, verbatim. Stops early past
     * `maxChars`, so one message stays well under the messaging limit whatever the timelines hold.
     */
    async jsonPage(filter: ExportFilter, after: string | null, limit: number, maxChars = JSON_PAGE_CHARS): Promise<ExportPage> {
      const rows = await rowsOf(filter, after, limit);
      const contacts: FullContact[] = rows.map(fromStored);
      await attachRecords(contacts, filtered(filter));
      const texts: string[] = [];
      let chars = 0;
      for (const c of contacts) {
        if (texts.length > 0 && chars >= maxChars) break;
        const text = JSON.stringify(c);
        texts.push(text);
        chars += text.length + 1;
      }
      const cut = texts.length < contacts.length;
      const next = cut ? (contacts[texts.length - 1]?.id ?? null) : rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null;
      return { contacts: [], json: texts.join(','), count: texts.length, next };
    },
  };
}

export type ExportReader = ReturnType<typeof exportReader>;
