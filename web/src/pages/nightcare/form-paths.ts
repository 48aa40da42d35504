import type { FieldErrors } from '../../i18n/errors.js';

/**
 * Field ids come from the form path (components/form), so two forms on one screen with a field of the
 * same name (phone entry, triage and cancel all have `reason` and `note`) would share an id, and a label
 * would name the other form's control. Each of these forms puts its paths under a prefix of its own and
 * moves the server's field errors under it too.
 */
export function formPaths(prefix: string) {
  return {
    path: (field: string) => `${prefix}.${field}`,
    field: (path: string) => path.slice(prefix.length + 1),
    errors: (errors: FieldErrors): FieldErrors => Object.fromEntries(Object.entries(errors).map(([path, message]) => [`${prefix}.${path}`, message])),
  };
}
