export const roles = ['alliance_admin', 'organisation_admin', 'coordinator', 'nurse', 'network_coordinator'] as const;
export type Role = (typeof roles)[number];

/** Roles whose holders work with client data; they must use a second factor. */
export const clientDataRoles: readonly Role[] = ['organisation_admin', 'coordinator', 'nurse'];

/** Who is acting: a logged-in staff member within one organisation, or an organisation's machine (API key). */
export interface AccessContext {
  actorKind: 'user' | 'api_key';
  /** The user id, or the API key id for machines. */
  actorId: string;
  actorName: string;
  organisationId: string;
  roles: Role[];
  /** Alliances the acting organisation is a member of. */
  allianceIds: string[];
}

export const hasRole = (ctx: AccessContext, ...wanted: Role[]) => ctx.roles.some((r) => wanted.includes(r));
/** The role an audit entry names: a machine acts in no staff role, so its entries say `api_key`. */
export const primaryRole = (ctx: AccessContext): Role | 'api_key' | null => ctx.roles[0] ?? (ctx.actorKind === 'api_key' ? 'api_key' : null);

declare const bootstrap: unique symbol;

/** The platform setting itself up (seed, tests, benchmarks); minted only in bootstrap.ts, never from a request. */
export interface BootstrapActor {
  readonly actorKind: 'bootstrap';
  /** What sets up, for logs: `demo seed`, `test set-up`, ... */
  readonly actorName: string;
  readonly [bootstrap]: true;
}

/** Who may call the administrative create functions: staff (checked there) or the bootstrap. */
export type AdminActor = AccessContext | BootstrapActor;
