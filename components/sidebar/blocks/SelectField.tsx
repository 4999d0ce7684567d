import { useId, useState } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import { fieldError } from './field-error';

export interface SelectFieldProps {
  name: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  errorPath: string;
  onSave: (value: string) => Promise<unknown>;
}

/** A choice saved as soon as it is picked (like the stage and privacy controls); the first option clears it. */
export function SelectField({ name, label, value, options, errorPath, onSave }: SelectFieldProps) {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const change = async (next: string) => {
    setPending(next);
    setError(null);
    try {
      await onSave(next);
    } catch (e) {
      setError(fieldError(e, errorPath));
    } finally {
      setPending(null);
    }
  };

  return (
    <div className="ficha-inline" data-testid={`field-${name}`}>
      <label htmlFor={id} className="ficha-inline-label">
        {label}
      </label>
      <div className="ficha-inline-control">
        <select
          id={id}
          value={pending ?? value}
          disabled={pending !== null}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => void change(e.target.value)}
        >
          <option value="">{i18n.t('profile.notSet')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {error && (
          <p id={`${id}-error`} className="ficha-field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
