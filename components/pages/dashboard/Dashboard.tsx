import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ErrorNotice } from '@/components/sidebar/ErrorNotice';
import { stageLabel } from '@/components/ui/labels';
import type { Kpi } from '@/lib/domain/kpis';
import { send } from '@/lib/messaging/client';
import type { ContactRow, DashboardSummary } from '@/lib/domain/dashboard';
import { ChartTable, type Column } from './ChartTable';
import './dashboard.css';
import { type DashboardView, parseView, PERIODS, viewSearch } from './view-state';

const day = (at: number) => new Date(at).toLocaleDateString(undefined, { dateStyle: 'medium' });
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const cardUrl = (id: string) => browser.runtime.getURL(`/contact.html?id=${encodeURIComponent(id)}`);
const gmailSearch = (email: string) => `https://mail.google.com/mail/u/0/#search/${encodeURIComponent(email)}`;

/** Pipeline and relationship figures from the local database (works offline). */
export function Dashboard() {
  const [view, setViewState] = useState<DashboardView>(() => parseView(location.search));
  const setView = (change: Partial<DashboardView>) => {
    const next = { ...view, ...change };
    setViewState(next);
    // Replace, not push: the filters are one view, not a history of them.
    history.replaceState(null, '', `${location.pathname}${viewSearch(next)}`);
  };
  const { days, owner, tag } = view;
  const summary = useQuery({
    queryKey: ['dashboard', days, owner, tag],
    queryFn: () => send<'dashboard.summary'>({ type: 'dashboard.summary', days, ...(owner ? { owner } : {}), ...(tag ? { tag } : {}) }),
    placeholderData: keepPreviousData,
  });
  return (
    <main>
      <h1>{i18n.t('dashboard.title')}</h1>
      <Filters view={view} setView={setView} enabled={summary.data !== undefined} />
      {summary.isError && <ErrorNotice error={summary.error} onRetry={() => void summary.refetch()} />}
      {summary.isPending && <p className="muted" role="status">{i18n.t('sidebar.loading')}</p>}
      {summary.data && <Figures data={summary.data} />}
    </main>
  );
}

/**
 * Period, owner and tag. The owner and tag choices need a pass over every contact, so they load after the figures
 * (never delaying the first paint); a value from the URL that no contact has any more stays selectable.
 */
