import type { TFunction } from 'i18next';
import { ApiError, type FieldProblem } from '../api/client.js';

/** The server's error code in the user's language, with a generic fallback for codes we do not know. */
export function errorMessage(t: TFunction, error: unknown): string {
  const code = error instanceof ApiError ? error.code : 'UNKNOWN';
  return t([`errors.code.${code}`, 'errors.code.UNKNOWN']);
}

/** `body.contacts.0.phone` → `contacts.0.phone`: the path of the form field. */
export const fieldPath = (path: string) => path.replace(/^(body|querystring|params)\.?/, '');

/**
 * Wording for one field problem, most specific first: this form's wording for the field, the field's
 * wording for the zod or server issue code (too_small, invalid_code, ...), the field's general wording,
 * the issue code's general wording. The field's own wording keeps the message useful when the server
 * sends only the generic code `invalid`.
 */
export function fieldMessage(t: TFunction, problem: FieldProblem, scope?: string): string {
  const field = fieldPath(problem.path)
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('_');
  const keys = [`fieldErrors.byField.${field}.${problem.code}`, `fieldErrors.byField.${field}.any`, `fieldErrors.byCode.${problem.code}`, 'fieldErrors.byCode.invalid'];
  return t(scope ? [`fieldErrors.scoped.${scope}.${field}`, ...keys] : keys);
}

export type FieldErrors = Record<string, string>;

/** The field errors of a failed submit, keyed by form path. */
export function fieldErrorsOf(t: TFunction, error: unknown, scope?: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const problem of error.fields) {
    const path = fieldPath(problem.path);
    errors[path] ??= fieldMessage(t, problem, scope);
  }
  return errors;
}

/** The id of the input for a form path, so an error summary can link to it. */
export const inputId = (path: string) => `f-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
