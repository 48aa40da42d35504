import { z } from 'zod';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { invalid, notFound } from '../../../platform/http/index.js';
import { readNightSummary, type NightSummaryView } from '../../clients/index.js';
import { allergiesOf, clientOfDerivedId, flagsOf } from '../map/night-summary.js';
import type { Resource } from '../resource.js';
import { idList, lastUpdatedBounds, lastUpdatedParam, pageOf, pageParams, patientId, withinBounds, type Page } from '../search.js';
import { unlessNotFound, type ResourceHandler } from './handler.js';

/**
 * Flags (risks) and AllergyIntolerances are parts of the night summary: each read or search opens the
 * client's night summary through the same function as REST, with its one audit entry.
 */
function nightSummaryPart(type: string, derive: (view: NightSummaryView) => Resource[]): ResourceHandler {
  const query = z
    .object({ ...pageParams, patient: z.string().max(80).optional(), subject: z.string().max(80).optional(), _id: z.string().max(2000).optional(), _lastUpdated: lastUpdatedParam })
    .strict();
  const partsOf = async (deps: PlatformDeps, ctx: AccessContext, clientId: string) => derive(await readNightSummary(deps, ctx, clientId));
  return {
    type,
    params: { patient: 'reference', ...(type === 'Flag' ? { subject: 'reference' as const } : {}), _id: 'token', _lastUpdated: 'date' },
    query,
    async read(deps, ctx, id) {
      const clientId = clientOfDerivedId(id);
      if (!clientId) throw notFound(type);
      const found = (await partsOf(deps, ctx, clientId)).find((r) => r.id === id);
      if (!found) throw notFound(type);
      return found;
    },
    async search(deps, ctx, raw, page: Page) {
      const q = raw as z.infer<typeof query>;
      const reference = q.patient ?? q.subject;
      const ids = idList(q._id);
      const clientId = reference ? patientId(reference) : ids?.length === 1 ? clientOfDerivedId(ids[0] ?? '') : undefined;
      // A search across clients would be a list of everyone's risks: it needs the one client it is about.
      if (!clientId) throw invalid(`A ${type} search names its patient`, [{ path: 'patient', code: 'required', message: 'patient=Patient/<id>' }]);
      // A refused or unknown client is an empty Bundle, its refusal audited by the night-summary read.
      const updated = lastUpdatedBounds(q._lastUpdated);
      const all = ((await unlessNotFound(() => partsOf(deps, ctx, clientId))) ?? []).filter((r) => (!ids || ids.includes(r.id)) && withinBounds(r.meta?.lastUpdated, updated));
      const { items, more } = pageOf(all, page);
      return { resources: items, more };
    },
  };
}

export const flagHandler = nightSummaryPart('Flag', flagsOf);
export const allergyIntoleranceHandler = nightSummaryPart('AllergyIntolerance', allergiesOf);
