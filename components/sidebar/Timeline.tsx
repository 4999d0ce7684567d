import { type FormEvent, useRef, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { Activity } from '@/lib/domain/activity';
import { useAddNote, useTimeline } from '@/lib/query/record';
import { stageLabel } from '@/components/ui/labels';
import { ErrorNotice } from './ErrorNotice';
import { refocusInSidebar } from './refocus';
import { formatDateTime } from './blocks/format';
import { VirtualList } from './VirtualList';

export const activityTypeLabel = (type: Activity['type']) => i18n.t(`timeline.type.${type.replace('.', '_') as 'email_received'}`);
/** A stage move reads in the rep's language with the stage names, not the stored English ids. */
export function summaryOf(activity: Pick<Activity, 'type' | 'summary'> & { data?: Activity['data'] }): string {
  const { from, to, backward } = activity.data ?? {};
  if (activity.type !== 'stage.changed' || typeof from !== 'string' || typeof to !== 'string') return activity.summary;
  const move = i18n.t('stageControl.historyEntry', [stageLabel(from), stageLabel(to)]);
  return backward === true ? `${move} (${i18n.t('stageControl.backward')})` : move;
}

/** The contact's activities, newest first, with a note box. */
export function Timeline({ contactId }: { contactId: string }) {
  const timeline = useTimeline(contactId);
  return (
    <section className="ficha-timeline" aria-labelledby="ficha-timeline-title">
      <h2 className="ficha-section-title" id="ficha-timeline-title">
        {i18n.t('timeline.title')}
      </h2>
      <AddNote contactId={contactId} />
      {timeline.isError && <ErrorNotice error={timeline.error} onRetry={() => void timeline.refetch()} />}
      <VirtualList
        testId="timeline"
        empty={timeline.data ? i18n.t('timeline.empty') : undefined}
        items={timeline.data ?? []}
        keyOf={(a) => a.id}
        row={(a) => ({ className: 'ficha-activity', 'data-testid': 'activity', 'data-type': a.type })}
        render={(a) => (
          <>
            <span className="ficha-activity-type">{activityTypeLabel(a.type)}</span>
            <time dateTime={new Date(a.occurredAt).toISOString()}>{formatDateTime(a.occurredAt)}</time>
            {a.summary && (
              <span className="ficha-activity-summary" title={summaryOf(a)}>
                {summaryOf(a)}
              </span>
            )}
          </>
        )}
      />
    </section>
  );
}

function AddNote({ contactId }: { contactId: string }) {
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const add = useAddNote(contactId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || add.isPending) return; // a held Enter repeats: one note
    add.mutate(
      { contactId, text },
      {
        onSuccess: () => {
          setText('');
          // The save button disables once empty: the rep's place goes back to the note box.
          if (box.current) refocusInSidebar(box.current);
        },
      },
    );
  };
  return (
    <form className="ficha-note" onSubmit={submit}>
      <label className="ficha-visually-hidden" htmlFor="ficha-note">
        {i18n.t('timeline.addNote')}
      </label>
      <textarea
        ref={box}
        id="ficha-note"
        data-testid="add-note"
        rows={2}
        maxLength={2000}
        placeholder={i18n.t('timeline.notePlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        // Enter saves, as in a chat box; Shift+Enter starts a new line; an IME composition keeps its Enter.
        onKeyDown={(e) => e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && (e.preventDefault(), e.currentTarget.form?.requestSubmit())}
      />
      <button type="submit" className="ficha-secondary" disabled={add.isPending || !text.trim()}>
        {i18n.t('timeline.saveNote')}
      </button>
      {add.error && <ErrorNotice error={add.error} />}
    </form>
  );
}
