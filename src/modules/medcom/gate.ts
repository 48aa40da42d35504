import { actingAlliance, hasRole, type StaffContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { forbidden, notFound } from '../../platform/http/index.js';
import { allianceUsesMedcom } from '../alliance/index.js';

/**
 * The staff routes exist only where the acting alliance exchanges MedCom messages (a Danish alliance):
 * elsewhere they answer 404, as the menu hides the page. Returns the acting alliance.
 */
export async function requireMedcom(deps: PlatformDeps, ctx: StaffContext): Promise<string> {
  const allianceId = actingAlliance(ctx);
  if (!(await allianceUsesMedcom(deps.db, allianceId))) throw notFound('MedCom');
  return allianceId;
}

/** The organisation's message desk (in- and outbox): coordinators and organisation administrators, as for the inbox. */
export function requireMessageDesk(ctx: StaffContext): void {
  if (!hasRole(ctx, 'coordinator') && !hasRole(ctx, 'organisation_admin')) throw forbidden('Requires a coordinator or organisation administrator');
}
