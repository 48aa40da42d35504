import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/errors.js';
import { useOnline } from './connection.js';
import type { Action, ActionState } from './use-action.js';

/** "Bezig…", "Opnieuw proberen…" or "Mislukt", spoken by screen readers as it changes. */
export function ActionStatus({ state }: { state: ActionState }) {
  const { t } = useTranslation();
  const online = useOnline();
  let text: ReactNode = null;
  let tone = '';
  if (state.phase === 'pending') text = t('nurseApp.action.pending');
  if (state.phase === 'retrying') {
    text = online ? t('nurseApp.action.retrying', { attempt: state.attempt }) : t('nurseApp.action.waitingForNetwork');
    tone = ' nurse-action__status--warn';
  }
  if (state.phase === 'failed') {
    text = (
      <>
        <strong>{t('nurseApp.action.failed')}</strong> {errorMessage(t, state.error)}
      </>
    );
    tone = ' nurse-action__status--error';
  }
  return (
    <p className={`nurse-action__status${tone}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'type'>;

/** A big button for one action: disabled while it runs, so a second tap never sends it twice. */
export function ActionButton({ action, onRun, variant = 'primary', children, disabled, ...rest }: ButtonProps & { action: Action; onRun: () => void; variant?: 'primary' | 'secondary' | 'danger'; children: ReactNode }) {
  return (
    <div className="nurse-action">
      <button type="button" className={`button button--${variant} button--block nurse-action__button`} disabled={disabled || action.busy} aria-busy={action.busy} onClick={onRun} {...rest}>
        {action.busy && <span className="spinner" aria-hidden="true" />}
        {children}
      </button>
      <ActionStatus state={action.state} />
    </div>
  );
}
