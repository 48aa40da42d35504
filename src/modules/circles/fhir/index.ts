/**
 * FHIR R4 shapes of the circle's objects (issue 13 item 10), pure, so the exchange API can expose them
 * without remodelling. Only what the platform knows is mapped; references are relative
 * (`Patient/<clientId>`, `Organization/<id>`, `RelatedPerson/<citizenId>`).
 */

type Reference = { reference: string; display?: string };
type Coding = { system: string; code: string; display?: string };
type CodeableConcept = { coding: Coding[]; text?: string };
export type FhirResource = { resourceType: string; id: string } & Record<string, unknown>;

const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
const CONSENT_CATEGORY = 'http://loinc.org';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
/** Our own code system for what a consent or role names that FHIR has no code for. */
export const SAMENZORG_SYSTEM = 'https://samenzorg.nl/fhir/CodeSystem';

const patient = (clientId: string): Reference => ({ reference: `Patient/${clientId}` });
const iso = (d: Date) => d.toISOString();

export interface ConsentInput {
  id: string;
  clientId: string;
  grantee: { organisationId: string; userId?: string | null } | { citizenId: string };
  giverKind: 'person' | 'representative';
  givenBy: string;
  levels: string[];
  purpose: string;
  givenAt: Date;
  endsAt: Date | null;
  withdrawnAt: Date | null;
}

/** A recorded consent as FHIR Consent: performer the person or representative, one permit provision for the grantee. */
export function toFhirConsent(c: ConsentInput): FhirResource {
  const actor: Reference = 'citizenId' in c.grantee ? { reference: `RelatedPerson/${c.grantee.citizenId}` } : c.grantee.userId ? { reference: `Practitioner/${c.grantee.userId}` } : { reference: `Organization/${c.grantee.organisationId}` };
  return {
    resourceType: 'Consent',
    id: c.id,
    status: c.withdrawnAt ? 'inactive' : 'active',
    scope: { coding: [{ system: CONSENT_SCOPE, code: 'patient-privacy' }] },
    category: [{ coding: [{ system: CONSENT_CATEGORY, code: '59284-0', display: 'Patient Consent' }] }],
    patient: patient(c.clientId),
    dateTime: iso(c.givenAt),
    performer: [c.giverKind === 'person' ? { ...patient(c.clientId), display: c.givenBy } : { display: c.givenBy }],
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: {
      type: 'permit',
      period: { start: iso(c.givenAt), ...(c.withdrawnAt ?? c.endsAt ? { end: iso((c.withdrawnAt ?? c.endsAt) as Date) } : {}) },
      actor: [{ role: { coding: [{ system: PARTICIPATION, code: 'IRCP' }] }, reference: actor }],
      purpose: [{ system: SAMENZORG_SYSTEM, code: c.purpose }],
      class: c.levels.map((level) => ({ system: `${SAMENZORG_SYSTEM}/consent-scope`, code: level })),
    },
  };
}

export interface CareTeamInput {
  circleId: string;
  clientId: string;
  members: { id: string; kind: string; name: string; citizenId: string | null; organisationId: string | null; coordinator: boolean }[];
}

/** The circle as FHIR CareTeam: informal members as RelatedPerson, formal ones as Organization; the coordinator first. */
export function toFhirCareTeam(team: CareTeamInput): FhirResource {
  return {
    resourceType: 'CareTeam',
    id: team.circleId,
    status: 'active',
    subject: patient(team.clientId),
    participant: team.members.map((m) => ({
      role: [
        { coding: [{ system: `${SAMENZORG_SYSTEM}/circle-member-kind`, code: m.kind }] } satisfies CodeableConcept,
        ...(m.coordinator ? [{ coding: [{ system: `${SAMENZORG_SYSTEM}/circle-role`, code: 'coordinator' }] } satisfies CodeableConcept] : []),
      ],
      member: m.citizenId ? { reference: `RelatedPerson/${m.citizenId}`, display: m.name } : { reference: `Organization/${m.organisationId ?? ''}`, display: m.name },
    })),
  };
}

export interface CarePlanInput {
  circleId: string;
  clientId: string;
  version: number;
  whatMatters: string;
  goals: { text: string; theme: string; met: boolean }[];
  agreements: { text: string; owner: string }[];
  reviewOn: string | null;
  changedAt: Date | null;
}

