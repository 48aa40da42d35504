import { AppError, forbidden, notFound } from '../http/index.light.js';

export const roles = ['alliance_admin', 'organisation_admin', 'coordinator', 'nurse', 'network_coordinator'] as const;
export type Role = (typeof roles)[number];

/** Roles whose holders work with client data; they must use a second factor. */
export const clientDataRoles: readonly Role[] = ['organisation_admin', 'coordinator', 'nurse'];

/** What every acting context carries: who, for which organisation, in which alliances. */
interface ActorBase {
  /** The user id, the API key id for machines, the citizen's or the credential's id. */
  actorId: string;
  actorName: string;
  organisationId: string;
  /** Staff roles in the organisation; machines and citizens hold none. */
  roles: Role[];
  /** Alliances the acting organisation is a member of. */
  allianceIds: string[];
  /**
   * The alliance the actor acts in: chosen in the session, else the only one of `allianceIds`; null
   * while an organisation in several alliances has not chosen (read it through `actingAlliance`).
   */
  allianceId: string | null;
}

/** A logged-in staff member within one organisation. */
export interface StaffContext extends ActorBase {
  actorKind: 'user';
}

/** An organisation's machine (an alarm centre's API key). */
export interface ApiKeyContext extends ActorBase {
  actorKind: 'api_key';
  /**
   * The organisation's gateway to the Danish message network (MedCom): it also opens the circle tasks and
   * messages of the organisation's own clients, which a hospital notification or care message changes.
   */
  messaging?: true;
}

/**
 * A client or an informal caregiver (not staff) acting on one client's record, for themselves or for
 * the client they care for. `organisationId` is the client's care organisation. The sign-in itself
 * (platform/auth `CitizenSession`) carries no client: a module that links a signed-in citizen to a
 * client builds this context. The access decision refuses every kind it does not handle, so adding
 * the login cannot open data by accident.
 */
export interface CitizenContext extends ActorBase {
  actorKind: 'citizen';
  citizenKind: 'client' | 'informal_caregiver';
  /** The client the citizen is or cares for. */
  clientId: string;
}

/**
 * An exchange partner's system acting for one of its nurses with a short-lived credential (a FHIR token
 * bound to one assignment, as in the Nuts ANW use case): it reaches that assignment's client and
 * nothing else, only while the assignment's grant holds (client-access.ts).
 */
export interface DelegatedMachineContext extends ActorBase {
  actorKind: 'machine_for_person';
  /** Who the machine acts for, as the partner's credential names them. */
  onBehalfOf: { name: string; identifier: string };
  /** That person as our staff member: whose grants count. */
  personUserId: string;
  /** The one assignment grant (nurse × client × period) the credential is bound to. */
  grantId: string;
  credentialExpiresAt: Date;
}

/** Who is acting: a discriminated union on `actorKind`. */
export type AccessContext = StaffContext | ApiKeyContext | CitizenContext | DelegatedMachineContext;
export type ActorKind = AccessContext['actorKind'];

export const hasRole = (ctx: AccessContext, ...wanted: Role[]) => ctx.roles.some((r) => wanted.includes(r));
/** The role an audit entry names: a machine acts in no staff role, so its entries say `api_key`. */
export const primaryRole = (ctx: AccessContext): Role | 'api_key' | 'citizen' | null =>
  ctx.roles[0] ?? (ctx.actorKind === 'api_key' ? 'api_key' : ctx.actorKind === 'citizen' ? 'citizen' : null);

/**
 * The acting alliance given the memberships and the session's choice: the chosen one while the
 * organisation is still a member of it, else the only one, else none (several and nothing chosen).
 */
export function chooseActingAlliance(allianceIds: readonly string[], chosen: string | null | undefined): string | null {
  if (chosen && allianceIds.includes(chosen)) return chosen;
  return allianceIds.length === 1 ? (allianceIds[0] ?? null) : null;
}

/**
 * The one answer to "which alliance am I acting in?". An alliance named in the request must be one of
 * the organisation's (another reads as not found); without one, the acting alliance of the context.
 */
export function actingAlliance(ctx: AccessContext, requested?: string): string {
  if (requested) {
    if (!ctx.allianceIds.includes(requested)) throw notFound('Alliance');
    return requested;
  }
  if (ctx.allianceId) return ctx.allianceId;
  if (ctx.allianceIds.length === 0) throw forbidden('Your organisation is not a member of any alliance');
  throw new AppError('ALLIANCE_NOT_CHOSEN', 'Your organisation is in several alliances: choose the one you act in');
}

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
