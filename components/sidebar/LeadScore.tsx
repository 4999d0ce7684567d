import { type ComponentType, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';

/**
 * The 0–100 score and its grade; one click shows every rule behind it (`Explanation`: the sidebar's lazily injected
 * copy, or the component itself on an extension page). The number alone is the test contract.
 */
export function LeadScore({ contact, Explanation }: { contact: Contact; Explanation: ComponentType<{ contactId: string }> }) {
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
      {open && <Explanation contactId={contact.id} />}
    </>
  );
}
