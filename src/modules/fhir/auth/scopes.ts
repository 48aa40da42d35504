/** `system/Patient.read` or `system/*.read`: what a machine client may read, per resource type. */
const SCOPE = /^system\/(\*|[A-Z][A-Za-z]+)\.read$/;

export const isScope = (scope: string) => SCOPE.test(scope);

/** Whether a set of scopes lets its holder read a resource type. */
export const scopesAllowRead = (scopes: readonly string[], type: string) => scopes.includes(`system/${type}.read`) || scopes.includes('system/*.read');

/**
 * The scopes granted for a request: every asked scope must be well-formed and within what the client
 * was registered for (a wildcard registration covers each type); one that is not refuses the request.
 */
export function grantScopes(asked: string, registered: readonly string[]): string[] | undefined {
  const wanted = asked.split(' ').filter(Boolean);
  if (wanted.length === 0) return undefined;
  const allowed = (scope: string) => isScope(scope) && (registered.includes(scope) || registered.includes('system/*.read'));
  return wanted.every(allowed) ? [...new Set(wanted)] : undefined;
}
