import { uiLanguage } from '@/lib/i18n/ui-language';
import { useEffect, useMemo, useRef, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import { matchesWords, queryWords, templateSearchText } from '@/lib/domain/template-rank';
import type { SuggestedTemplate } from '@/lib/messaging/features/templates';
import { useQuery } from '@tanstack/react-query';
import { SHOWN_TEMPLATES as SHOWN, templateSuggestionsQuery, useRecordInsert } from '@/lib/query/templates';
import type { ThreadContext } from '@/lib/sites/types';
import { CtaItem } from './CtaItem';
import { ErrorNotice } from './ErrorNotice';
import { PICKER_OPEN, pickerRequests, takePendingPickerOpen } from './picker-shortcut';
import { useSite } from './site';

// A search lists at most this many: rendering hundreds of previews per keystroke would lag the typing.
const MAX_LISTED = 20;

const plain = (t: SuggestedTemplate) => [...t.subject, ...t.body].map((s) => (s.kind === 'missing' ? '' : s.text)).join(' ');

/** CTA templates for this contact, best first, with a search box (Alt+Shift+K from the editor focuses it). */
export function CtaList({ contact, thread }: { contact: Contact; thread: ThreadContext }) {
  const language = uiLanguage();
  const top = useQuery(templateSuggestionsQuery(contact.id, thread.selfEmail, language, SHOWN));
  const [query, setQuery] = useState('');
  const [showAll, setShowAll] = useState(false);
  const searching = query.trim() !== '';
  // The whole list is asked for once the rep unfolds or searches it, and only when there is more than the top.
  const needsAll = (showAll || searching) && top.data !== undefined && top.data.total > top.data.templates.length;
  const all = useQuery({ ...templateSuggestionsQuery(contact.id, thread.selfEmail, language), enabled: needsAll });
  const record = useRecordInsert(contact.id);
  // Undefined while the list asked for is on its way (the top ones stay listed meanwhile).
  const complete = needsAll ? all.data : top.data;
  const templates = complete?.templates ?? top.data?.templates;
  const search = useRef<HTMLInputElement>(null);
  const { adapter, doc } = useSite();

  useEffect(() => {
    const focus = () => {
      takePendingPickerOpen();
      search.current?.focus();
    };
    if (takePendingPickerOpen()) focus();
    pickerRequests.addEventListener(PICKER_OPEN, focus);
    return () => pickerRequests.removeEventListener(PICKER_OPEN, focus);
  }, [top.isSuccess]);

  // Folded once per load, and only once the rep searches (a card that is just shown folds nothing): each keystroke
  // is then a substring test per template.
  const indexed = useMemo(() => {
    let folded: { t: SuggestedTemplate; text: string }[] | undefined;
    return () => (folded ??= (templates ?? []).map((t) => ({ t, text: templateSearchText([t.name, ...t.tags, plain(t)]) })));
  }, [templates]);
  const words = queryWords(query);
  const matches = words.length ? indexed().filter(({ text }) => matchesWords(text, words)).map(({ t }) => t) : (templates ?? []);
  const visible = matches.slice(0, showAll || searching ? MAX_LISTED : SHOWN);
  const total = top.data?.total ?? 0;

  if (top.isError) return <ErrorNotice error={top.error} onRetry={() => void top.refetch()} />;

  return (
    <section className="ficha-cta" aria-labelledby="ficha-cta-title">
      <h3 id="ficha-cta-title" className="ficha-section-title">
        {i18n.t('cta.title')}
      </h3>
      <input
        ref={search}
        type="search"
        className="ficha-input"
        data-testid="cta-search"
        placeholder={i18n.t('cta.search')}
        aria-label={i18n.t('cta.search')}
        aria-keyshortcuts="Alt+Shift+K"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setQuery('');
            adapter.insertAtCaret(doc, ''); // back to the editor, caret where it was
          }
        }}
      />
      {(top.isPending || (needsAll && all.isPending)) && <p className="ficha-hint">{i18n.t('sidebar.loading')}</p>}
      {needsAll && all.isError && <ErrorNotice error={all.error} onRetry={() => void all.refetch()} />}
      {complete && matches.length === 0 && (
        <p className="ficha-hint" data-testid="cta-empty">
          {searching ? i18n.t('cta.noMatch') : i18n.t('cta.none')}
        </p>
      )}
      <ul className="ficha-cta-list" aria-label={i18n.t('cta.title')}>
        {visible.map((t) => (
          <CtaItem key={t.id} template={t} threadId={thread.threadId} openReply={thread.mode !== 'lookup'} onInserted={record.mutate} />
        ))}
      </ul>
      {!showAll && !searching && total > SHOWN && (
        <button type="button" className="ficha-link" onClick={() => setShowAll(true)}>
          {i18n.t('cta.showAll', [String(Math.min(total, MAX_LISTED))])}
        </button>
      )}
      {complete && matches.length > visible.length && (showAll || searching) && (
        <p className="ficha-hint" data-testid="cta-more">
          {i18n.t('cta.more', [String(visible.length), String(matches.length)])}
        </p>
      )}
    </section>
  );
}