/** The plan in the person's own words as FHIR CarePlan: what matters as the description, goals contained, agreements as activities. */
export function toFhirCarePlan(plan: CarePlanInput): FhirResource {
  return {
    resourceType: 'CarePlan',
    id: plan.circleId,
    meta: { versionId: String(plan.version), ...(plan.changedAt ? { lastUpdated: iso(plan.changedAt) } : {}) },
    status: 'active',
    intent: 'plan',
    subject: patient(plan.clientId),
    careTeam: [{ reference: `CareTeam/${plan.circleId}` }],
    ...(plan.whatMatters ? { description: plan.whatMatters } : {}),
    ...(plan.reviewOn ? { period: { end: plan.reviewOn } } : {}),
    contained: plan.goals.map((g, i) => ({
      resourceType: 'Goal',
      id: `goal-${i + 1}`,
      lifecycleStatus: g.met ? 'completed' : 'active',
      category: [{ coding: [{ system: `${SAMENZORG_SYSTEM}/goal-theme`, code: g.theme }] }],
      description: { text: g.text },
      subject: patient(plan.clientId),
    })),
    goal: plan.goals.map((_, i) => ({ reference: `#goal-${i + 1}` })),
    activity: plan.agreements.map((a) => ({ detail: { status: 'in-progress', description: a.text, performer: [{ display: a.owner }] } })),
  };
}

export interface TaskInput {
  id: string;
  clientId: string;
  title: string;
  status: 'requested' | 'accepted' | 'done' | 'declined';
  declineReason: string | null;
  competence: string | null;
  place: string;
  windowStart: Date;
  windowEnd: Date;
  ownerOrganisationId: string | null;
  ownerCitizenId: string | null;
  createdAt: Date;
}

const TASK_STATUS = { requested: 'requested', accepted: 'accepted', done: 'completed', declined: 'rejected' } as const;

/** A task or referral as FHIR Task: the window as the restriction's period, its norm's end as the due point. */
export function toFhirTask(task: TaskInput): FhirResource {
  const owner = task.ownerCitizenId ? { reference: `RelatedPerson/${task.ownerCitizenId}` } : task.ownerOrganisationId ? { reference: `Organization/${task.ownerOrganisationId}` } : undefined;
  return {
    resourceType: 'Task',
    id: task.id,
    status: TASK_STATUS[task.status],
    ...(task.declineReason ? { statusReason: { text: task.declineReason } } : {}),
    intent: 'order',
    description: task.title,
    for: patient(task.clientId),
    authoredOn: iso(task.createdAt),
    ...(owner ? { owner } : {}),
    restriction: { period: { start: iso(task.windowStart), end: iso(task.windowEnd) } },
    input: [
      { type: { text: 'place' }, valueCode: task.place },
      ...(task.competence ? [{ type: { text: 'competence' }, valueCode: task.competence }] : []),
    ],
  };
}

export interface CommunicationInput {
  id: string;
  clientId: string;
  taskId: string | null;
  /** A reply: the thread's first message. */
  threadId?: string | null;
  senderName: string;
  /** The sender as a reference, when known: a citizen member or a staff member. */
  sender?: { citizenId: string } | { userId: string };
  sentAt: Date;
  text: string;
  /** Attachments by reference (their bytes stay behind the audited download). */
  attachments?: { url: string; fileName: string; mediaType: string; sizeBytes: number }[];
}

/** A circle message as FHIR Communication: about its task, in response to its thread, attachments as references. */
export function toFhirCommunication(m: CommunicationInput): FhirResource {
  const sender = m.sender ? ('citizenId' in m.sender ? `RelatedPerson/${m.sender.citizenId}` : `Practitioner/${m.sender.userId}`) : undefined;
  return {
    resourceType: 'Communication',
    id: m.id,
    status: 'completed',
    subject: patient(m.clientId),
    ...(m.taskId ? { about: [{ reference: `Task/${m.taskId}` }] } : {}),
    ...(m.threadId ? { inResponseTo: [{ reference: `Communication/${m.threadId}` }] } : {}),
    sender: { ...(sender ? { reference: sender } : {}), display: m.senderName },
    sent: iso(m.sentAt),
    payload: [
      { contentString: m.text },
      ...(m.attachments ?? []).map((a) => ({ contentAttachment: { contentType: a.mediaType, title: a.fileName, size: a.sizeBytes, url: a.url } })),
    ],
  };
}
