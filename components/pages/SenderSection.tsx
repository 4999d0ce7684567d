import { type FormEvent, useState } from 'react';
import { i18n } from '#i18n';
import { ErrorNotice } from '@/components/sidebar/ErrorNotice';
import type { Settings } from '@/lib/domain/settings';
import { useSettings, useUpdateSettings } from '@/lib/query/settings';

type Sender = Settings['sender'];

/** The rep's own name and signature, for the {{sender.*}} fields of templates. */
export function SenderSection() {
  const settings = useSettings();
  if (settings.isError) return <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />;
  return settings.data ? <SenderForm initial={settings.data.sender} /> : null;
}

function SenderForm({ initial }: { initial: Sender }) {
  const update = useUpdateSettings();
  const [draft, setDraft] = useState<Sender>(initial);
  const [saved, setSaved] = useState(false);
  const set = (key: keyof Sender, value: string) => {
    setSaved(false);
    setDraft({ ...draft, [key]: value });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ sender: draft }, { onSuccess: () => setSaved(true) });
  };

  return (
    <section aria-labelledby="opt-sender">
      <h2 id="opt-sender">{i18n.t('sender.title')}</h2>
      <p className="muted">{i18n.t('sender.body')}</p>
      <form className="template-form" onSubmit={submit}>
        <label>
          {i18n.t('sender.firstName')}
          <input data-testid="sender-first-name" value={draft.firstName} onChange={(e) => set('firstName', e.target.value)} />
        </label>
        <label>
          {i18n.t('sender.lastName')}
          <input data-testid="sender-last-name" value={draft.lastName} onChange={(e) => set('lastName', e.target.value)} />
        </label>
        <label>
          {i18n.t('sender.signature')}
          <textarea rows={3} data-testid="sender-signature" value={draft.signature} onChange={(e) => set('signature', e.target.value)} />
        </label>
        <div className="row">
          <button type="submit" data-testid="sender-save" disabled={update.isPending}>
            {i18n.t('templates.save')}
          </button>
          {saved && <span role="status">{i18n.t('sender.saved')}</span>}
        </div>
      </form>
      {update.error && <ErrorNotice error={update.error} />}
    </section>
  );
}
