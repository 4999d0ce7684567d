// Applies one pulled page in one transaction marked remote (no outbox rows): local changes not yet acknowledged are
// merged on top with the server's own rule, tombstones delete, one activity per natural key, scores follow.
import type { Contact } from '@/lib/domain/contact';
import { toScoringContact } from '@/lib/domain/profile-scoring';
import type { Scorer } from '@/lib/domain/scoring';
import { DEFAULT_SETTINGS } from '@/lib/domain/settings';
import { applyMutation, isDeleted, type RowState } from '@/lib/sync/merge';
import type { Entity, Json, PulledRow, PullResponse } from '@/lib/sync/wire';
import { fromStored, toStored } from '../contacts';
import type { FichaDb, SettingsRow, StoredContact } from '../db';
import { activeScorer, rescoreContact } from '../scores';
import { SCORING_MODEL_ID, type OutboxRow, type SyncTracker } from '../sync-tracking';
import { readSyncState } from './push';

/** Above this many contacts touched in one page, scores are recomputed by one chunked rescore after the pull. */
const RESCORE_INLINE_MAX = 200;

const ENTITY_TABLE: Partial<Record<Entity, 'contacts' | 'companies' | 'activities' | 'stageHistory' | 'deals' | 'templates'>> = {
  contacts: 'contacts',
  companies: 'companies',
  activities: 'activities',
  stageHistory: 'stageHistory',
  deals: 'deals',
  templates: 'templates',
};

export interface Applied {
  changed: number;
  /** Contacts this page deleted: what this device still holds about them goes next (erased-elsewhere.ts). */
  deletedContacts: string[];
  modelChanged: boolean;
  contactsToRescore: Set<string>;
}

const stateOf = (row: PulledRow): RowState => ({ fields: row.fields, clocks: row.clocks, put: row.put, del: row.del });

/**
 * Fields without which a row of each table is not a row. A row deleted on one replica and edited on another (that had
 * not heard of the delete) stays live on the server with only the edited fields: every replica then treats it as
 * deleted (the one that edited it removes its full copy), so all of them converge instead of one keeping it for good.
 * Only a row that was deleted once counts: a seeded template every device has is sent as its edited fields alone.
 */
const ANCHORS: Record<string, readonly string[]> = {
  companies: ['name'],
  activities: ['key', 'type', 'targetId', 'occurredAt'],
  stageHistory: ['contactId', 'to', 'at'],
  deals: ['contactId', 'title', 'status', 'date'],
  templates: ['name', 'body'],
};
const isWhole = (table: string, fields: Record<string, Json>) => (ANCHORS[table] ?? []).every((f) => fields[f] !== undefined && fields[f] !== null);

function materialiseContact(id: string, fields: Record<string, Json>, existing: StoredContact | undefined, scorer: Scorer, at: number): StoredContact | null {
  const f = fields as Partial<Contact>;
  if (!Array.isArray(f.emails) || f.emails.length === 0) return null;
  const contact = fromStored({
    ...(f as Contact),
    id,
    firstName: f.firstName ?? '',
    lastName: f.lastName ?? '',
    leadScore: existing?.leadScore ?? 0,
    leadGrade: existing?.leadGrade ?? 'C3',
    emailKeys: [],
    searchKeys: [],
  });
  if (!existing) {
    // A contact new here is scored on its own fields now (pure, no reads): the rescore that follows a large pull
    // then rewrites only the contacts whose activities or company move the score, not every row a second time.
    const score = scorer({ contact: toScoringContact(contact, undefined), activities: [] }, at);
    contact.leadScore = score.total;
    contact.leadGrade = score.grade;
  }
  return toStored(contact);
}

export interface ApplyOptions {
  /** The first full pull (company renames need no per-contact rescore: a full rescore follows). */
  bulk: boolean;
  /** No contact was stored when this pull began: nothing local to keep (scores), so no read before the write. */
  contactsWereEmpty: boolean;
  now: () => number;
}

