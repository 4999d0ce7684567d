import { type DragEvent, useCallback, useEffect, useRef, useState } from 'react';
import { i18n } from '#i18n';
import { type ColumnMapping, headerSignature, IMPORT_FIELDS, type ImportField, mappingHasEmail } from '@/lib/domain/csv-mapping';
import type { Inspection, RejectedRow } from '@/lib/domain/csv-pipeline';
import type { ImportBatch } from '@/lib/domain/import-batch';
import { MERGE_POLICIES, type MergePolicy } from '@/lib/domain/import-merge';
import { rejectedRowsCsv } from '@/lib/domain/export-csv';
import { send } from '@/lib/messaging/client';
import { MAX_IMPORT_CHUNK } from '@/lib/messaging/features/import';
import { fileChunks, inspectFile } from './csv-worker-client';
import { download } from './download';
import { type ImportProgress, runImport } from './run-import';

// Rows per chunk: one transaction each. Larger chunks rewrite the score buckets they touch (most of them) fewer
// times: 100,000 rows took 37.9 s in chunks of 2,000 and 29.4 s in chunks of 5,000; with contacts in pages, 10.6 s
// in chunks of 5,000 and 7.9 s in chunks of 20,000 (the message limit).
const CHUNK_ROWS = MAX_IMPORT_CHUNK;
const POLICY_LABEL = { fill: 'csvImport.policyFill', overwrite: 'csvImport.policyOverwrite', keep: 'csvImport.policyKeep' } as const;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const STATUS_LABEL = {
  running: 'csvImport.statusRunning',
  partial: 'csvImport.statusPartial',
  done: 'csvImport.statusDone',
  undoing: 'csvImport.statusUndoing',
  undone: 'csvImport.statusUndone',
} as const;

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'mapping'; file: File; inspection: Inspection; mapping: ColumnMapping }
  | { kind: 'running'; progress: ImportProgress | null; fileSize: number }
  | { kind: 'finished'; batch: ImportBatch; rejected: RejectedRow[]; header: string[]; cancelled: boolean }
  | { kind: 'undone'; removed: number; restored: number }
  | { kind: 'failed'; message: string; undo?: true };

function ProgressLine({ progress, fileSize }: { progress: ImportProgress | null; fileSize: number }) {
  if (!progress) return <p>{i18n.t('csvImport.reading')}</p>;
  const seconds = Math.max((progress.at - progress.startedAt) / 1000, 0.001);
  const rate = Math.round(progress.rows / seconds);
  const bytesPerS = progress.bytesRead / seconds;
  const eta = bytesPerS > 0 ? Math.max(0, Math.round((fileSize - progress.bytesRead) / bytesPerS)) : 0;
  return (
    <>
      <progress data-testid="import-progress" max={fileSize || 1} value={progress.bytesRead} />
      <p>{i18n.t('csvImport.progress', [progress.rows.toLocaleString(), rate.toLocaleString(), String(eta)])}</p>
    </>
  );
}

