import { fromZonedTime } from 'date-fns-tz';
import { grantStayAccess } from '../../../platform/access/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { CHECK_OUT } from './series.js';

/**
 * Gives the care home's organisation the person's needs for this stay, until the day after it ends:
 * whoever is on duty there when the person arrives, not only the staff employed at booking time.
 */
export async function grantCareHome(executor: Executor, stay: { allianceId: string; clientId: string; clientOrganisationId: string }, careHomeOrg: string, bookingId: string, to: string, timeZone: string): Promise<void> {
  if (careHomeOrg === stay.clientOrganisationId) return;
  const expiresAt = new Date(fromZonedTime(`${to}T${CHECK_OUT}:00`, timeZone).getTime() + 86_400_000);
  await grantStayAccess(executor, { allianceId: stay.allianceId, clientId: stay.clientId, organisationId: careHomeOrg, reference: `stay:${bookingId}`, expiresAt });
}

/** Whether the caller works at the desk of the care home that runs the stay's location. */
export const isCareHomeDesk = (ctx: { organisationId: string; roles: readonly string[] }, careHomeOrg: string) =>
  ctx.organisationId === careHomeOrg && ctx.roles.some((r) => r === 'coordinator' || r === 'organisation_admin');
