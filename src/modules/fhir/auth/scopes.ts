/** `system/Patient.read`, `system/*.read` or `system/Observation.write`: what a machine client may do, per resource type. */
const SCOPE = /^system\/((\*|[A-Z][A-Za-z]+)\.read|[A-Z][A-Za-z]+\.write)$/;

export const isScope = (scope: string) => SCOPE.test(scope);

/** Whether a set of scopes lets its holder read a resource type. */
export const scopesAllowRead = (scopes: readonly string[], type: string) => scopes.includes(`system/${type}.read`) || scopes.includes('system/*.read');

/** Whether a set of scopes lets its holder create a resource type (the ANW write-back); a write is always named per type. */
export const scopesAllowWrite = (scopes: readonly string[], type: string) => scopes.includes(`system/${type}.write`);

/**
 * The scopes granted for a request: every asked scope must be well-formed and within what the client
 * was registered for (a wildcard registration covers each type's read, never a write); one that is not
 * refuses the request.
 */
export function grantScopes(asked: string, registered: readonly string[]): string[] | undefined {
  const wanted = asked.split(' ').filter(Boolean);
  if (wanted.length === 0) return undefined;
  const allowed = (scope: string) => isScope(scope) && (registered.includes(scope) || (registered.includes('system/*.read') && scope.endsWith('.read')));
  return wanted.every(allowed) ? [...new Set(wanted)] : undefined;
}
