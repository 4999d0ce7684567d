import { Fragment, memo, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { Segment } from '@/lib/domain/template';
import type { SuggestedTemplate } from '@/lib/messaging/features/templates';
import type { InsertSegment } from '@/lib/sites/editing';
import { insertOrOpenReply } from '@/lib/sites/insert-flow';
import { useSite } from './site';

type Status = { kind: 'idle' } | { kind: 'inserted' } | { kind: 'no-editor' };

/**
 * The rendered preview; a field with no value shows as its highlighted token (insertion is blocked until fixed).
 * Plain text stays a text node (no element per piece: a card shows several previews on every thread switch).
 */
function Preview({ segments }: { segments: readonly Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.kind === 'missing' ? (
          <mark key={i} className="ficha-missing" data-testid="cta-missing">{`{{${s.path}}}`}</mark>
        ) : s.kind === 'link' ? (
          <span key={i} className="ficha-preview-link">
            {s.text}
          </span>
        ) : (
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </>
  );
}

const insertable = (segments: readonly Segment[]) => segments.filter((s): s is InsertSegment => s.kind !== 'missing');

interface CtaItemProps {
  template: SuggestedTemplate;
  threadId: string | null;
  openReply?: boolean;
  /** Records an insert on the contact's timeline (one recorder for the whole list, stable across renders). */
  onInserted: (insert: { templateId: string; threadId: string | null }) => void;
}

/** Memoised: a keystroke in the search re-renders only the items that enter the list, not those already shown. */
export const CtaItem = memo(function CtaItem({ template, threadId, openReply = true, onInserted }: CtaItemProps) {
  const { adapter, doc } = useSite();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const blocked = template.missing.length > 0;

  const insert = async () => {
    // Inserted first, synchronously when an editor is open: the rep sees the text in the same frame.
    const subject = template.subject.map((s) => (s.kind === 'missing' ? '' : s.text)).join('');
    // A contact found by hand (page not recognised): the open message may be someone else's, so no reply is opened.
    const outcome = openReply ? await insertOrOpenReply(adapter, doc, insertable(template.body), subject) : adapter.insertAtCaret(doc, insertable(template.body), subject) ? 'inserted' : 'no-editor';
    setStatus({ kind: outcome });
    if (outcome === 'inserted') onInserted({ templateId: template.id, threadId });
  };

  return (
    <li className="ficha-cta-item" data-testid="cta-template" data-template-id={template.id}>
      <div className="ficha-cta-head">
        <strong id={`ficha-cta-name-${template.id}`}>{template.name}</strong>
        {template.fitsStage && <span className="ficha-chip">{i18n.t('cta.fitsStage')}</span>}
      </div>
      {template.subject.length > 0 && (
        <p className="ficha-cta-subject">
          <Preview segments={template.subject} />
        </p>
      )}
      <p className="ficha-cta-preview" data-testid="cta-preview">
        <Preview segments={template.body} />
      </p>
      {blocked && (
        <p className="ficha-warning" data-testid="cta-blocked" id={`ficha-cta-why-${template.id}`}>
          {i18n.t('cta.blocked', [template.missing.join(', ')])}
        </p>
      )}
      <div className="ficha-cta-actions">
        <button
          type="button"
          className="ficha-secondary"
          data-testid="cta-insert"
          disabled={blocked}
          // Every item's button says "Insert": the template's name tells a screen reader which one.
          aria-describedby={blocked ? `ficha-cta-name-${template.id} ficha-cta-why-${template.id}` : `ficha-cta-name-${template.id}`}
          // Keeps the editor's selection: a mousedown on the button would otherwise move focus first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => void insert()}
        >
          {i18n.t('cta.insert')}
        </button>
        {status.kind === 'inserted' && (
          <span className="ficha-hint" role="status" data-testid="cta-status">
            {i18n.t('cta.inserted')}
          </span>
        )}
        {status.kind === 'no-editor' && (
          <span className="ficha-warning" role="alert" data-testid="cta-status">
            {i18n.t('cta.noEditor')}
          </span>
        )}
      </div>
    </li>
  );
});