export function ImportSection() {
  const [policy, setPolicy] = useState<MergePolicy>('fill');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [batches, setBatches] = useState<ImportBatch[]>([]);
  const [saveMapping, setSaveMapping] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const resumeFor = useRef<ImportBatch | null>(null);
  const resumeInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(() => {
    void send<'import.batches'>({ type: 'import.batches' }).then(setBatches, () => undefined);
  }, []);
  useEffect(refresh, [refresh]);

  const start = async (file: File, inspection: Pick<Inspection, 'format' | 'header'>, mapping: ColumnMapping, resume: ImportBatch | null) => {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'running', progress: null, fileSize: file.size });
    try {
      const outcome = await runImport(
        resume ? { resumeBatchId: resume.id } : { fileName: file.name, fileSize: file.size, format: inspection.format, policy, mapping },
        fileChunks(file, mapping, CHUNK_ROWS, controller.signal),
        { signal: controller.signal, onProgress: (progress) => setPhase({ kind: 'running', progress, fileSize: file.size }) },
      );
      setPhase({ kind: 'finished', ...outcome, header: inspection.header });
    } catch (error) {
      setPhase({ kind: 'failed', message: messageOf(error) });
    } finally {
      abort.current = null;
      refresh();
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setPhase({ kind: 'reading' });
    try {
      const inspection = await inspectFile(file);
      const saved = await send<'import.findMapping'>({ type: 'import.findMapping', signature: headerSignature(inspection.header) || '-' });
      if (saved && saved.mapping.length === inspection.header.length) return void start(file, inspection, saved.mapping, null);
      if (inspection.recognised) return void start(file, inspection, inspection.mapping, null);
      setPhase({ kind: 'mapping', file, inspection, mapping: inspection.mapping });
    } catch (error) {
      setPhase({ kind: 'failed', message: messageOf(error) });
    }
  };

  const onResumeFile = async (file: File | undefined) => {
    const batch = resumeFor.current;
    if (!file || !batch) return;
    if (file.name !== batch.fileName || file.size !== batch.fileSize) return setPhase({ kind: 'failed', message: i18n.t('csvImport.wrongFile', [batch.fileName]) });
    const inspection = await inspectFile(file);
    void start(file, { format: batch.format, header: inspection.header }, batch.mapping, batch);
  };

  const undo = async (batchId: string) => {
    try {
      const result = await send<'import.undo'>({ type: 'import.undo', batchId });
      setPhase({ kind: 'undone', removed: result.removed, restored: result.restored });
    } catch (error) {
      setPhase({ kind: 'failed', message: messageOf(error), undo: true });
    } finally {
      refresh();
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    void onFile(event.dataTransfer.files[0]);
  };

  const busy = phase.kind === 'running' || phase.kind === 'reading';
  return (
    <section aria-labelledby="opt-import" data-testid="import-section">
      <h2 id="opt-import">{i18n.t('csvImport.title')}</h2>
      <p className="muted">{i18n.t('csvImport.body')}</p>
      <label>
        {i18n.t('csvImport.policy')}{' '}
        <select data-testid="import-policy" value={policy} disabled={busy} onChange={(e) => setPolicy(e.target.value as MergePolicy)}>
          {MERGE_POLICIES.map((p) => (
            <option key={p} value={p}>
              {i18n.t(POLICY_LABEL[p])}
            </option>
          ))}
        </select>
      </label>
      <div className="drop-zone" data-testid="import-drop" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <label>
          {i18n.t('csvImport.file')}{' '}
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            data-testid="import-file"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              void onFile(file);
            }}
          />
        </label>{' '}
        <span className="muted">{i18n.t('csvImport.drop')}</span>
      </div>
      <input type="file" hidden ref={resumeInput} accept=".csv,text/csv,text/plain" data-testid="import-resume-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file again (a second resume) must fire a change too
          void onResumeFile(file);
        }}
      />

      {phase.kind === 'reading' && <p>{i18n.t('csvImport.reading')}</p>}
      {phase.kind === 'mapping' && (
        <MappingScreen
          phase={phase}
          saveMapping={saveMapping}
          setSaveMapping={setSaveMapping}
          onChange={(mapping) => setPhase({ ...phase, mapping })}
          onStart={async () => {
            if (saveMapping) await send({ type: 'import.saveMapping', signature: headerSignature(phase.inspection.header), name: phase.file.name, mapping: phase.mapping });
            void start(phase.file, phase.inspection, phase.mapping, null);
          }}
        />
      )}
      {phase.kind === 'running' && (
        <div role="status">
          <ProgressLine progress={phase.progress} fileSize={phase.fileSize} />
          <button type="button" data-testid="import-cancel" onClick={() => abort.current?.abort()}>
            {i18n.t('csvImport.cancel')}
          </button>
        </div>
      )}
      {phase.kind === 'finished' && (
        <div>
          {phase.cancelled && <p role="alert">{i18n.t('csvImport.cancelled')}</p>}
          <p
            role="status"
            data-testid="import-summary"
            data-imported={phase.batch.counts.imported}
            data-merged={phase.batch.counts.merged}
            data-rejected={phase.batch.counts.rejected}
          >
            {i18n.t('csvImport.summary', [String(phase.batch.counts.imported), String(phase.batch.counts.merged), String(phase.batch.counts.rejected)])}
          </p>
          {phase.rejected.length > 0 && (
            <button type="button" data-testid="import-errors" onClick={() => download('ficha-import-errors.csv', [rejectedRowsCsv(phase.header, phase.rejected)], 'text/csv')}>
              {i18n.t('csvImport.errors')}
            </button>
          )}{' '}
          <button type="button" data-testid="import-undo" onClick={() => void undo(phase.batch.id)}>
            {i18n.t('csvImport.undo')}
          </button>
        </div>
      )}
      {phase.kind === 'undone' && (
        <p role="status" data-testid="import-undone">
          {i18n.t('csvImport.undone', [String(phase.removed), String(phase.restored)])}
        </p>
      )}
      {phase.kind === 'failed' && (
        <p role="alert" className="error-text" data-testid="import-failed">
          {i18n.t(phase.undo ? 'csvImport.undoFailed' : 'csvImport.failed', [phase.message])}
        </p>
      )}

      {batches.length > 0 && (
        <>
          <h3>{i18n.t('csvImport.batches')}</h3>
          <ul data-testid="import-batches">
            {batches.map((b) => (
              <li key={b.id} data-testid="import-batch" data-status={b.status}>
                {b.fileName} — {new Date(b.startedAt).toLocaleString()} — {i18n.t(STATUS_LABEL[b.status])} —{' '}
                {i18n.t('csvImport.summary', [String(b.counts.imported), String(b.counts.merged), String(b.counts.rejected)])}
                {b.status === 'partial' && (
                  <>
                    {' '}
                    <button
                      type="button"
                      data-testid="import-resume"
                      disabled={busy}
                      onClick={() => {
                        resumeFor.current = b;
                        resumeInput.current?.click();
                      }}
                    >
                      {i18n.t('csvImport.resume')}
                    </button>
                  </>
                )}
                {(b.status === 'partial' || b.status === 'done' || b.status === 'undoing') && (
                  <>
                    {' '}
                    {/* Named after its batch: "Undo import" is the button of the import just finished. */}
                    <button
                      type="button"
                      data-testid="import-batch-undo"
                      aria-label={i18n.t('csvImport.undoBatchLabel', [b.fileName, new Date(b.startedAt).toLocaleString()])}
                      disabled={busy}
                      onClick={() => void undo(b.id)}
                    >
                      {i18n.t('csvImport.undoBatch')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const FIELD_LABELS: Record<ImportField, string> = {
  email: 'Email',
  email2: 'Email 2',
  email3: 'Email 3',
  firstName: 'First Name',
  lastName: 'Last Name',
  fullName: 'Full name',
  company: 'Company Name',
  title: 'Job Title',
  phone: 'Phone Number',
  mobile: 'Mobile Phone Number',
  stage: 'Lifecycle Stage',
  leadStatus: 'Lead Status',
  owner: 'Contact owner',
  createdAt: 'Create Date',
  tags: 'Tags',
  website: 'Website URL',
  city: 'City',
  country: 'Country',
};

function MappingScreen({
  phase,
  onChange,
  onStart,
  saveMapping,
  setSaveMapping,
}: {
  phase: Extract<Phase, { kind: 'mapping' }>;
  onChange: (mapping: ColumnMapping) => void;
  onStart: () => void;
  saveMapping: boolean;
  setSaveMapping: (v: boolean) => void;
}) {
  const { inspection, mapping } = phase;
  const delimiter = inspection.delimiter === '\t' ? 'tab' : inspection.delimiter;
  return (
    <div data-testid="import-mapping">
      <h3>{i18n.t('csvImport.mappingTitle')}</h3>
      <p className="muted">{i18n.t('csvImport.mappingBody', [inspection.format, inspection.encoding, delimiter])}</p>
      <table data-testid="import-preview">
        <thead>
          <tr>
            {inspection.header.map((h, i) => (
              <th key={i}>
                <div>{h}</div>
                <select
                  data-testid={`import-map-${i}`}
                  aria-label={h}
                  value={mapping[i] ?? ''}
                  onChange={(e) => onChange(mapping.map((f, j) => (j === i ? ((e.target.value || null) as ImportField | null) : f)))}
                >
                  <option value="">{i18n.t('csvImport.ignore')}</option>
                  {IMPORT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {FIELD_LABELS[f]}
                    </option>
                  ))}
                </select>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {inspection.preview.map((row, r) => (
            <tr key={r}>
              {inspection.header.map((_, i) => (
                <td key={i}>{(row[i] ?? '').slice(0, 80)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <label>
        <input type="checkbox" data-testid="import-save-mapping" checked={saveMapping} onChange={(e) => setSaveMapping(e.target.checked)} /> {i18n.t('csvImport.saveMapping')}
      </label>{' '}
      <button type="button" data-testid="import-start" disabled={!mappingHasEmail(mapping)} onClick={onStart}>
        {i18n.t('csvImport.start')}
      </button>
      {!mappingHasEmail(mapping) && <p className="muted">{i18n.t('csvImport.needsEmail')}</p>}
    </div>
  );
}
