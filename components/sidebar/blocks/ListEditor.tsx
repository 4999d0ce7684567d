import { type ReactNode, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import { fieldError } from './field-error';
import { InlineField } from './InlineField';

export interface ListEditorProps<T> {
  /** Rows are `field-<name>`, the add row `field-<name>-new`. */
  name: string;
  label: string;
  addLabel: string;
  items: readonly T[];
  text: (item: T) => string;
  /** The item for typed text; `previous` keeps the row's other parts (label, primary flag). */
  make: (text: string, previous?: T) => T;
  /** Where the background reports a row's error: `phones` → `phones.<index>`. */
  errorPath: string;
  type: 'email' | 'tel' | 'url';
  /** Saves the whole list: the background validates it as one (one primary, no duplicates). */
  onSave: (items: T[]) => Promise<unknown>;
  /** Per-row controls next to the value (primary flag, phone label). */
  extra?: (item: T, index: number, save: (items: T[]) => void) => ReactNode;
}

/** A list of values, each edited inline; clearing a row's text removes it. */
export function ListEditor<T>({ name, label, addLabel, items, text, make, errorPath, type, onSave, extra }: ListEditorProps<T>) {
  // Errors of row-level actions (remove, primary, label); text edits show theirs under their own field.
  const [error, setError] = useState<string | null>(null);
  const save = (next: T[]) => {
    setError(null);
    onSave(next).catch((e: unknown) => setError(fieldError(e, errorPath)));
  };
  const replace = (index: number, draft: string) =>
    onSave(draft.trim() === '' ? items.filter((_, i) => i !== index) : items.map((item, i) => (i === index ? make(draft, item) : item)));

  return (
    <fieldset className="ficha-list">
      <legend>{label}</legend>
      <ul>
        {items.map((item, index) => (
          <li key={`${index}:${text(item)}`}>
            <InlineField compact name={name} label={`${label} ${index + 1}`} type={type} value={text(item)} errorPath={`${errorPath}.${index}`} onSave={(draft) => replace(index, draft)} />
            {extra?.(item, index, save)}
            <button type="button" className="ficha-remove" aria-label={i18n.t('profile.remove', [text(item)])} title={i18n.t('profile.remove', [text(item)])} onClick={() => save(items.filter((_, i) => i !== index))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <InlineField compact name={`${name}-new`} label={addLabel} emptyText={`+ ${addLabel}`} type={type} value="" errorPath={`${errorPath}.${items.length}`} onSave={(draft) => (draft.trim() ? onSave([...items, make(draft)]) : Promise.resolve())} />
      {error && (
        <p className="ficha-field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
