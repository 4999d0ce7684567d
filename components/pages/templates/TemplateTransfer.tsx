import { type ChangeEvent, useState } from 'react';
import { i18n } from '#i18n';
import { type CtaTemplate, TemplateFileSchema, templateFile } from '@/lib/domain/template-schema';
import { useTemplateWrite } from '@/lib/query/templates';

const MAX_FILE_BYTES = 5 * 1024 * 1024;

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Problems of a file, each with where it is ("templates.3.body: Unknown merge field …"). */
export function describeFileProblems(raw: string): { file: ReturnType<typeof TemplateFileSchema.parse> } | { problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { problems: [i18n.t('templates.notJson', [error instanceof Error ? error.message : String(error)])] };
  }
  const parsed = TemplateFileSchema.safeParse(json);
  if (parsed.success) return { file: parsed.data };
  return { problems: parsed.error.issues.slice(0, 20).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)) };
}

/** Export as JSON; import a JSON file, validated before anything is written. */
export function TemplateTransfer({ templates }: { templates: CtaTemplate[] }) {
  const importFile = useTemplateWrite('templates.import');
  const [mode, setMode] = useState<'add' | 'replace'>('add');
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState<number | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    input.value = ''; // the same file can be picked again after fixing it
    setDone(null);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setProblems([i18n.t('templates.tooBig')]);
    const result = describeFileProblems(await file.text());
    if ('problems' in result) return setProblems(result.problems);
    setProblems([]);
    importFile.mutate({ file: result.file, mode }, { onSuccess: ({ imported }) => setDone(imported) });
  };

  return (
    <div className="transfer">
      <button type="button" data-testid="templates-export" disabled={templates.length === 0} onClick={() => download('ficha-templates.json', JSON.stringify(templateFile(templates), null, 2))}>
        {i18n.t('templates.export')}
      </button>
      <label>
        {i18n.t('templates.import')} <input type="file" accept="application/json,.json" data-testid="templates-import" onChange={(e) => void onFile(e)} />
      </label>
      <select aria-label={i18n.t('templates.importMode')} value={mode} onChange={(e) => setMode(e.target.value as 'add' | 'replace')}>
        <option value="add">{i18n.t('templates.importAdd')}</option>
        <option value="replace">{i18n.t('templates.importReplace')}</option>
      </select>
      {problems.length > 0 && (
        <div role="alert" className="error-text" data-testid="templates-import-error">
          <p>{i18n.t('templates.importInvalid')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {importFile.error && (
        <p role="alert" className="error-text" data-testid="templates-import-error">
          {importFile.error.message}
        </p>
      )}
      {done !== null && (
        <p role="status" data-testid="templates-import-done">
          {i18n.t('templates.imported', done, [done])}
        </p>
      )}
    </div>
  );
}
