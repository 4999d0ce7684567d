import { type ReactNode, useState } from 'react';

/** One expandable block of the record; its content mounts only when opened, so closed blocks ask nothing. */
export function Block({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="ficha-block" data-testid={`block-${id}`} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{title}</summary>
      {open && <div className="ficha-block-body">{children}</div>}
    </details>
  );
}

/** A read-only figure: label and value on one row. */
export function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="ficha-figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** A value shown but edited elsewhere, laid out like the inline fields around it. */
export function ReadOnlyField({ label, value }: { label: string; value: string }) {
  return (
    <div className="ficha-inline">
      <span className="ficha-inline-label">{label}</span>
      <span className={value ? 'ficha-inline-text' : 'ficha-inline-text ficha-empty'}>{value}</span>
    </div>
  );
}