function Filters({ view, setView, enabled }: { view: DashboardView; setView: (change: Partial<DashboardView>) => void; enabled: boolean }) {
  const options = useQuery({ queryKey: ['dashboard-filters'], queryFn: () => send<'dashboard.filterOptions'>({ type: 'dashboard.filterOptions' }), enabled, staleTime: 60_000 });
  const withCurrent = (list: string[] | undefined, current: string) => (current && !list?.includes(current) ? [current, ...(list ?? [])] : (list ?? []));
  return (
    <fieldset className="row dashboard-filters" data-testid="dashboard-filters">
      <legend className="visually-hidden">{i18n.t('dashboard.filters')}</legend>
      <label>
        {i18n.t('dashboard.period')}{' '}
        <select data-testid="dashboard-period" value={view.days} onChange={(e) => setView({ days: Number(e.target.value) })}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {i18n.t('dashboard.lastDays', [String(p)])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {i18n.t('dashboard.owner')}{' '}
        <select data-testid="dashboard-owner" value={view.owner} onChange={(e) => setView({ owner: e.target.value })}>
          <option value="">{i18n.t('dashboard.allOwners')}</option>
          {withCurrent(options.data?.owners, view.owner).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label>
        {i18n.t('dashboard.tag')}{' '}
        <select data-testid="dashboard-tag" value={view.tag} onChange={(e) => setView({ tag: e.target.value })}>
          <option value="">{i18n.t('dashboard.allTags')}</option>
          {withCurrent(options.data?.tags, view.tag).map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

function Figures({ data }: { data: DashboardSummary }) {
  const contactColumns = [
    { label: i18n.t('dashboard.contact'), value: (r: ContactRow) => r.name || r.email },
    { label: i18n.t('contact.email'), value: (r: ContactRow) => r.email },
    { label: i18n.t('contact.stage'), value: (r: ContactRow) => stageLabel(r.stage) },
    { label: i18n.t('contact.leadScore'), value: (r: ContactRow) => r.score },
    { label: i18n.t('score.grade'), value: (r: ContactRow) => r.grade },
  ];
  return (
    <div className="dashboard" data-testid="dashboard">
      <p className="muted" data-testid="dashboard-total">
        {i18n.t('popup.count', data.totalContacts, [data.totalContacts])}
      </p>
      <section className="kpis" aria-label={i18n.t('dashboard.kpis')}>
        <KpiCard id="retention" label={i18n.t('dashboard.retention')} kpi={data.kpis.retention} unit="%" />
        <KpiCard id="clv" label={i18n.t('dashboard.clv')} kpi={data.kpis.clv} />
        <KpiCard id="nps" label={i18n.t('dashboard.nps')} kpi={data.kpis.nps} />
        <KpiCard id="lead-conversion" label={i18n.t('dashboard.leadConversion')} kpi={data.kpis.leadConversion} unit="%" />
        <KpiCard id="revenue-per-customer" label={i18n.t('dashboard.revenuePerCustomer')} kpi={data.kpis.revenuePerCustomer} />
      </section>
      <ChartTable
        id="funnel"
        title={i18n.t('dashboard.funnel')}
        rows={data.stages}
        bar={{ label: (r) => stageLabel(r.stage), value: (r) => r.contacts }}
        columns={[
          { label: i18n.t('contact.stage'), value: (r) => stageLabel(r.stage) },
          { label: i18n.t('dashboard.contactsNow'), value: (r) => r.contacts },
          { label: i18n.t('dashboard.entered'), value: (r) => r.entered },
          { label: i18n.t('dashboard.conversion'), value: (r) => pct(data.conversions.find((c) => c.to === r.stage)?.rate ?? null) },
        ]}
      />
      <ChartTable
        id="grades"
        title={i18n.t('dashboard.grades')}
        rows={(['A', 'B', 'C'] as const).map((fit) => ({ fit, counts: [1, 2, 3].map((e) => data.grades[`${fit}${e}`] ?? 0) }))}
        columns={[
          { label: i18n.t('score.fit'), value: (r) => r.fit },
          ...[1, 2, 3].map((e, i) => ({ label: `${i18n.t('score.engagement')} ${e}`, value: (r: { counts: number[] }) => r.counts[i] ?? 0 })),
        ]}
      />
      <ChartTable
        id="scores"
        title={i18n.t('dashboard.scoreDistribution')}
        rows={data.scoreBuckets.map((count, i) => ({ range: i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`, count }))}
        bar={{ label: (r) => r.range, value: (r) => r.count }}
        columns={[
          { label: i18n.t('contact.leadScore'), value: (r) => r.range },
          { label: i18n.t('dashboard.contactsNow'), value: (r) => r.count },
        ]}
      />
      <ContactTable id="top" title={i18n.t('dashboard.topEngaged')} rows={data.topEngaged} columns={contactColumns} />
      <ContactTable id="stale" title={i18n.t('dashboard.stale')} rows={data.stale} columns={[...contactColumns, { label: i18n.t('dashboard.lastChange'), value: (r: ContactRow) => day(r.updatedAt) }]} />
      <ChartTable
        id="activity"
        title={i18n.t('dashboard.activity')}
        rows={data.weeks}
        bar={{ label: (r) => day(r.start), value: (r) => r.in + r.out + r.cta }}
        columns={[
          { label: i18n.t('dashboard.weekOf'), value: (r) => day(r.start) },
          { label: i18n.t('dashboard.emailsIn'), value: (r) => r.in },
          { label: i18n.t('dashboard.emailsOut'), value: (r) => r.out },
          { label: i18n.t('dashboard.ctas'), value: (r) => r.cta },
        ]}
      />
      <ChartTable
        id="templates"
        title={i18n.t('dashboard.templates')}
        rows={data.templates}
        bar={{ label: (r) => r.name, value: (r) => r.rate }}
        columns={[
          { label: i18n.t('dashboard.template'), value: (r) => r.name },
          { label: i18n.t('dashboard.inserts'), value: (r) => r.inserts },
          { label: i18n.t('dashboard.followed'), value: (r) => r.followed },
          { label: i18n.t('dashboard.conversion'), value: (r) => `${r.rate}%` },
        ]}
      />
    </div>
  );
}

function KpiCard({ id, label, kpi, unit = '' }: { id: string; label: string; kpi: Kpi; unit?: string }) {
  return (
    <div className="kpi" data-testid={`kpi-${id}`}>
      <span className="muted">{label}</span>
      <strong>{kpi.value === null ? '—' : `${kpi.value}${unit}`}</strong>
      {/* The formula is code; "no data" is a sentence. */}
      {kpi.value === null ? <span className="formula">{i18n.t('dashboard.noData')}</span> : <code className="formula">{kpi.formula}</code>}
    </div>
  );
}

/**
 * A contact list: in the table, each name opens the contact's full card and each email their threads in Gmail
 * (where the sidebar shows the card). `${id}-contact` stays the name, `${id}-card` the link that opens the card.
 */
function ContactTable({ id, title, rows, columns }: { id: string; title: string; rows: ContactRow[]; columns: Column<ContactRow>[] }) {
  const [name, email, ...rest] = columns;
  const linked: Column<ContactRow>[] = [
    {
      ...name!,
      cell: (r) => (
        <a href={cardUrl(r.id)} target="_blank" rel="noreferrer" data-testid={`${id}-card`} title={i18n.t('dashboard.openCard')}>
          <span data-testid={`${id}-contact`}>{r.name || r.email}</span>
        </a>
      ),
    },
    {
      ...email!,
      cell: (r) => (
        <a href={gmailSearch(r.email)} target="_blank" rel="noreferrer noopener" data-testid={`${id}-gmail`} aria-label={i18n.t('dashboard.gmailThreadsOf', [r.email])}>
          {r.email}
        </a>
      ),
    },
    ...rest,
  ];
  return <ChartTable id={id} title={title} rows={rows} columns={linked} />;
}
