import { useEffect, useId, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { DIAGNOSTICS_KEY, type PageDiagnostics, parseDiagnostics } from '@/lib/sites/diagnostics';

const SITES: readonly PageDiagnostics['site'][] = ['gmail', 'outlook'];
const SITE_NAMES: Record<PageDiagnostics['site'], string> = { gmail: 'Gmail', outlook: 'Outlook' };

/** The entries the content scripts recorded, live (a webmail tab may record while the options page is open). */
function useDiagnostics(): PageDiagnostics[] | null {
  const [entries, setEntries] = useState<PageDiagnostics[] | null>(null);
  useEffect(() => {
    let live = true;
    void browser.storage.local.get(DIAGNOSTICS_KEY).then((stored) => {
      if (live) setEntries(parseDiagnostics(stored[DIAGNOSTICS_KEY]));
    });
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && DIAGNOSTICS_KEY in changes) setEntries(parseDiagnostics(changes[DIAGNOSTICS_KEY]?.newValue));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return entries;
}

/**
 * The report a user pastes into a bug: built only from what the entries hold (selector keys and indexes, health, host,
 * time), which by construction carries no address, name, subject or thread id.
 */
export function diagnosticsReport(entries: readonly PageDiagnostics[], version: string): string {
  const pages = entries.map(({ site, host, at, health, selectors, fallbacks }) => ({
    site,
    host,
    at: new Date(at).toISOString(),
    health,
    fallbacks,
    none: Object.keys(selectors).filter((key) => selectors[key] === -1),
    selectors,
  }));
  return JSON.stringify({ report: 'ficha-selector-diagnostics', version, pages }, null, 2);
}

function healthLabel(health: PageDiagnostics['health']): string {
  switch (health) {
    case 'thread':
      return i18n.t('diagnostics.health.thread');
    case 'compose':
      return i18n.t('diagnostics.health.compose');
    case 'idle':
      return i18n.t('diagnostics.health.idle');
    case 'unrecognised':
      return i18n.t('diagnostics.health.unrecognised');
    default:
      return i18n.t('diagnostics.health.unknown');
  }
}

function DiagnosticsRow({ entry }: { entry: PageDiagnostics }) {
  const keys = Object.keys(entry.selectors);
  const primary = keys.filter((key) => entry.selectors[key] === 0);
  const none = keys.filter((key) => entry.selectors[key] === -1);
  const time = new Date(entry.at);
  return (
    <li data-testid="diagnostics-row" data-site={entry.site} data-health={entry.health}>
      <div className="row">
        <span className="name">
          <time dateTime={time.toISOString()}>{time.toLocaleString()}</time> · {healthLabel(entry.health)}
        </span>
        <span className="meta">{entry.host}</span>
      </div>
      <div className="meta">{i18n.t('diagnostics.primary', [String(primary.length), String(keys.length)])}</div>
      <div className="meta" data-testid="diagnostics-fallbacks">
        {entry.fallbacks.length === 0
          ? i18n.t('diagnostics.noFallbacks')
          : i18n.t('diagnostics.fallbacks', [entry.fallbacks.map((key) => `${key} (#${(entry.selectors[key] ?? 0) + 1})`).join(', ')])}
      </div>
      {none.length > 0 && <div className="meta">{i18n.t('diagnostics.none', [none.join(', ')])}</div>}
    </li>
  );
}

/** Options › Diagnostics: which selectors matched on the last mail pages seen, per site; copy as a report or clear. */
export function DiagnosticsSection() {
  const entries = useDiagnostics();
  const [status, setStatus] = useState<'copied' | 'cleared' | 'copyFailed' | null>(null);
  const [manual, setManual] = useState<string | null>(null);
  const manualRef = useRef<HTMLTextAreaElement>(null);
  const headingId = useId();

  useEffect(() => {
    manualRef.current?.select();
  }, [manual]);

  const copy = async () => {
    const report = diagnosticsReport(entries ?? [], browser.runtime.getManifest().version);
    try {
      await navigator.clipboard.writeText(report);
      setManual(null);
      setStatus('copied');
    } catch {
      // Clipboard refused (no focus, policy): the report is shown selected, for Ctrl+C.
      setManual(report);
      setStatus('copyFailed');
    }
  };
  const clear = async () => {
    await browser.storage.local.remove(DIAGNOSTICS_KEY);
    setManual(null);
    setStatus('cleared');
  };

  const empty = entries !== null && entries.length === 0;
  return (
    <section aria-labelledby={headingId} data-testid="diagnostics-view">
      <h2 id={headingId}>{i18n.t('diagnostics.title')}</h2>
      <p className="muted">{i18n.t('diagnostics.body')}</p>
      <div className="transfer">
        <button type="button" data-testid="diagnostics-copy" disabled={!entries || empty} onClick={() => void copy()}>
          {i18n.t('diagnostics.copy')}
        </button>
        <button type="button" data-testid="diagnostics-clear" disabled={!entries || empty} onClick={() => void clear()}>
          {i18n.t('diagnostics.clear')}
        </button>
        <span role="status" className="muted" data-testid="diagnostics-status">
          {status && i18n.t(`diagnostics.status.${status}`)}
        </span>
      </div>
      {manual !== null && (
        <textarea ref={manualRef} readOnly rows={8} aria-label={i18n.t('diagnostics.reportLabel')} value={manual} style={{ width: '100%', font: '12px ui-monospace, monospace' }} />
      )}
      {empty && (
        <p className="muted" data-testid="diagnostics-empty">
          {i18n.t('diagnostics.empty')}
        </p>
      )}
      {entries &&
        SITES.map((site) => {
          const rows = entries.filter((e) => e.site === site);
          if (rows.length === 0) return null;
          return (
            <section key={site} aria-label={SITE_NAMES[site]}>
              <h3>{SITE_NAMES[site]}</h3>
              <ul className="results">
                {rows.map((entry) => (
                  <DiagnosticsRow key={`${entry.at}-${entry.host}`} entry={entry} />
                ))}
              </ul>
            </section>
          );
        })}
    </section>
  );
}
