import { z } from 'zod';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { invalid, notFound } from '../../../platform/http/index.js';
import { clientIncidentIds, incidentDetail, type IncidentDetail } from '../../nightcare/index.js';
import { clientVisitIds, readPlannedVisit } from '../../planning/index.js';
import { encounterOf, observationOf, plannedVisitEncounterOf, PLANNED_VISIT_PREFIX } from '../map/encounter.js';
import type { Resource } from '../resource.js';
import { idList, isUuid, pageParams, patientId, type Page } from '../search.js';
import { present, unlessNotFound, type ResourceHandler } from './handler.js';

type Read = (deps: PlatformDeps, ctx: AccessContext, id: string) => Promise<Resource>;
/** A client's candidate ids, newest first; each is opened (decided and audited) by the read. */
type Candidates = (deps: PlatformDeps, clientId: string, limit: number) => Promise<string[]>;

/** An incident read through the REST incident read: the night coordinator of its alliance or its assigned nurse, with that read's audit entry. */
const incidentRead =
  (type: string, map: (detail: IncidentDetail, clientId: string) => Resource | undefined): Read =>
  async (deps, ctx, id) => {
    if (!isUuid(id)) throw notFound(type);
    const detail = await incidentDetail(deps, ctx, id);
    const resource = detail.incident.client ? map(detail, detail.incident.client.id) : undefined;
    if (!resource) throw notFound(type);
    return resource;
  };

/** A planned visit read through the REST planned-visit read (planning module): whoever may identify its client, with that read's audit entry. */
const plannedVisitRead: Read = async (deps, ctx, id) => {
  const visitId = id.slice(PLANNED_VISIT_PREFIX.length);
  if (!isUuid(visitId)) throw notFound('Encounter');
  return plannedVisitEncounterOf(await readPlannedVisit(deps, ctx, visitId));
};

/** Encounters are incidents (by their uuid) and planned visits (`visit-<uuid>`): each id says which read opens it. */
const encounterRead: Read = (deps, ctx, id) => (id.startsWith(PLANNED_VISIT_PREFIX) ? plannedVisitRead(deps, ctx, id) : incidentRead('Encounter', encounterOf)(deps, ctx, id));

const incidentCandidates: Candidates = (deps, clientId, limit) => clientIncidentIds(deps.readDb, clientId, limit);
const encounterCandidates: Candidates = async (deps, clientId, limit) => [
  ...(await clientIncidentIds(deps.readDb, clientId, limit)),
  ...(await clientVisitIds(deps.readDb, clientId, limit)).map((id) => `${PLANNED_VISIT_PREFIX}${id}`),
];

/**
 * A resource type answered from records that are read one by one through their REST reads: a record
 * the caller may not read, or not linked to a client, is left out of a search exactly as its REST read
 * answers "not found" (and audits the refusal).
 */
function recordPart(type: string, read: Read, candidates: Candidates): ResourceHandler {
  const query = z
    .object({ ...pageParams, patient: z.string().max(80).optional(), subject: z.string().max(80).optional(), _id: z.string().max(2000).optional(), ...(type === 'Observation' ? { encounter: z.string().max(80).optional() } : {}) })
    .strict();
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
      const ids = await candidates(deps, patientId(reference), page.offset + page.count + 1);
      return { resources: await readSome(deps, ctx, ids.slice(page.offset, page.offset + page.count)), more: ids.length > page.offset + page.count };
    },
  };
}

export const encounterHandler = recordPart('Encounter', encounterRead, encounterCandidates);
export const observationHandler = recordPart('Observation', incidentRead('Observation', observationOf), incidentCandidates);
