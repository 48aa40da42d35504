import { z } from 'zod';
import { actingAlliance } from '../../../platform/access/index.js';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict } from '../../../platform/http/index.js';
import { identificationOut, identifiesOneClient, INDEX_CRITERIA_MESSAGE, indexCriteriaShape, searchIdentificationIndex } from '../../clients/index.js';
import { inCallersAlliance } from '../../nightteam/index.js';
import * as store from './store.js';

/**
 * A search of the identification index names its purpose: the open incident it links, or a phone call
 * with the caller's number. Exactly one of the two; no paging, no limit: the answer is a handful at most.
 */
export const indexSearchQuery = z
  .object({
    ...indexCriteriaShape,
    incidentId: z.uuid().optional().describe('The open incident the search links a client to'),
    callerPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'Enter a phone number of digits, optionally starting with +')
      .optional()
      .describe('For a phone call without an incident yet: the number the call came from'),
    allianceId: z.uuid().optional().describe("For a phone call: the alliance, when the caller's organisation is in several"),
  })
  .strict()
  .refine(identifiesOneClient, { path: ['familyName'], message: INDEX_CRITERIA_MESSAGE })
  .refine((q) => !!q.incidentId !== !!q.callerPhone, { path: ['callerPhone'], message: "Name the incident, or the caller's phone number of a phone call" });
export type IndexSearchQuery = z.infer<typeof indexSearchQuery>;

export const indexSearchOut = z.object({
  items: z.array(identificationOut).describe('At most five clients'),
  tooMany: z.boolean().describe('More clients fit than may be shown: none are; give more of what identifies the client'),
});

async function purposeOf(deps: PlatformDeps, ctx: AccessContext, query: IndexSearchQuery): Promise<{ allianceId: string; purpose: 'incident' | 'phone_call'; incidentId?: string }> {
  if (query.incidentId) {
    const incident = inCallersAlliance(ctx, await store.findIncident(deps.db, query.incidentId));
    if (incident.closed_at) throw conflict('The incident is closed');
    return { allianceId: incident.alliance_id, purpose: 'incident', incidentId: incident.id };
  }
  return { allianceId: actingAlliance(ctx, query.allianceId), purpose: 'phone_call' };
}

/** The night coordinator on duty looks up the client of an alarm or a phone call (DESIGN.md §6). */
export async function searchIndex(deps: PlatformDeps, ctx: AccessContext, query: IndexSearchQuery) {
  const criteria = { familyName: query.familyName, dateOfBirth: query.dateOfBirth, postcode: query.postcode, houseNumber: query.houseNumber, alarmAccount: query.alarmAccount, city: query.city };
  return searchIdentificationIndex(deps, ctx, { ...(await purposeOf(deps, ctx, query)), callerPhone: query.callerPhone, criteria });
}
