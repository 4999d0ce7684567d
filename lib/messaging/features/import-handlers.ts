// Handlers for the messages declared in ./import.ts; the services are built here over the one database.
import { browser } from 'wxt/browser';
import type { FichaDb } from '@/lib/storage/db';
import { exportReader } from '@/lib/storage/export';
import { importService, ImportRefusal } from '@/lib/storage/import';
import { privacyOps } from '@/lib/storage/privacy-ops';
import type { SettingsRepository } from '@/lib/storage/settings';
import { FichaError } from '../errors';
import type { HandlersFor } from '../protocol';
import { ImportRecordsSchema, type ImportResponses } from './import';

interface Deps {
  db: FichaDb;
  settings: SettingsRepository;
}

/** Storage refusals become typed errors: not_found for a missing batch, rejected for a closed or out-of-order one. */
async function refusals<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ImportRefusal) throw new FichaError(error.reason === 'not_found' ? 'not_found' : 'rejected', error.message, { reason: error.reason });
    throw error;
  }
}

/** A chunk's records passed as a blob: URL: only one this extension made (an extension page or its worker). */
async function readOwnBlob(url: string): Promise<string> {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || !url.startsWith(`blob:${origin}/`)) throw new FichaError('invalid_message', 'recordsUrl is not a blob of this extension');
  const response = await fetch(url).catch(() => null);
  if (!response?.ok) throw new FichaError('invalid_message', 'recordsUrl could not be read (revoked?)');
  return response.text();
}

export function importHandlers({ db, settings }: Deps): HandlersFor<keyof ImportResponses> {
  const imports = importService(db, {
    settings,
    moveReason: (file) => {
      try {
        return (browser.i18n.getMessage as (name: string, subs?: string[]) => string)('csvImport_stageMoveReason', [file]) || `CSV import: ${file}`;
      } catch {
        return `CSV import: ${file}`;
      }
    },
  });
  const exports = exportReader(db);
  const privacy = privacyOps(db, { settings });
  return {
    'import.begin': ({ type: _t, ...input }) => imports.begin(input),
    'import.chunk': async ({ type: _t, recordsJson, recordsUrl, ...chunk }) => {
      const text = recordsUrl !== undefined ? await readOwnBlob(recordsUrl) : recordsJson;
      if (text === undefined) return refusals(imports.chunk(chunk));
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new FichaError('invalid_message', 'The chunk records are not JSON');
      }
      const records = ImportRecordsSchema.safeParse(json);
      if (!records.success) throw new FichaError('invalid_message', 'Invalid import records', records.error.issues.slice(0, 20));
      return refusals(imports.chunk({ ...chunk, records: [...chunk.records, ...records.data] }));
    },
    'import.finish': ({ batchId }) => refusals(imports.finish(batchId)),
    'import.cancel': ({ batchId }) => refusals(imports.cancel(batchId)),
    'import.resume': ({ batchId }) => refusals(imports.resume(batchId)),
    'import.undo': ({ batchId }) => refusals(imports.undo(batchId)),
    'import.batches': () => imports.list(),
    'import.saveMapping': ({ signature, name, mapping }) => imports.saveMapping({ signature, name, mapping }),
    'import.findMapping': ({ signature }) => imports.findMapping(signature),
    'export.page': ({ filter, after, limit, full, csv, json }) => {
      if (csv) return exports.csvPage(filter, after, limit, csv);
      if (json) return exports.jsonPage(filter, after, limit);
      return exports.page(filter, after, limit, full);
    },
    'privacy.exportPerson': async ({ contactId }) => {
      const data = await privacy.exportPerson(contactId);
      if (!data) throw new FichaError('not_found', `No contact with id ${contactId}`);
      return data;
    },
    'privacy.erasePerson': async ({ contactId, addToNeverLog }) => {
      const result = await privacy.erasePerson(contactId, { addToNeverLog });
      if (!result.erased) throw new FichaError('not_found', `No contact with id ${contactId}`);
      return result;
    },
    'privacy.audit': () => privacy.auditLog(),
    'privacy.retention': () => privacy.retention(),
    'privacy.setRetention': ({ months }) => privacy.setRetention(months),
    'privacy.runRetention': () => privacy.runRetention(),
  };
}
