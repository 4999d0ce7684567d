import { type ComponentType, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import type { PrivacyProps } from './blocks/PrivacyForm';

/**
 * Legal basis, consent and do-not-contact, folded. The form is built when the rep unfolds it: closed, it was 16 of
 * the card's elements, created and removed on every thread switch for nobody to see. `Form` is the sidebar's lazily
 * injected copy (lazy-blocks.tsx) or, on an extension page, the form itself.
 */
export function PrivacyBlock({ Form, ...props }: PrivacyProps & { Form: ComponentType<PrivacyProps> }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="ficha-details" data-testid="privacy" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{i18n.t('privacy.title')}</summary>
      {open && <Form {...props} />}
    </details>
  );
}