export async function applyPage(db: FichaDb, tracker: SyncTracker, page: PullResponse, options: ApplyOptions): Promise<Applied> {
  const { bulk, now } = options;
  const applied: Applied = { changed: 0, deletedContacts: [], modelChanged: false, contactsToRescore: new Set() };
  const tables = [db.contacts, db.companies, db.activities, db.stageHistory, db.deals, db.templates, db.settings, db.outbox, db.syncState];
  await db.transaction('rw', tables, async (tx) => {
    tracker.markRemote(tx.idbtrans);
    // Local changes not yet acknowledged stay on top of the server's state (the same LWW merge the server runs).
    // An empty outbox (the usual case on a first pull) skips the lookup of a thousand keys.
    const pending = page.rows.length && (await db.outbox.count()) > 0
      ? await db.outbox.where('[entity+id]').anyOf(page.rows.map((r) => [r.entity, r.id])).sortBy('seq')
      : [];
    const pendingByRow = new Map<string, OutboxRow[]>();
    for (const m of pending) {
      const k = `${m.entity}/${m.id}`;
      pendingByRow.set(k, [...(pendingByRow.get(k) ?? []), m]);
    }
    const byTable = new Map<string, { id: string; deleted: boolean; wasDeleted: boolean; fields: Record<string, Json>; naturalKey: string | null }[]>();
    let maxStamp: string | null = null;
    const neverLogAdd: string[] = [];
    const neverLogRemove: string[] = [];
    let model: { deleted: boolean; value: Json | undefined } | null = null;
    for (const row of page.rows) {
      for (const k in row.clocks) if (maxStamp === null || row.clocks[k]! > maxStamp) maxStamp = row.clocks[k]!;
      for (const c of [row.put, row.del]) if (c && (maxStamp === null || c > maxStamp)) maxStamp = c;
      let state = stateOf(row);
      if (pending.length) for (const m of pendingByRow.get(`${row.entity}/${row.id}`) ?? []) state = applyMutation(state, { op: m.op, hlc: m.hlc, entity: m.entity, fields: m.fields });
      const deleted = isDeleted(state, row.entity);
      if (row.entity === 'neverLog') {
        const entry = typeof state.fields.entry === 'string' ? state.fields.entry : typeof row.fields.entry === 'string' ? row.fields.entry : row.id;
        if (deleted) neverLogRemove.push(entry);
        else neverLogAdd.push(entry);
        continue;
      }
      if (row.entity === 'scoringModels') {
        if (row.id === SCORING_MODEL_ID) model = { deleted, value: state.fields.model };
        continue;
      }
      const table = ENTITY_TABLE[row.entity];
      if (!table) continue;
      const list = byTable.get(table) ?? [];
      list.push({ id: row.id, deleted, wasDeleted: state.del !== null && state.del !== undefined, fields: state.fields, naturalKey: row.naturalKey });
      byTable.set(table, list);
    }

    for (const [table, rows] of byTable) {
      const remains = (r: (typeof rows)[number]) => r.wasDeleted && !isWhole(table, r.fields);
      const gone = rows.filter((r) => r.deleted || remains(r)).map((r) => r.id);
      const live = rows.filter((r) => !r.deleted && !remains(r));
      if (table === 'contacts') {
        const existing = options.contactsWereEmpty ? [] : await db.contacts.bulkGet(live.map((r) => r.id));
        const puts: StoredContact[] = [];
        const scorer = activeScorer(db);
        const at = now();
        live.forEach((r, i) => {
          const c = materialiseContact(r.id, r.fields, existing[i], scorer, at);
          // No addresses: what is left of a contact deleted elsewhere and edited here meanwhile (see ANCHORS).
          if (c) puts.push(c);
          else if (r.wasDeleted) gone.push(r.id);
        });
        await db.contacts.bulkPut(puts);
        for (const c of puts) applied.contactsToRescore.add(c.id);
        if (gone.length) {
          const present = (await db.contacts.bulkGet(gone)).flatMap((c) => (c ? [c.id] : []));
          await db.contacts.bulkDelete(gone);
          applied.deletedContacts.push(...present);
        }
        applied.changed += puts.length + gone.length;
        continue;
      }
      if (table === 'activities') {
        // One activity per natural key: a local copy of the same event under another id gives way.
        const keys = live.map((r) => r.naturalKey ?? (r.fields.key as string)).filter((k): k is string => typeof k === 'string');
        if (keys.length) {
          const clash = await db.activities.where('key').anyOf(keys).toArray();
          const ids = new Set(live.map((r) => r.id));
          const drop = clash.filter((a) => !ids.has(a.id)).map((a) => a.id);
          if (drop.length) await db.activities.bulkDelete(drop);
        }
        const before = gone.length ? await db.activities.bulkGet(gone) : [];
        for (const a of before) if (a) applied.contactsToRescore.add(a.targetId);
        const rows2 = live.map((r) => ({ ...(r.fields as object), id: r.id }) as never);
        await db.activities.bulkPut(rows2);
        for (const r of live) if (typeof r.fields.targetId === 'string') applied.contactsToRescore.add(r.fields.targetId);
        if (gone.length) await db.activities.bulkDelete(gone);
        applied.changed += live.length + gone.length;
        continue;
      }
      const t = db.table(table);
      const key = table === 'companies' ? 'domain' : 'id';
      await t.bulkPut(live.map((r) => ({ ...r.fields, [key]: r.id })));
      if (gone.length) await t.bulkDelete(gone);
      if (table === 'deals') for (const r of live) if (typeof r.fields.contactId === 'string') applied.contactsToRescore.add(r.fields.contactId);
      if (table === 'companies' && !bulk) {
        const domains = [...live.map((r) => r.id), ...gone];
        const ids = await db.contacts.where('companyDomain').anyOf(domains).primaryKeys();
        for (const id of ids) applied.contactsToRescore.add(id);
      }
      applied.changed += live.length + gone.length;
    }

    if (neverLogAdd.length || neverLogRemove.length) {
      const row = await db.settings.get('settings');
      const current = row?.key === 'settings' ? row.value : null;
      const list = new Set(current?.neverLog ?? []);
      for (const e of neverLogRemove) list.delete(e);
      for (const e of neverLogAdd) list.add(e);
      await db.settings.put({ key: 'settings', value: { ...DEFAULT_SETTINGS, ...current, neverLog: [...list] } });
      applied.changed += neverLogAdd.length + neverLogRemove.length;
    }
    if (model) {
      const m = model as { deleted: boolean; value: Json | undefined };
      if (m.deleted || m.value === undefined) await db.settings.delete('scoringModel');
      else {
        const next: SettingsRow = { key: 'scoringModel', value: m.value as never, rescored: false };
        await db.settings.put(next);
      }
      applied.modelChanged = true;
      applied.changed++;
    }

    if (applied.contactsToRescore.size <= RESCORE_INLINE_MAX) {
      const at = now();
      for (const id of applied.contactsToRescore) await rescoreContact(db, id, at);
      applied.contactsToRescore.clear();
    }

    tracker.observe(maxStamp);
    const st = await readSyncState(db);
    if (st) await db.syncState.put({ ...st, cursor: page.cursor, clock: tracker.clockStamp(), pulledHead: Math.max(st.pulledHead, page.head) });
  });
  return applied;
}
