import { useState } from 'react';
import { i18n } from '#i18n';
import { csvHeader } from '@/lib/domain/export-csv';
import { DEFAULT_STAGE_IDS, RELATIONSHIP_STAGE_IDS } from '@/lib/domain/stage-ids';
import { send } from '@/lib/messaging/client';
import { download } from './download';

const GRADES = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'];
const CSV_PAGE = 5000;
// Full records carry their timelines: fewer per page (the background also cuts a page past 8 MB of JSON).
const JSON_PAGE = 1000;

/**
 * Reads every matching contact page by page (the background builds each page's text) and keeps each page as a Blob,
 * so the strings are released as it goes and a 100,000-contact JSON export with its activities never sits in the
 * page's memory as one string.
 */
export async function exportContacts(options: {
  format: 'csv' | 'json';
  delimiter: ',' | ';';
  bom: boolean;
  filter: { stage?: string; grade?: string; tag?: string; owner?: string };
}): Promise<{ parts: Blob[]; count: number }> {
  const json = options.format === 'json';
  const type = json ? 'application/json' : 'text/csv;charset=utf-8';
  const parts: Blob[] = [new Blob([json ? `{"format":"ficha-export","version":1,"exportedAt":${Date.now()},"contacts":[` : csvHeader(options)], { type })];
  let after: string | null = null;
  let count = 0;
  do {
    const page: Awaited<ReturnType<typeof send<'export.page'>>> = await send<'export.page'>({
      type: 'export.page',
      filter: options.filter,
      after,
      limit: json ? JSON_PAGE : CSV_PAGE,
      ...(json ? { json: true } : { csv: options.delimiter }),
    });
    const text = (json ? page.json : page.csv) ?? '';
    if (text) parts.push(new Blob([json && count > 0 ? ',' + text : text], { type }));
    count += page.count ?? 0;
    after = page.next;
  } while (after);
  if (json) parts.push(new Blob([']}'], { type }));
  return { parts, count };
}

export function ExportSection() {
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [semicolon, setSemicolon] = useState(false);
  const [bom, setBom] = useState(true);
  const [stage, setStage] = useState('');
  const [grade, setGrade] = useState('');
  const [tag, setTag] = useState('');
  const [owner, setOwner] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      const filter = { ...(stage && { stage }), ...(grade && { grade }), ...(tag.trim() && { tag: tag.trim() }), ...(owner.trim() && { owner: owner.trim() }) };
      const { parts, count } = await exportContacts({ format, delimiter: semicolon ? ';' : ',', bom, filter });
      download(format === 'csv' ? 'ficha-contacts.csv' : 'ficha-contacts.json', parts, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
      setDone(count);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="opt-export" data-testid="export-section">
      <h2 id="opt-export">{i18n.t('dataExport.title')}</h2>
      <p className="muted">{i18n.t('dataExport.body')}</p>
      <label>
        {i18n.t('dataExport.format')}{' '}
        <select data-testid="export-format" value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'json')}>
          <option value="csv">{i18n.t('dataExport.csv')}</option>
          <option value="json">{i18n.t('dataExport.json')}</option>
        </select>
      </label>{' '}
      {format === 'csv' && (
        <>
          <label className="check">
            <input type="checkbox" data-testid="export-semicolon" checked={semicolon} onChange={(e) => setSemicolon(e.target.checked)} /> {i18n.t('dataExport.semicolon')}
          </label>{' '}
          <label className="check">
            <input type="checkbox" data-testid="export-bom" checked={bom} onChange={(e) => setBom(e.target.checked)} /> {i18n.t('dataExport.bom')}
          </label>
        </>
      )}
      <div>
        <label>
          {i18n.t('dataExport.stage')}{' '}
          <select data-testid="export-stage" value={stage} onChange={(e) => setStage(e.target.value)}>
            <option value="">{i18n.t('dataExport.any')}</option>
            {[...DEFAULT_STAGE_IDS, ...RELATIONSHIP_STAGE_IDS].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {i18n.t('dataExport.grade')}{' '}
          <select data-testid="export-grade" value={grade} onChange={(e) => setGrade(e.target.value)}>
            <option value="">{i18n.t('dataExport.any')}</option>
            {GRADES.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </label>{' '}
        <label>
          {i18n.t('dataExport.tag')} <input data-testid="export-tag" value={tag} maxLength={60} onChange={(e) => setTag(e.target.value)} />
        </label>{' '}
        <label>
          {i18n.t('dataExport.owner')} <input data-testid="export-owner" value={owner} maxLength={254} onChange={(e) => setOwner(e.target.value)} />
        </label>
      </div>
      <button type="button" data-testid="export-run" disabled={busy} onClick={() => void run()}>
        {i18n.t('dataExport.run')}
      </button>
      {done !== null && (
        <p role="status" data-testid="export-done">
          {i18n.t('dataExport.done', done, [String(done)])}
        </p>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </section>
  );
}
