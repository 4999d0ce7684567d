import { type ReactNode, useState } from 'react';
import { i18n } from '#i18n';
import { csvLine } from '@/lib/domain/export-csv';

export interface Column<R> {
  label: string;
  value: (row: R) => string | number;
  /** What the table cell shows when it is more than the value (a link); the CSV keeps the value. */
  cell?: (row: R) => ReactNode;
}

function downloadCsv(name: string, header: string[], rows: string[][]) {
  const text = '\uFEFF' + csvLine(header, ',') + rows.map((r) => csvLine(r, ',')).join('');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  Object.assign(document.createElement('a'), { href: url, download: `${name}.csv` }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A bar chart that is also a table: bars for the eye (each with its number as text, so nothing is colour-only),
 * a table view for screen readers and keyboard users, and CSV export of the same rows.
 */
export function ChartTable<R>({ id, title, rows, columns, bar }: { id: string; title: string; rows: R[]; columns: Column<R>[]; bar?: { label: (r: R) => string; value: (r: R) => number } }) {
  const [asTable, setAsTable] = useState(!bar);
  const max = bar ? Math.max(1, ...rows.map(bar.value)) : 1;
  const cells = rows.map((r) => columns.map((c) => String(c.value(r))));
  return (
    <section className="chart" aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <div className="row">
        <h2 id={`${id}-title`}>{title}</h2>
        <span className="chart-actions">
          {bar && (
            <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
              {asTable ? i18n.t('dashboard.showChart') : i18n.t('dashboard.showTable')}
            </button>
          )}
          <button type="button" data-testid={`export-${id}`} disabled={rows.length === 0} onClick={() => downloadCsv(id, columns.map((c) => c.label), cells)}>
            {i18n.t('dashboard.exportCsv')}
          </button>
        </span>
      </div>
      {rows.length === 0 && <p className="muted">{i18n.t('dashboard.noData')}</p>}
      {rows.length > 0 && (asTable || !bar) && (
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cells.map((r, i) => (
              <tr key={i}>
                {r.map((text, j) => {
                  const render = columns[j]?.cell;
                  const cell = render ? render(rows[i]!) : text;
                  return j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > 0 && bar && !asTable && (
        <ul className="bars" aria-label={title}>
          {rows.map((r, i) => (
            <li key={i}>
              <span className="bar-label">{bar.label(r)}</span>
              <span className="bar" aria-hidden="true">
                <span style={{ width: `${(bar.value(r) / max) * 100}%` }} />
              </span>
              <span className="bar-value">{bar.value(r)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
