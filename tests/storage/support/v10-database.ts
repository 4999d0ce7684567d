import Dexie from 'dexie';

/** A database as schema v10 left it (before score buckets and tallies), to test the upgrades from it. */
export function v10Database(name: string): Dexie {
  const v10 = new Dexie(name);
  v10.version(10).stores({
    contacts: 'id, *emailKeys, *searchKeys, updatedAt, companyDomain, lifecycleStage, leadGrade, leadScore',
    activities: 'id, &key, [targetId+occurredAt], type, [type+occurredAt]',
    stageHistory: 'id, [contactId+at], at', consentLog: 'id, [contactId+at]', settings: 'key', companies: 'domain, name',
    deals: 'id, [contactId+date], status, date', templates: 'id, order', templateUsage: 'templateId', importBatches: 'id, startedAt',
    importJournal: '[batchId+contactId], batchId, contactId', importMappings: 'signature', privacyAudit: 'id, at', privacyState: 'key',
    outbox: '++seq, [entity+id]', syncState: 'key',
  });
  return v10;
}
