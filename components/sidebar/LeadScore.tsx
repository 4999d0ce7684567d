import { useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import { useScoreExplanation } from '@/lib/query/record';
import type { ScoreEvent } from '@/lib/domain/scoring';
import { formatDateTime } from './blocks/format';
import { ErrorNotice } from './ErrorNotice';
import { activityTypeLabel, summaryOf } from './Timeline';

/** The 0–100 score and its grade; one click shows every rule behind it. The number alone is the test contract. */
export function LeadScore({ contact }: { contact: Contact }) {
  const [open, setOpen] = useState(false);
  const score = contact.leadScore;
  const band = score >= 70 ? 'hot' : score >= 40 ? 'warm' : 'cold';
  return (
    <>
      <button
        type="button"
        className={`ficha-score ficha-score-${band}`}
        aria-expanded={open}
        aria-controls="ficha-score-explanation"
        title={open ? i18n.t('score.hide') : i18n.t('score.explain')}
        onClick={() => setOpen(!open)}
      >
        <span className="ficha-score-label">{i18n.t('contact.leadScore')}</span>
        <span className="ficha-score-value" data-testid="lead-score">
          {score}
        </span>
        <span className="ficha-score-grade" data-testid="lead-grade" title={i18n.t('score.grade')}>
          {contact.leadGrade}
        </span>
        <span className="ficha-score-bar" aria-hidden="true">
          <span style={{ width: `${score}%` }} />
        </span>
      </button>
      {open && <ScoreExplanation contactId={contact.id} />}
    </>
  );
}

function ScoreExplanation({ contactId }: { contactId: string }) {
  const result = useScoreExplanation(contactId, true);
  if (result.isError) return <ErrorNotice error={result.error} onRetry={() => void result.refetch()} />;
  if (!result.data) return <p className="ficha-hint">{i18n.t('sidebar.loading')}</p>;
  const { fit, engagement, total, grade, explanation, events } = result.data;
  const dimensions = [
    { id: 'fit', title: i18n.t('score.fit'), value: fit },
    { id: 'engagement', title: i18n.t('score.engagement'), value: engagement },
  ] as const;
  return (
    <section id="ficha-score-explanation" className="ficha-explanation" data-testid="score-explanation">
      {dimensions.map((d) => {
        const rules = explanation.rules.filter((r) => r.dimension === d.id);
        return (
          <div key={d.id}>
            <h3>
              {d.title} <strong>{d.value}</strong>
            </h3>
            {rules.length === 0 && <p className="ficha-hint">{i18n.t('score.noRules')}</p>}
            <ul>
              {rules.map((r) => (
                <li key={r.ruleId} data-testid="score-rule" data-rule={r.ruleId}>
                  <span>{r.label}</span>
                  <span className={r.points < 0 ? 'ficha-negative' : undefined}>
                    {r.points > 0 ? '+' : ''}
                    {r.points}
                    {r.points !== r.rawPoints && <s className="ficha-muted"> {r.rawPoints}</s>}
                  </span>
                  {r.activityIds && <RuleEvents count={r.activityIds.length} events={events[r.ruleId] ?? []} />}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <p className="ficha-formula" data-total={total}>
        {explanation.total.formula}
      </p>
      <p className="ficha-formula">
        {i18n.t('score.grade')} {grade}: {explanation.grade.formula}
      </p>
    </section>
  );
}

/** "3 events", opening to the newest of them (type, when, subject), as the timeline shows them. */
function RuleEvents({ count, events }: { count: number; events: ScoreEvent[] }) {
  const label = i18n.t('score.events', count, [count]);
  if (events.length === 0) return <span className="ficha-activity-summary">{label}</span>;
  return (
    <details className="ficha-score-events" data-testid="score-events">
      <summary>{label}</summary>
      <ol>
        {events.map((e) => (
          <li key={e.id} data-testid="score-event" data-type={e.type}>
            <span className="ficha-activity-type">{activityTypeLabel(e.type)}</span> <time dateTime={new Date(e.occurredAt).toISOString()}>{formatDateTime(e.occurredAt)}</time>
            {e.summary && <span className="ficha-activity-summary" title={summaryOf(e)}>{summaryOf(e)}</span>}
          </li>
        ))}
      </ol>
      {count > events.length && <p className="ficha-hint">{i18n.t('score.eventsNewest', [events.length])}</p>}
    </details>
  );
}
