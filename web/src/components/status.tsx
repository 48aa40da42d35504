import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/errors.js';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="status status--loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('status.loading')}
    </p>
  );
}

export function ErrorNotice({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>{errorMessage(t, error)}</p>
      {children}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="status status--empty">{children}</p>;
}

export function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  const percent = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div className="progress">
      <label>
        <span className="progress__label">
          {label} <span className="progress__value">{percent}%</span>
        </span>
        <progress value={value} max={max || 1}>
          {percent}%
        </progress>
      </label>
    </div>
  );
}
