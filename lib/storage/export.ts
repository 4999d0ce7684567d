// Export reads: contacts page by page in id order (a cursor, so 100,000 contacts never sit in one message), filtered
// by segment, optionally with each contact's activities and deals for the JSON export.
import type { Activity } from '@/lib/domain/activity';
import type { Contact } from '@/lib/domain/contact';
import type { Deal } from '@/lib/domain/transactions';
import { fromStored } from './contacts';
import type { FichaDb, StoredContact } from './db';

export interface ExportFilter {
  stage?: string;
  grade?: string;
  tag?: string;
  owner?: string;
}

export interface ExportPage {
  contacts: (Contact & { activities?: Activity[]; deals?: Deal[] })[];
  /** Pass back as `after` for the next page; null at the end. */
  next: string | null;
  /** With `csv`: the page's rows as CSV lines (contacts is then empty) and how many there are. */
  csv?: string;
  count?: number;
}

export function matchesFilter(c: StoredContact, f: ExportFilter): boolean {
  if (f.stage && c.lifecycleStage !== f.stage) return false;
  if (f.grade && (c.leadGrade ?? 'C3') !== f.grade) return false;
  if (f.tag && !c.tags.some((t) => t.toLowerCase() === f.tag?.toLowerCase())) return false;
  if (f.owner && c.owner.toLowerCase() !== f.owner.toLowerCase()) return false;
  return true;
}

export function exportReader(db: FichaDb) {
  return {
    async page(filter: ExportFilter, after: string | null, limit: number, full: boolean): Promise<ExportPage> {
      const base = after === null ? db.contacts.orderBy(':id') : db.contacts.where(':id').above(after);
      const any = filter.stage || filter.grade || filter.tag || filter.owner;
      const rows = await (any ? base.filter((c) => matchesFilter(c, filter)) : base).limit(limit).toArray();
      const contacts: ExportPage['contacts'] = rows.map(fromStored);
      if (full) {
        await Promise.all(
          contacts.map(async (c) => {
            c.activities = await db.activities.where('[targetId+occurredAt]').between([c.id, -Infinity], [c.id, Infinity]).toArray();
            c.deals = await db.deals.where('[contactId+date]').between([c.id, -Infinity], [c.id, Infinity]).toArray();
          }),
        );
      }
      return { contacts, next: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null };
    },
  };
}

export type ExportReader = ReturnType<typeof exportReader>;
