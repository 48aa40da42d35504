import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { inputId, type FieldErrors } from '../i18n/errors.js';

interface FieldFrame {
  path: string;
  label: string;
  errors?: FieldErrors;
  hint?: string;
}

/** The accessible wiring every input shares: label, hint and error tied to the input by id. */
function useFieldWiring({ path, errors, hint }: FieldFrame) {
  const id = inputId(path);
  const error = errors?.[path];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { id, error, inputProps: { id, name: path, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy } };
}

function Frame({ id, label, hint, error, children, className }: { id: string; label: string; hint?: string; error?: string; children: ReactNode; className?: string }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

export function TextField({ path, label, errors, hint, ref, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const wiring = useFieldWiring({ path, label, errors, hint });
  return (
    <Frame id={wiring.id} label={label} hint={hint} error={wiring.error}>
      <input type="text" ref={ref} {...input} {...wiring.inputProps} />
    </Frame>
  );
}

/**
 * A six-digit code from an authenticator app: numeric keyboard, one-time-code autofill, digits only
 * (a pasted "123 456" keeps its digits). Used wherever a second factor is asked for.
 */
export function CodeField({ value, onCode, ...field }: FieldFrame & { value: string; onCode: (code: string) => void; ref?: Ref<HTMLInputElement> }) {
  return (
    <TextField
      {...field}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      maxLength={6}
      value={value}
      onChange={(e) => onCode(e.target.value.replace(/\D/g, ''))}
      className="input--code"
    />
  );
}

export function TextAreaField({ path, label, errors, hint, ...input }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const wiring = useFieldWiring({ path, label, errors, hint });
  return (
    <Frame id={wiring.id} label={label} hint={hint} error={wiring.error}>
      <textarea rows={3} {...input} {...wiring.inputProps} />
    </Frame>
  );
}

export function SelectField({ path, label, errors, hint, children, ...input }: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  const wiring = useFieldWiring({ path, label, errors, hint });
  return (
    <Frame id={wiring.id} label={label} hint={hint} error={wiring.error}>
      <select {...input} {...wiring.inputProps}>
        {children}
      </select>
    </Frame>
  );
}

export function CheckboxField({ path, label, errors, hint, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const wiring = useFieldWiring({ path, label, errors, hint });
  return (
    <div className={`field field--check${wiring.error ? ' field--invalid' : ''}`}>
      <input type="checkbox" {...input} {...wiring.inputProps} />
      <label htmlFor={wiring.id}>{label}</label>
      {wiring.error && (
        <p className="field__error" id={`${wiring.id}-error`}>
          {wiring.error}
        </p>
      )}
    </div>
  );
}

/**
 * The list of problems after a refused submit. It takes focus so screen-reader and keyboard users
 * land on it; each problem links to its field.
 */
export function ErrorSummary({ errors, general, labelFor, attempt }: { errors: FieldErrors; general?: string; labelFor: (path: string) => string | undefined; attempt: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const paths = Object.keys(errors);
  const visible = paths.length > 0 || !!general;
  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [attempt, visible]);
  if (!visible) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <h2 id={titleId}>{t('form.errorSummary')}</h2>
      {general && <p>{general}</p>}
      {paths.length > 0 && (
        <ul>
          {paths.map((path) => {
            const label = labelFor(path);
            return (
              <li key={path}>
                {label ? (
                  <a href={`#${inputId(path)}`}>
                    {label}: {errors[path]}
                  </a>
                ) : (
                  <span>{errors[path]}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
