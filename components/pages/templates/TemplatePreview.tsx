import { useDeferredValue, useState } from 'react';
import { i18n } from '#i18n';
import type { Contact } from '@/lib/domain/contact';
import { contactFromHeader } from '@/lib/domain/contact';
import { fullName, primaryEmail } from '@/lib/domain/person';
import { renderTemplate, type Segment, type TemplateLink } from '@/lib/domain/template';
import { mergeDataFor } from '@/lib/domain/template-fields';
import { useContactSearch } from '@/lib/query/hooks';
import { useCompany } from '@/lib/query/profile';
import { useSettings } from '@/lib/query/settings';

// Shown until the rep picks one of their own contacts, so a preview is never empty.
const SAMPLE: Contact = { ...contactFromHeader({ email: 'ana.ruiz@clientco.com', displayName: 'Ana Ruiz' }, { id: 'sample', now: 0 }), title: 'CTO' };

function Segments({ segments }: { segments: readonly Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.kind === 'missing' ? (
          <mark key={i} className="missing" data-testid="template-missing">{`{{${s.path}}}`}</mark>
        ) : s.kind === 'link' ? (
          <a key={i} href={s.href} target="_blank" rel="noreferrer noopener">
            {s.text}
          </a>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** The template rendered for a chosen contact, as the sidebar would insert it. */
export function TemplatePreview({ template, valid }: { template: { name: string; subject: string; body: string; link: TemplateLink | null }; valid: boolean }) {
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<Contact | null>(null);
  const results = useContactSearch(useDeferredValue(query.trim()), 8);
  const settings = useSettings();
  const contact = picked ?? SAMPLE;
  const company = useCompany(contact.companyDomain).data ?? null;
  const sender = { ...(settings.data?.sender ?? { firstName: '', lastName: '', signature: '' }), email: '' };
  const rendered = renderTemplate(template, mergeDataFor(contact, company, sender));

  return (
    <aside className="preview" aria-label={i18n.t('templates.preview')} data-testid="template-preview">
      <h3>{i18n.t('templates.previewFor', [fullName(contact) || primaryEmail(contact)])}</h3>
      <input type="search" placeholder={i18n.t('templates.previewPick')} aria-label={i18n.t('templates.previewPick')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {query.trim() && (
        <ul className="results">
          {(results.data ?? []).map((c) => (
            <li key={c.id}>
              <button type="button" className="link" onClick={() => (setPicked(c), setQuery(''))}>
                {fullName(c) || primaryEmail(c)} <span className="muted">{primaryEmail(c)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {!valid && <p className="muted">{i18n.t('templates.previewInvalid')}</p>}
      {rendered.subject.length > 0 && (
        <p className="preview-subject">
          <Segments segments={rendered.subject} />
        </p>
      )}
      <p className="preview-body">
        <Segments segments={rendered.body} />
      </p>
      {rendered.missing.length > 0 && (
        <p className="error-text" role="status">
          {i18n.t('templates.previewMissing', [rendered.missing.join(', ')])}
        </p>
      )}
    </aside>
  );
}
