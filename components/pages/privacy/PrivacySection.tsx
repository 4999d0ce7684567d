import { useCallback, useEffect, useRef, useState } from 'react';
import { i18n } from '#i18n';
import type { Contact } from '@/lib/domain/contact';
import type { PrivacyAuditEntry } from '@/lib/domain/import-batch';
import { fullName, primaryEmail } from '@/lib/domain/person';
import { send } from '@/lib/messaging/client';
import { download } from '../import/download';

type Retention = { months: number | null; lastRunAt: number | null; lastRemoved: number };

/** Per-person export and erase, retention of old activities, and the audit log of these operations. */
export function PrivacySection() {
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<Contact[]>([]);
  const [confirming, setConfirming] = useState<Contact | null>(null);
  const [neverLog, setNeverLog] = useState(false);
  const [erased, setErased] = useState<string | null>(null);
  const [audit, setAudit] = useState<PrivacyAuditEntry[]>([]);
  const [retention, setRetention] = useState<Retention | null>(null);
  const [months, setMonths] = useState('');
  // What the rep is typing is not replaced by the stored value arriving (or refreshed) meanwhile.
  const editingMonths = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [teamSync, setTeamSync] = useState<string | null>(null);

  const refresh = useCallback(() => {
    void send<'privacy.audit'>({ type: 'privacy.audit' }).then(setAudit, () => undefined);
    void send<'privacy.retention'>({ type: 'privacy.retention' }).then((r) => {
      setRetention(r);
      if (!editingMonths.current) setMonths(r.months ? String(r.months) : '');
    }, () => undefined);
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    void send<'sync.status'>({ type: 'sync.status' }).then((s) => setTeamSync(s.state === 'off' ? null : (s.teamName ?? s.url)), () => undefined);
  }, []);

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    let live = true;
    void send<'contacts.search'>({ type: 'contacts.search', query: q, limit: 10 }).then((found) => live && setPeople(found), () => undefined);
    return () => {
      live = false;
    };
  }, [query, erased]);

  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  const exportPerson = async (c: Contact) => {
    try {
      const data = await send<'privacy.exportPerson'>({ type: 'privacy.exportPerson', contactId: c.id });
      download(`ficha-person-${c.id}.json`, [JSON.stringify(data, null, 2)], 'application/json');
      refresh();
    } catch (e) {
      fail(e);
    }
  };

  const erase = async (c: Contact) => {
    try {
      const result = await send<'privacy.erasePerson'>({ type: 'privacy.erasePerson', contactId: c.id, addToNeverLog: neverLog });
      const n = (k: string) => String(result.counts[k] ?? 0);
      setErased(i18n.t('gdpr.erased', [n('activities'), n('stageHistory'), n('consentLog'), n('deals')]));
      setConfirming(null);
      setNeverLog(false);
      refresh();
    } catch (e) {
      fail(e);
    }
  };

  const saveRetention = async () => {
    // Empty keeps everything. Anything else must be a whole number of months in range: a 0 or a typo must never turn
    // into the shortest (most destructive) retention.
    const text = months.trim();
    const value = text === '' ? null : Number(text);
    if (value !== null && !(Number.isInteger(value) && value >= 1 && value <= 600)) return setError(i18n.t('gdpr.retentionInvalid'));
    try {
      setError(null);
      setRetention(await send<'privacy.setRetention'>({ type: 'privacy.setRetention', months: value }));
      editingMonths.current = false;
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section aria-labelledby="opt-gdpr" data-testid="privacy-section">
      <h2 id="opt-gdpr">{i18n.t('gdpr.title')}</h2>
      {teamSync === null ? (
        <p className="muted" data-testid="privacy-local-only">
          {i18n.t('gdpr.localOnly')}
        </p>
      ) : (
        <p className="muted" data-testid="privacy-team-sync">
          {i18n.t('gdpr.syncOn', [teamSync])}
        </p>
      )}
      <label>
        {i18n.t('gdpr.search')} <input type="search" data-testid="privacy-search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      <ul className="results">
        {(query.trim() ? people : []).map((c) => (
          <li key={c.id} data-testid="privacy-person">
            <span>
              {fullName(c) || primaryEmail(c)} · {primaryEmail(c)}
            </span>{' '}
            <button type="button" data-testid="privacy-export" onClick={() => void exportPerson(c)}>
              {i18n.t('gdpr.exportPerson')}
            </button>{' '}
            <button type="button" data-testid="privacy-erase" onClick={() => setConfirming(c)}>
              {i18n.t('gdpr.erase')}
            </button>
            {confirming?.id === c.id && (
              <div role="alertdialog" data-testid="privacy-erase-dialog">
                <p>{i18n.t('gdpr.eraseConfirm', [fullName(c) || primaryEmail(c)])}</p>
                <label>
                  <input type="checkbox" data-testid="privacy-erase-neverlog" checked={neverLog} onChange={(e) => setNeverLog(e.target.checked)} /> {i18n.t('gdpr.eraseNeverLog')}
                </label>{' '}
                <button type="button" data-testid="privacy-erase-confirm" onClick={() => void erase(c)}>
                  {i18n.t('gdpr.eraseYes')}
                </button>{' '}
                <button type="button" onClick={() => setConfirming(null)}>
                  {i18n.t('gdpr.eraseNo')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {erased && (
        <p role="status" data-testid="privacy-erased">
          {erased}
        </p>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}

      <h3>{i18n.t('gdpr.retentionTitle')}</h3>
      <label>
        {i18n.t('gdpr.retentionOn')}{' '}
        <input type="number" min={1} max={600} data-testid="retention-months" value={months} onChange={(e) => {
            editingMonths.current = true;
            setMonths(e.target.value);
          }}
        /> {i18n.t('gdpr.months')}
      </label>{' '}
      <button type="button" data-testid="retention-save" onClick={() => void saveRetention()}>
        {i18n.t('gdpr.retentionSave')}
      </button>{' '}
      <button
        type="button"
        data-testid="retention-run"
        disabled={!retention?.months}
        onClick={() => void send<'privacy.runRetention'>({ type: 'privacy.runRetention' }).then(() => refresh(), fail)}
      >
        {i18n.t('gdpr.retentionRun')}
      </button>
      <p className="muted" data-testid="retention-status">
        {retention?.lastRunAt ? i18n.t('gdpr.retentionStatus', [new Date(retention.lastRunAt).toLocaleString(), String(retention.lastRemoved)]) : i18n.t('gdpr.retentionNever')}
      </p>

      <h3>{i18n.t('gdpr.auditTitle')}</h3>
      {audit.length === 0 ? (
        <p className="muted">{i18n.t('gdpr.auditEmpty')}</p>
      ) : (
        <ul data-testid="privacy-audit">
          {audit.map((a) => (
            <li key={a.id} data-testid="privacy-audit-entry" data-action={a.action}>
              {new Date(a.at).toLocaleString()} · {a.action} · {a.by} ·{' '}
              {Object.entries(a.counts)
                .map(([k, v]) => `${k}: ${v}`)
                .join(', ')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
