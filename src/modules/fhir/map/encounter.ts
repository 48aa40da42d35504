import type { IncidentDetail } from '../../nightcare/index.js';
import type { PlannedVisitView } from '../../planning/index.js';
import { instant, ref, SYSTEM, type Resource } from '../resource.js';

/** Our incident lifecycle on R4's Encounter.status (planned | triaged | in-progress | finished | cancelled). */
const STATUS: Record<string, string> = {
  received: 'planned',
  triaged: 'triaged',
  assigned: 'triaged',
  accepted: 'triaged',
  en_route: 'triaged',
  on_site: 'in-progress',
  completed: 'finished',
  escalated: 'finished',
  cancelled: 'cancelled',
};

/** NTS urgency on v3 ActPriority: U1 and U2 are emergencies, U3 urgent, the rest routine. */
const PRIORITY: Record<string, { code: string; display: string }> = {
  U1: { code: 'EM', display: 'emergency' },
  U2: { code: 'EM', display: 'emergency' },
  U3: { code: 'UR', display: 'urgent' },
  U4: { code: 'R', display: 'routine' },
  U5: { code: 'R', display: 'routine' },
};

/** An incident with a client is an Encounter of the home-health class at the client's home. */
export function encounterOf(detail: IncidentDetail, clientId: string): Resource {
  const i = detail.incident;
  const priority = i.urgency ? PRIORITY[i.urgency] : undefined;
  return {
    resourceType: 'Encounter',
    id: i.id,
    identifier: [{ system: SYSTEM.incident, value: i.id }],
    status: STATUS[i.status] ?? 'unknown',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH', display: 'home health' },
    ...(priority ? { priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActPriority', ...priority }], text: i.urgency } } : {}),
    subject: ref('Patient', clientId),
    ...(i.assignedUserId ? { participant: [{ individual: ref('Practitioner', i.assignedUserId) }] } : {}),
    period: { start: instant(i.receivedAt), ...(i.closedAt ? { end: instant(i.closedAt) } : {}) },
    reasonCode: [{ text: i.reason }],
    ...(i.organisationId ? { serviceProvider: ref('Organization', i.organisationId) } : {}),
  };
}

/** The nurse's visit report as a nursing-report Observation; its id is the incident's (one report per incident). */
export function observationOf(detail: IncidentDetail, clientId: string): Resource | undefined {
  const report = detail.report;
  if (!report) return undefined;
  const text = [report.actions.join(', '), report.notes, report.followUp].filter(Boolean).join('\n');
  return {
    resourceType: 'Observation',
    id: detail.incident.id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
    code: { text: 'Night visit report' },
    subject: ref('Patient', clientId),
    encounter: ref('Encounter', detail.incident.id),
    effectiveDateTime: instant(report.writtenAt),
    ...(text ? { valueString: text } : {}),
    component: [
      {
        code: { text: 'Minutes on site' },
        valueQuantity: { value: report.minutesOnSite, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' },
      },
      { code: { text: 'Follow-up needed' }, valueBoolean: report.followUpNeeded },
      ...report.actions.map((action) => ({ code: { coding: [{ system: SYSTEM.visitAction, code: action }], text: action }, valueBoolean: true })),
    ],
  };
}

/** A planned visit's Encounter id: its uuid behind a prefix, so it never collides with an incident's. */
export const PLANNED_VISIT_PREFIX = 'visit-';

/** Our planned visit's steps on R4's Encounter.status: planned until the nurse is on site. */
const VISIT_STATUS: Record<string, string> = { planned: 'planned', en_route: 'planned', on_site: 'in-progress', done: 'finished' };

/** A planned night visit as an Encounter: its window is the period it is planned for, its task the reason. */
export function plannedVisitEncounterOf(v: PlannedVisitView): Resource {
  const start = v.onSiteAt ?? v.plannedStart ?? v.windowStart;
  const end = v.doneAt ?? (v.status === 'done' ? undefined : v.windowEnd);
  return {
    resourceType: 'Encounter',
    id: `${PLANNED_VISIT_PREFIX}${v.id}`,
    identifier: [{ system: SYSTEM.plannedVisit, value: v.id }],
    status: VISIT_STATUS[v.status] ?? 'unknown',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH', display: 'home health' },
    subject: ref('Patient', v.clientId),
    ...(v.assignedUserId ? { participant: [{ individual: ref('Practitioner', v.assignedUserId) }] } : {}),
    period: { start: instant(start), ...(end && end >= start ? { end: instant(end) } : {}) },
    length: { value: v.durationMinutes, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' },
    reasonCode: [{ text: v.task }],
    serviceProvider: ref('Organization', v.organisationId),
  };
}
