import { type FormEvent, useId, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { Deal } from '@/lib/domain/transactions';
import { CURRENCIES, DEAL_STATUSES } from '@/lib/domain/profile-values';
import { useUpsertDeal } from '@/lib/query/profile';
import { fieldError, ownError, shownByFields } from './field-error';
import { fromDateInput, toDateInput } from './format';

type Draft = { title: string; amount: string; currency: string; date: string; status: string };
const FIELDS = ['title', 'amount', 'currency', 'date', 'status'] as const;

/** "1.200,50" or "1,200.50" or "1200.5" → 1200.5; anything else → null, which the background names as the error. */
function parseAmount(text: string): number | null {
  const compact = text.replace(/[\s\u00a0]/g, '');
  const decimal = compact.lastIndexOf(',') > compact.lastIndexOf('.') ? ',' : '.';
  const normal = compact.replaceAll(decimal === ',' ? '.' : ',', '').replace(',', '.');
  return normal !== '' && /^-?\d*\.?\d*$/.test(normal) ? Number(normal) : null;
}

/** Adds or edits a deal; Enter saves, Escape cancels, each refused field shows its message under itself. */
export function DealForm({ contactId, deal, onDone }: { contactId: string; deal?: Deal; onDone: () => void }) {
  const upsert = useUpsertDeal(contactId);
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => ({
    title: deal?.title ?? '',
    amount: deal ? String(deal.amount) : '',
    currency: deal?.currency ?? 'EUR',
    date: toDateInput(deal?.date ?? Date.now()),
    status: deal?.status ?? 'open',
  }));
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = { ...draft, id: deal?.id, contactId, amount: parseAmount(draft.amount), date: fromDateInput(draft.date) };
    // Values are checked by the background, which answers with the path of each wrong field.
    upsert.mutate({ deal: request as unknown as Deal }, { onSuccess: onDone });
  };
  const error = (field: (typeof FIELDS)[number]) => {
    const message = upsert.error ? ownError(upsert.error, `deal.${field}`) : undefined;
    return message && (
      <p id={`${id}-${field}-error`} className="ficha-field-error" role="alert">
        {message}
      </p>
    );
  };
  const input = (field: (typeof FIELDS)[number]) => {
    const invalid = !!(upsert.error && ownError(upsert.error, `deal.${field}`));
    return { id: `${id}-${field}`, value: draft[field], onChange: set(field), 'aria-invalid': invalid, 'aria-describedby': invalid ? `${id}-${field}-error` : undefined };
  };
  const label = (field: (typeof FIELDS)[number]) => <label htmlFor={`${id}-${field}`}>{i18n.t(`profile.deal.${field}`)}</label>;

  return (
    <form className="ficha-deal-form" data-testid="deal-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      {label('title')}
      <input {...input('title')} autoFocus maxLength={200} />
      {error('title')}
      {label('amount')}
      <input {...input('amount')} inputMode="decimal" placeholder="0.00" />
      {error('amount')}
      {label('currency')}
      <select {...input('currency')}>
        {CURRENCIES.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
      {error('currency')}
      {label('date')}
      <input {...input('date')} type="date" max={toDateInput(Date.now())} />
      {error('date')}
      {label('status')}
      <select {...input('status')}>
        {DEAL_STATUSES.map((s) => (
          <option key={s} value={s}>
            {i18n.t(`profile.status.${s}`)}
          </option>
        ))}
      </select>
      {error('status')}
      {upsert.error && !shownByFields(upsert.error, FIELDS.map((f) => `deal.${f}`)) && (
        <p className="ficha-field-error" role="alert">
          {fieldError(upsert.error, 'deal')}
        </p>
      )}
      <div className="ficha-row">
        <button type="submit" className="ficha-primary" disabled={upsert.isPending}>
          {i18n.t('profile.save')}
        </button>
        <button type="button" className="ficha-secondary" onClick={onDone}>
          {i18n.t('profile.cancel')}
        </button>
      </div>
    </form>
  );
}
