import { type FormEvent, useRef, useState } from 'react';
import { i18n } from '#i18n';
import { stageLabel } from '@/components/ui/labels';
import { MERGE_FIELDS } from '@/lib/domain/template-fields';
import { type CtaTemplate, TemplateFieldsSchema } from '@/lib/domain/template-schema';
import { PRESET_STAGE_IDS } from '@/lib/domain/stage-ids';
import { FichaError } from '@/lib/messaging/errors';
import { useTemplateWrite } from '@/lib/query/templates';
import { TemplatePreview } from './TemplatePreview';

interface Draft {
  name: string;
  language: string;
  stages: string[];
  subject: string;
  body: string;
  linkUrl: string;
  utm: boolean;
  tags: string;
}

const draftOf = (t: CtaTemplate | null): Draft => ({
  name: t?.name ?? '',
  language: t?.language ?? (i18n.t('templates.defaultLanguage') || 'en'),
  stages: t?.stages ?? [],
  subject: t?.subject ?? '',
  body: t?.body ?? '',
  linkUrl: t?.link?.url ?? '',
  utm: t?.link?.utm ?? true,
  tags: t?.tags.join(', ') ?? '',
});

const fieldsOf = (d: Draft) => ({
  name: d.name,
  language: d.language,
  stages: d.stages,
  subject: d.subject,
  body: d.body,
  link: d.linkUrl.trim() ? { url: d.linkUrl.trim(), utm: d.utm } : null,
  tags: d.tags.split(',').map((t) => t.trim()).filter(Boolean),
});

/** Field → first problem, from the same schema the background enforces, so the form says it before saving. */
function problemsOf(d: Draft): Record<string, string> {
  const result = TemplateFieldsSchema.safeParse(fieldsOf(d));
  const out: Record<string, string> = {};
  for (const issue of result.success ? [] : result.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

export function TemplateEditor({ template, onDone }: { template: CtaTemplate | null; onDone: () => void }) {
  const [draft, setDraft] = useState(() => draftOf(template));
  const [touched, setTouched] = useState(false);
  const save = useTemplateWrite('templates.save');
  const body = useRef<HTMLTextAreaElement>(null);
  const problems = problemsOf(draft);
  const shown = touched ? problems : {};
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const insertField = (path: string) => {
    const el = body.current;
    const token = `{{${path}}}`;
    const at = el?.selectionStart ?? draft.body.length;
    const end = el?.selectionEnd ?? at;
    set('body', draft.body.slice(0, at) + token + draft.body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    save.mutate({ template: { ...fieldsOf(draft), ...(template ? { id: template.id } : {}) } }, { onSuccess: onDone });
  };

  const error = (key: string) =>
    shown[key] ? (
      <span className="error-text" id={`tpl-${key}-error`} data-testid="template-error" data-field={key}>
        {shown[key]}
      </span>
    ) : null;
  const described = (key: string) => (shown[key] ? { 'aria-invalid': true, 'aria-describedby': `tpl-${key}-error` } : {});

  return (
    <form className="template-editor" onSubmit={submit} aria-label={template ? i18n.t('templates.editing', [template.name]) : i18n.t('templates.new')}>
      <div className="template-form">
        <label>
          {i18n.t('templates.name')}
          <input data-testid="template-name" value={draft.name} onChange={(e) => set('name', e.target.value)} {...described('name')} />
          {error('name')}
        </label>
        <label>
          {i18n.t('templates.language')}
          <input data-testid="template-language" value={draft.language} onChange={(e) => set('language', e.target.value)} list="tpl-languages" {...described('language')} />
          <datalist id="tpl-languages">
            <option value="en" />
            <option value="es" />
          </datalist>
          {error('language')}
        </label>
        <fieldset>
          <legend>{i18n.t('templates.stages')}</legend>
          {Object.entries(PRESET_STAGE_IDS).map(([setId, ids]) => (
            <div key={setId} className="stage-group">
              <span className="muted">{i18n.t(`stageSets.${setId as keyof typeof PRESET_STAGE_IDS}`)}: </span>
              {ids.map((id) => (
                <label key={id} className="check">
                  <input
                    type="checkbox"
                    checked={draft.stages.includes(id)}
                    onChange={(e) => set('stages', e.target.checked ? [...draft.stages, id] : draft.stages.filter((s) => s !== id))}
                  />
                  {stageLabel(id)}
                </label>
              ))}
            </div>
          ))}
        </fieldset>
        <label>
          {i18n.t('templates.subject')}
          <input data-testid="template-subject" value={draft.subject} onChange={(e) => set('subject', e.target.value)} {...described('subject')} />
          {error('subject')}
        </label>
        <label>
          {i18n.t('templates.bodyLabel')}
          <textarea ref={body} rows={8} data-testid="template-body" value={draft.body} onChange={(e) => set('body', e.target.value)} {...described('body')} />
          {error('body')}
        </label>
        <details>
          <summary>{i18n.t('templates.fields')}</summary>
          <p className="muted">{i18n.t('templates.fieldsHelp')}</p>
          <div className="field-chips">
            {MERGE_FIELDS.map((path) => (
              <button key={path} type="button" onClick={() => insertField(path)}>
                {path}
              </button>
            ))}
          </div>
        </details>
        <label>
          {i18n.t('templates.link')}
          <input data-testid="template-link" type="url" value={draft.linkUrl} placeholder="https://" onChange={(e) => set('linkUrl', e.target.value)} {...described('link')} />
          {error('link')}
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.utm} onChange={(e) => set('utm', e.target.checked)} />
          {i18n.t('templates.utm')}
        </label>
        <label>
          {i18n.t('templates.tags')}
          <input data-testid="template-tags" value={draft.tags} onChange={(e) => set('tags', e.target.value)} {...described('tags')} />
          {error('tags')}
        </label>
        <div className="row">
          <button type="submit" data-testid="template-save" disabled={save.isPending}>
            {i18n.t('templates.save')}
          </button>
          <button type="button" onClick={onDone}>
            {i18n.t('templates.cancel')}
          </button>
        </div>
        {save.error && (
          <p role="alert" className="error-text" data-testid="template-error">
            {save.error instanceof FichaError ? save.error.message : String(save.error)}
          </p>
        )}
      </div>
      <TemplatePreview template={fieldsOf(draft)} valid={!problems.body && !problems.subject && !problems.link} />
    </form>
  );
}
