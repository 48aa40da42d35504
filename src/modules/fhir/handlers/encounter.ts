import { z } from 'zod';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { invalid, notFound } from '../../../platform/http/index.js';
import { clientIncidentIds, incidentDetail, type IncidentDetail } from '../../nightcare/index.js';
import { encounterOf, observationOf } from '../map/encounter.js';
import type { Resource } from '../resource.js';
import { idList, isUuid, pageParams, patientId, type Page } from '../search.js';
import { present, unlessNotFound, type ResourceHandler } from './handler.js';

/**
 * Encounters (incidents) and Observations (their visit reports) are read through the REST incident
 * read: the night coordinator of the incident's alliance or its assigned nurse, with that read's audit
 * entry. An incident not linked to a client, or whose client the caller may not identify, is no Encounter.
 */
function incidentPart(type: string, map: (detail: IncidentDetail, clientId: string) => Resource | undefined): ResourceHandler {
  const query = z
    .object({ ...pageParams, patient: z.string().max(80).optional(), subject: z.string().max(80).optional(), _id: z.string().max(2000).optional(), ...(type === 'Observation' ? { encounter: z.string().max(80).optional() } : {}) })
    .strict();
  const read = async (deps: PlatformDeps, ctx: AccessContext, id: string) => {
    if (!isUuid(id)) throw notFound(type);
    const detail = await incidentDetail(deps, ctx, id);
    const resource = detail.incident.client ? map(detail, detail.incident.client.id) : undefined;
    if (!resource) throw notFound(type);
    return resource;
  };
  const readSome = async (deps: PlatformDeps, ctx: AccessContext, ids: string[]) => present(await Promise.all(ids.map((id) => unlessNotFound(() => read(deps, ctx, id)))));
  return {
    type,
    params: { patient: 'reference', subject: 'reference', _id: 'token', ...(type === 'Observation' ? { encounter: 'reference' as const } : {}) },
    query,
    read,
    async search(deps, ctx, raw, page: Page) {
      const q = raw as { patient?: string; subject?: string; _id?: string; encounter?: string };
      const named = idList(q._id) ?? (q.encounter ? [q.encounter.replace(/^Encounter\//, '')] : undefined);
      const reference = q.patient ?? q.subject;
      if (named) {
        const found = await readSome(deps, ctx, named.slice(page.offset, page.offset + page.count));
        const clientId = reference ? patientId(reference) : undefined;
        return { resources: found.filter((r) => !clientId || (r.subject as { reference: string }).reference === `Patient/${clientId}`), more: named.length > page.offset + page.count };
      }
      if (!reference) throw invalid(`A ${type} search names its patient`, [{ path: 'patient', code: 'required', message: 'patient=Patient/<id>' }]);
      // Candidates only: each is opened (decided and audited) by the incident read.
      const ids = await clientIncidentIds(deps.readDb, patientId(reference), page.offset + page.count + 1);
      return { resources: await readSome(deps, ctx, ids.slice(page.offset, page.offset + page.count)), more: ids.length > page.offset + page.count };
    },
  };
}

export const encounterHandler = incidentPart('Encounter', encounterOf);
export const observationHandler = incidentPart('Observation', observationOf);
