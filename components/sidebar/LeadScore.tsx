import { i18n } from '#i18n';

/** The 0–100 score with a bar; the number alone is the test contract, the bar is for the eye. */
export function LeadScore({ score }: { score: number }) {
  const band = score >= 70 ? 'hot' : score >= 40 ? 'warm' : 'cold';
  return (
    <span className={`ficha-score ficha-score-${band}`} title={i18n.t('contact.leadScore')}>
      <span className="ficha-score-label">{i18n.t('contact.leadScore')}</span>
      <span className="ficha-score-value" data-testid="lead-score">
        {score}
      </span>
      <span className="ficha-score-bar" aria-hidden="true">
        <span style={{ width: `${score}%` }} />
      </span>
    </span>
  );
}
