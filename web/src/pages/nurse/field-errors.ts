import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.js';
import { fieldMessage, fieldPath, type FieldErrors } from '../../i18n/errors.js';

/**
 * The server's field problems keyed by the form's field (`actions.2` → `actions`), worded by this
 * form's own texts under `nurseApp.<form>.errors.<field>` and else by the shared field wording.
 */
export function formErrors(t: TFunction, error: unknown, form: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const problem of error.fields) {
    const field = fieldPath(problem.path).split('.')[0] ?? '';
    errors[field] ??= t([`nurseApp.${form}.errors.${field}`], { defaultValue: fieldMessage(t, problem) });
  }
  return errors;
}
