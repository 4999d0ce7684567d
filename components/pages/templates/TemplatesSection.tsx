import { useState } from 'react';
import { i18n } from '#i18n';
import { ErrorNotice } from '@/components/sidebar/ErrorNotice';
import { stageLabel } from '@/components/ui/labels';
import type { CtaTemplate } from '@/lib/domain/template-schema';
import { useTemplates, useTemplateWrite } from '@/lib/query/templates';
import { TemplateEditor } from './TemplateEditor';
import { TemplateTransfer } from './TemplateTransfer';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; template: CtaTemplate };

/** The rep's CTA templates: create, edit with a live preview, duplicate, delete, reorder, import/export. */
export function TemplatesSection() {
  const templates = useTemplates();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const list = templates.data ?? [];

  return (
    <section aria-labelledby="opt-templates" data-testid="templates-manager">
      <h2 id="opt-templates">{i18n.t('templates.title')}</h2>
      <p className="muted">{i18n.t('templates.body')}</p>
      <div className="row">
        <button type="button" data-testid="template-new" onClick={() => setEditing({ kind: 'new' })} disabled={editing.kind !== 'none'}>
          {i18n.t('templates.new')}
        </button>
        <TemplateTransfer templates={list} />
      </div>
      {editing.kind !== 'none' && (
        <TemplateEditor
          key={editing.kind === 'edit' ? editing.template.id : 'new'}
          template={editing.kind === 'edit' ? editing.template : null}
          onDone={() => setEditing({ kind: 'none' })}
        />
      )}
      {templates.isError && <ErrorNotice error={templates.error} onRetry={() => void templates.refetch()} />}
      {templates.isSuccess && list.length === 0 && <p className="muted">{i18n.t('templates.empty')}</p>}
      <ol className="results template-list">
        {list.map((t, i) => (
          <TemplateRow key={t.id} template={t} ids={list.map((x) => x.id)} index={i} onEdit={() => setEditing({ kind: 'edit', template: t })} />
        ))}
      </ol>
    </section>
  );
}

function TemplateRow({ template, ids, index, onEdit }: { template: CtaTemplate; ids: string[]; index: number; onEdit: () => void }) {
  const duplicate = useTemplateWrite('templates.duplicate');
  const remove = useTemplateWrite('templates.remove');
  const reorder = useTemplateWrite('templates.reorder');
  const [confirming, setConfirming] = useState(false);
  const move = (by: -1 | 1) => {
    const next = [...ids];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    reorder.mutate({ ids: next });
  };
  const busy = duplicate.isPending || remove.isPending || reorder.isPending;
  const error = duplicate.error ?? remove.error ?? reorder.error;

  return (
    <li data-testid="template-row" data-template-id={template.id}>
      <div className="row">
        <div>
          <span className="name">{template.name}</span> <span className="stage">{template.language}</span>
          <div className="meta">{template.stages.length ? template.stages.map(stageLabel).join(' · ') : i18n.t('templates.anyStage')}</div>
        </div>
        <div className="actions">
          <button type="button" aria-label={i18n.t('templates.moveUp', [template.name])} data-testid="template-up" disabled={busy || index === 0} onClick={() => move(-1)}>
            ↑
          </button>
          <button type="button" aria-label={i18n.t('templates.moveDown', [template.name])} data-testid="template-down" disabled={busy || index === ids.length - 1} onClick={() => move(1)}>
            ↓
          </button>
          <button type="button" data-testid="template-edit" onClick={onEdit}>
            {i18n.t('templates.edit')}
          </button>
          <button type="button" data-testid="template-duplicate" disabled={busy} onClick={() => duplicate.mutate({ id: template.id })}>
            {i18n.t('templates.duplicate')}
          </button>
          {confirming ? (
            <>
              <button type="button" data-testid="template-delete-confirm" disabled={busy} onClick={() => remove.mutate({ id: template.id })}>
                {i18n.t('templates.deleteConfirm')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {i18n.t('templates.cancel')}
              </button>
            </>
          ) : (
            <button type="button" data-testid="template-delete" onClick={() => setConfirming(true)}>
              {i18n.t('templates.delete')}
            </button>
          )}
        </div>
      </div>
      {error && <ErrorNotice error={error} />}
    </li>
  );
}
