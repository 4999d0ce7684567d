// Every rule behind a contact's score, opened from the score badge. In the webmail it comes with the lazily injected
// block script (lazy-blocks.tsx): a rep opens it now and then, while the content script is loaded with every webmail tab.
import { i18n } from '@/lib/i18n/cached-messages';
import { useScoreExplanation } from '@/lib/query/record';
import type { ScoreEvent } from '@/lib/domain/scoring';
import { ErrorNotice } from '../ErrorNotice';
import { activityTypeLabel, summaryOf } from '../Timeline';
import { formatDateTime } from './format';

export function ScoreExplanation({ contactId }: { contactId: string }) {
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
