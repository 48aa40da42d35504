import { actingAlliance, hasRole, primaryRole, type AccessContext } from '../../../platform/access/index.js';
import { appendAudit } from '../../../platform/audit/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { forbidden } from '../../../platform/http/index.js';
import type { RespiteDeps } from '../deps.js';
import { SETTING_BOUNDS, SETTING_DEFAULTS, type RespiteSettingsBody } from './schemas.js';
import * as store from './store.js';

/** The settings are the alliance's agreement: only its administrators read and change them here. */
function adminAlliance(ctx: AccessContext): string {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'alliance_admin')) throw forbidden('Only alliance administrators change the respite settings');
  return actingAlliance(ctx);
}

const view = (allianceId: string, settings: RespiteSettingsBody) => ({ allianceId, ...settings, defaults: SETTING_DEFAULTS, bounds: SETTING_BOUNDS });

async function current(executor: Executor, allianceId: string, forUpdate = false): Promise<RespiteSettingsBody> {
  const settings = await store.readSettings(executor, allianceId, forUpdate);
  if (!settings) throw new Error(`alliance ${allianceId} missing`);
  return settings;
}

export async function readRespiteSettings(deps: RespiteDeps, ctx: AccessContext) {
  const allianceId = adminAlliance(ctx);
  return view(allianceId, await current(deps.db, allianceId));
}

/** What changed, as `{ field: { from, to } }`: the audit entry's reason, so the log says who changed what from what to what. */
function changes(before: RespiteSettingsBody, after: RespiteSettingsBody): Record<string, { from: number | string; to: number | string }> {
  const keys = Object.keys(after) as (keyof RespiteSettingsBody)[];
  return Object.fromEntries(keys.filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]));
}

/**
 * Replaces the settings, audited in the same transaction. Bookings, holds and analytics read the settings
 * when they run, so the change takes effect with the next request; nothing is cached.
 */
export async function updateRespiteSettings(deps: RespiteDeps, ctx: AccessContext, input: RespiteSettingsBody) {
  const allianceId = adminAlliance(ctx);
  await deps.db.transaction().execute(async (trx) => {
    const before = await current(trx, allianceId, true);
    const changed = changes(before, input);
    if (Object.keys(changed).length === 0) return;
    await store.writeSettings(trx, allianceId, input);
    await appendAudit(trx, [
      {
        allianceId, userId: ctx.actorId, userName: ctx.actorName, organisationId: ctx.organisationId, role: primaryRole(ctx),
        // Not client data: an administrative change, logged beside the client accesses like the alarm keys.
        clientId: null, clientOrganisationId: null, action: 'update', resource: 'respite_settings', fields: Object.keys(changed),
        purpose: null, reason: JSON.stringify(changed), grantId: null, outcome: 'allowed',
      },
    ]);
  });
  return view(allianceId, await current(deps.db, allianceId));
}
