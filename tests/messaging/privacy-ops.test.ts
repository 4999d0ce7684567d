import { beforeEach, describe, expect, it } from 'vitest';
import { send } from '@/lib/messaging/client';
import { retentionCutoff } from '@/lib/storage/privacy-ops';
import { startBackground } from './background-harness';

describe('privacy operations (GDPR) through the background', () => {
  let bg: ReturnType<typeof startBackground>;
  let id: string;
  beforeEach(async () => {
    bg = startBackground();
    ({ contact: { id } } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } }));
    await send({ type: 'activities.addNote', contactId: id, text: 'Met at the fair' });
    await send({ type: 'contacts.changeStage', contactId: id, to: 'customer' });
    await send({ type: 'contacts.updatePrivacy', contactId: id, legalBasis: 'consent', consentStatus: 'granted', doNotContact: false, source: 'web form' });
    await bg.db.deals.add({ id: 'd1', contactId: id, title: 'Renewal', amount: 1000, currency: 'EUR', date: Date.now() - 1000, status: 'won' });
  });

  it("exports everything held on the person: record, activities, stage history, consent log, deals", async () => {
    const data = await send<'privacy.exportPerson'>({ type: 'privacy.exportPerson', contactId: id });
    expect(data).toMatchObject({ format: 'ficha-person', contact: { id, firstName: 'Ana' } });
    expect(data.activities.some((a) => a.type === 'note.added')).toBe(true);
    expect(data.stageHistory).toHaveLength(1);
    expect(data.consentLog.length).toBeGreaterThan(0);
    expect(data.deals).toHaveLength(1);
    const [entry] = await send<'privacy.audit'>({ type: 'privacy.audit' });
    expect(entry).toMatchObject({ action: 'export_person' });
  });

  it("names only the person's own addresses on the emails it exports: the other people on them are counted", async () => {
    const email = { contactId: id, messageId: 'm-1', threadId: 't-1', subject: 'Proposal', direction: 'in' as const, sentAt: 1_764_000_000_000 };
    await send({ type: 'activities.logEmail', email: { ...email, participants: ['Ana@ClientCo.com', 'carol@other.example', 'rep@acme-sales.com'] } });
    const data = await send<'privacy.exportPerson'>({ type: 'privacy.exportPerson', contactId: id });
    const logged = data.activities.find((a) => a.type === 'email.received');
    expect(logged?.data).toMatchObject({ messageId: 'm-1', participants: ['Ana@ClientCo.com'], otherParticipants: 2 });
    expect(JSON.stringify(data)).not.toContain('carol@other.example');
    // What is stored is unchanged: the timeline still shows who was on the email.
    const stored = await bg.db.activities.where('type').equals('email.received').first();
    expect(stored?.data.participants).toEqual(['Ana@ClientCo.com', 'carol@other.example', 'rep@acme-sales.com']);
  });

  it('erases contact, activities, stage history, consent log and deals; adds to never-log on request; audit has no personal data', async () => {
    const other = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'bob@clientco.com', displayName: 'Bob' } });
    const result = await send<'privacy.erasePerson'>({ type: 'privacy.erasePerson', contactId: id, addToNeverLog: true });
    expect(result).toMatchObject({ erased: true, counts: { contacts: 1, stageHistory: 1, deals: 1 }, neverLogAdded: ['ana@clientco.com'] });
    expect(result.counts.activities).toBeGreaterThanOrEqual(2);
    expect((await send<'contacts.lookup'>({ type: 'contacts.lookup', emails: ['ana@clientco.com'] }))['ana@clientco.com']).toBeNull();
    for (const table of [bg.db.activities, bg.db.stageHistory, bg.db.consentLog, bg.db.deals] as const) {
      const left = await (table as typeof bg.db.activities).toArray();
      expect(JSON.stringify(left)).not.toContain(id);
    }
    expect((await send<'settings.get'>({ type: 'settings.get' })).neverLog).toContain('ana@clientco.com');
    // The colleague is untouched.
    expect(await send<'contacts.get'>({ type: 'contacts.get', id: other.contact.id })).toMatchObject({ firstName: 'Bob' });
    const audit = await send<'privacy.audit'>({ type: 'privacy.audit' });
    expect(audit[0]).toMatchObject({ action: 'erase', counts: { contacts: 1, neverLog: 1 } });
    const text = JSON.stringify(audit);
    for (const personal of ['ana', 'clientco', 'Ruiz', id]) expect(text).not.toContain(personal);
    // Creating them again later (a new email) starts clean; logging is blocked by never-log.
    await expect(send({ type: 'privacy.erasePerson', contactId: id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('erase also drops the import-undo snapshot, so undoing an older import cannot bring the person back', async () => {
    const batch = await send<'import.begin'>({ type: 'import.begin', fileName: 'x.csv', fileSize: 1, format: 'generic', mapping: ['email', 'title'] });
    const record = { row: 2, emails: ['ana@clientco.com'], firstName: '', lastName: '', company: '', title: 'CTO', phones: [], stage: null, owner: '', createdAt: null, tags: [], website: '', location: '' };
    await send({ type: 'import.chunk', batchId: batch.id, seq: 0, records: [record], rejected: 0, rows: 1 });
    await send({ type: 'import.finish', batchId: batch.id });
    await send({ type: 'privacy.erasePerson', contactId: id });
    await send({ type: 'import.undo', batchId: batch.id });
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(0);
  });

  it('retention deletes activities older than N months, reports the count, and is off by default', async () => {
    expect(await send<'privacy.retention'>({ type: 'privacy.retention' })).toEqual({ months: null, lastRunAt: null, lastRemoved: 0 });
    const old = retentionCutoff(Date.now(), 13);
    await bg.db.activities.add({ id: 'old1', key: 'note:old1', type: 'note.added', targetType: 'contact', targetId: id, occurredAt: old, createdAt: old, createdBy: '', summary: 'old', data: {} });
    expect((await send<'privacy.runRetention'>({ type: 'privacy.runRetention' })).removed).toBe(0);
    // An activity just inside the kept period stays.
    const recent = retentionCutoff(Date.now(), 11);
    await bg.db.activities.add({ id: 'kept1', key: 'note:kept1', type: 'email.received', targetType: 'contact', targetId: id, occurredAt: recent, createdAt: recent, createdBy: '', summary: 'kept', data: {} });
    await send({ type: 'privacy.setRetention', months: 12 });
    const run = await send<'privacy.runRetention'>({ type: 'privacy.runRetention' });
    expect(run).toMatchObject({ months: 12, removed: 1, lastRemoved: 1 });
    expect(await bg.db.activities.get('old1')).toBeUndefined();
    expect(await bg.db.activities.get('kept1')).toBeDefined();
    // A run that removes nothing leaves no audit line.
    const audited = (await send<'privacy.audit'>({ type: 'privacy.audit' })).length;
    expect((await send<'privacy.runRetention'>({ type: 'privacy.runRetention' })).removed).toBe(0);
    expect((await send<'privacy.audit'>({ type: 'privacy.audit' })).length).toBe(audited);
    expect((await send<'activities.list'>({ type: 'activities.list', contactId: id })).length).toBeGreaterThan(0);
    expect((await send<'privacy.audit'>({ type: 'privacy.audit' }))[0]).toMatchObject({ action: 'retention', counts: { activities: 1, months: 12 } });
    expect(retentionCutoff(Date.UTC(2025, 2, 31, 10), 1)).toBe(Date.UTC(2025, 1, 28, 10));
    expect(retentionCutoff(Date.UTC(2025, 0, 15), 13)).toBe(Date.UTC(2023, 11, 15));
  });

  it("the consent log says who recorded a change: the rep's address when the sidebar gives it, else 'me'", async () => {
    await send({ type: 'contacts.updatePrivacy', contactId: id, legalBasis: 'contract', consentStatus: 'granted', doNotContact: false, source: 'sidebar', by: 'rep@acme-sales.com' });
    const { consentLog } = await send<'privacy.exportPerson'>({ type: 'privacy.exportPerson', contactId: id });
    expect(consentLog.find((e) => e.source === 'sidebar')).toMatchObject({ by: 'rep@acme-sales.com' });
    expect(consentLog.find((e) => e.source === 'web form')).toMatchObject({ by: 'me' });
  });
});
