import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorsOf, type FieldErrors } from '../i18n/errors.js';

/**
 * The state every submitting form shares: busy, field errors from the server's `fields`, a general
 * message when there are none, and an attempt counter that moves focus to the error summary.
 */
export function useSubmit(scope?: string) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  const run = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setErrors({});
    setGeneral(undefined);
    try {
      await action();
      return true;
    } catch (error) {
      const fields = fieldErrorsOf(t, error, scope);
      setErrors(fields);
      setGeneral(Object.keys(fields).length === 0 ? errorMessage(t, error) : undefined);
      setAttempt((a) => a + 1);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, general, attempt, run };
}
