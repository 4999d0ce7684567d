import { useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import type { Deal } from '@/lib/domain/transactions';
import { useDeals, useRecordFigures, useRemoveDeal } from '@/lib/query/profile';
import { ErrorNotice } from '../ErrorNotice';
import { Block, Figure } from './Block';
import { DealForm } from './DealForm';
import { dash, formatDate, formatMoney, formatNumber } from './format';

/** Transactional data: money figures (as of today, in the contact's main currency) and the deals behind them. */
export function TransactionsBlock({ contact }: { contact: Contact }) {
  return (
    <Block id="transactions" title={i18n.t('profile.transactions.title')}>
      <MoneyFigures contactId={contact.id} />
      <DealList contactId={contact.id} />
    </Block>
  );
}

function MoneyFigures({ contactId }: { contactId: string }) {
  const figures = useRecordFigures(contactId).data;
  if (!figures) return null;
  const t = figures.transactions;
  const money = (n: number) => formatMoney(n, t.currency);
  return (
    <>
      <dl className="ficha-figures">
        <Figure testId="figure-revenue" label={i18n.t('profile.transactions.revenue')} value={money(t.totalRevenue)} />
        <Figure label={i18n.t('profile.transactions.purchases')} value={String(t.purchaseCount)} />
        <Figure label={i18n.t('profile.transactions.average')} value={money(t.averagePurchase)} />
        <Figure label={i18n.t('profile.transactions.frequency')} value={i18n.t('profile.transactions.perYear', [formatNumber(t.purchaseFrequency, 2)])} />
        <Figure testId="figure-clv" label={i18n.t('profile.transactions.clv')} value={money(t.customerLifetimeValue)} />
        <Figure label={i18n.t('profile.transactions.daysSince')} value={t.daysSinceLastPurchase === null ? dash() : String(t.daysSinceLastPurchase)} />
      </dl>
      <p className="ficha-hint ficha-small">{i18n.t('profile.transactions.clvFormula', [String(figures.expectedLifetimeYears)])}</p>
      {t.wonInOtherCurrencies > 0 && <p className="ficha-warning ficha-small">{i18n.t('profile.transactions.otherCurrencies', [String(t.wonInOtherCurrencies), t.currency])}</p>}
    </>
  );
}

function DealList({ contactId }: { contactId: string }) {
  const deals = useDeals(contactId);
  const remove = useRemoveDeal(contactId);
  // 'new' for the add form, a deal id for the row being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const close = () => setEditing(null);

  return (
    <section className="ficha-deals" aria-label={i18n.t('profile.transactions.deals')}>
      <h3 className="ficha-section-title">{i18n.t('profile.transactions.deals')}</h3>
      {deals.isError && <ErrorNotice error={deals.error} onRetry={() => void deals.refetch()} />}
      {deals.data?.length === 0 && <p className="ficha-hint ficha-small">{i18n.t('profile.transactions.noDeals')}</p>}
      <ul>
        {deals.data?.map((deal) =>
          editing === deal.id ? (
            <li key={deal.id}>
              <DealForm contactId={contactId} deal={deal} onDone={close} />
            </li>
          ) : (
            <DealRow key={deal.id} deal={deal} onEdit={() => setEditing(deal.id)} onRemove={() => remove.mutate({ id: deal.id })} />
          ),
        )}
      </ul>
      {remove.error && <ErrorNotice error={remove.error} />}
      {editing === 'new' ? (
        <DealForm contactId={contactId} onDone={close} />
      ) : (
        <button type="button" className="ficha-secondary" data-testid="add-deal" onClick={() => setEditing('new')}>
          + {i18n.t('profile.transactions.addDeal')}
        </button>
      )}
    </section>
  );
}

function DealRow({ deal, onEdit, onRemove }: { deal: Deal; onEdit: () => void; onRemove: () => void }) {
  return (
    <li className="ficha-deal" data-testid="deal" data-status={deal.status}>
      <span className="ficha-deal-title">{deal.title}</span>
      <span className={`ficha-tag ficha-status-${deal.status}`}>{i18n.t(`profile.status.${deal.status}`)}</span>
      <span className="ficha-deal-amount">{formatMoney(deal.amount, deal.currency)}</span>
      <time dateTime={new Date(deal.date).toISOString()}>{formatDate(deal.date)}</time>
      <span className="ficha-deal-actions">
        <button type="button" className="ficha-link ficha-small" onClick={onEdit}>
          {i18n.t('profile.transactions.edit')}
        </button>
        <button type="button" className="ficha-remove" aria-label={i18n.t('profile.remove', [deal.title])} title={i18n.t('profile.remove', [deal.title])} onClick={onRemove}>
          ×
        </button>
      </span>
    </li>
  );
}
