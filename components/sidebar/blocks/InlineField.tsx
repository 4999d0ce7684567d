import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import { fieldError } from './field-error';

export interface InlineFieldProps {
  /** Test id suffix: `field-<name>`. */
  name: string;
  label: string;
  /** The saved value, as it is edited. */
  value: string;
  /** How the saved value reads when not editing (formatted); defaults to `value`. */
  display?: string;
  /** Where the background reports this field's error (`patch.title`, `phones.0`). */
  errorPath: string;
  onSave: (draft: string) => Promise<unknown>;
  type?: 'text' | 'email' | 'tel' | 'url';
  /** Example shown inside the empty input while editing. */
  placeholder?: string;
  /** What an empty value reads as (the add rows of lists say what they add); defaults to "Add…". */
  emptyText?: string;
  /** Label read by screen readers only (rows of a list). */
  compact?: boolean;
}

/**
 * A value that turns into an input on click, Enter or F2. Enter or leaving the field saves; Escape cancels. A refused
 * save keeps the input open with the background's message under it, so nothing typed is lost and nothing wrong is
 * shown as saved.
 */
export function InlineField({ name, label, value, display, errorPath, onSave, type = 'text', placeholder, emptyText, compact }: InlineFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Refs, not state: blur can fire between a key press and the re-render, and must not save twice or after Escape.
  const closing = useRef(false);
  const refocus = useRef(false);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (draft !== null || !refocus.current) return;
    refocus.current = false;
    button.current?.focus();
  }, [draft]);

  const start = () => {
    closing.current = false;
    setError(null);
    setDraft(value);
  };
  const stop = (focusBack: boolean) => {
    closing.current = true;
    refocus.current = focusBack;
    setError(null);
    setDraft(null);
  };
  const commit = async (focusBack: boolean) => {
    if (draft === null || closing.current || saving) return;
    if (draft.trim() === value.trim()) return stop(focusBack);
    setSaving(true);
    try {
      await onSave(draft);
      stop(focusBack);
    } catch (e) {
      setError(fieldError(e, errorPath));
    } finally {
      setSaving(false);
    }
  };
  const onInputKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void commit(true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      stop(true);
    }
  };

  const shown = display ?? value;
  const errorId = `${id}-error`;
  return (
    <div className={compact ? 'ficha-inline ficha-inline-compact' : 'ficha-inline'} data-testid={`field-${name}`}>
      <label htmlFor={id} className={compact ? 'ficha-visually-hidden' : 'ficha-inline-label'}>
        {label}
      </label>
      <div className="ficha-inline-control">
        {draft === null ? (
          <button
            ref={button}
            id={id}
            type="button"
            className={shown ? 'ficha-inline-value' : 'ficha-inline-value ficha-empty'}
            aria-label={`${label}: ${shown || i18n.t('contact.noValue')}`}
            title={i18n.t('profile.editHint')}
            onClick={start}
            onKeyDown={(e) => e.key === 'F2' && start()}
          >
            {shown || emptyText || i18n.t('profile.add')}
          </button>
        ) : (
          <input
            id={id}
            type={type}
            // The field was opened on purpose (click, Enter, F2): typing goes straight into it.
            autoFocus
            value={draft}
            readOnly={saving}
            placeholder={placeholder}
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onInputKey}
            onBlur={() => void commit(false)}
          />
        )}
        {error && (
          <p id={errorId} className="ficha-field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
