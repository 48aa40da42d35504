/**
 * Triage rules: urgency after the NTS scale used by Dutch GP posts (U1 life-threatening … U5 advice),
 * the response deadline each urgency sets for the night team, and the skills a reason needs.
 */
export const urgencies = ['U1', 'U2', 'U3', 'U4', 'U5'] as const;
export type Urgency = (typeof urgencies)[number];

/** Minutes from alarm to nurse on site; U5 is handled by phone. */
export const RESPONSE_MINUTES: Record<Urgency, number | null> = { U1: 15, U2: 30, U3: 60, U4: 120, U5: null };

/**
 * When a nurse must be on site: the receipt time plus the urgency's response time (the alliance's norm
 * when given, else the default above); null untriaged or without a norm (U5).
 */
export function responseDeadline(receivedAt: Date, urgency: string | null, norms?: Readonly<Record<Urgency, { readonly minutes: number | null }>>): Date | null {
  const minutes = urgency ? (norms ? norms[urgency as Urgency]?.minutes : RESPONSE_MINUTES[urgency as Urgency]) : null;
  return minutes ? new Date(receivedAt.getTime() + minutes * 60_000) : null;
}

export const alarmReasons = ['personal_emergency', 'fall', 'fire_smoke', 'inactivity', 'low_battery', 'test', 'technical', 'other'] as const;
export const manualReasons = ['pain', 'breathlessness', 'confusion', 'catheter_problem', 'bleeding', 'medication', 'palliative_care', 'toileting', 'anxiety'] as const;
export const incidentReasons = [...alarmReasons, ...manualReasons] as const;
export type IncidentReason = (typeof incidentReasons)[number];

export const skills = ['catheter_care', 'injections', 'palliative', 'wound_care', 'lifting'] as const;
export type Skill = (typeof skills)[number];

/** Technical and test signals go to the technical queue, never to the night team. */
export const TECHNICAL_REASONS: ReadonlySet<string> = new Set(['low_battery', 'test', 'technical']);

const DEFAULT_URGENCY: Record<IncidentReason, Urgency> = {
  personal_emergency: 'U2',
  fall: 'U2',
  fire_smoke: 'U1',
  inactivity: 'U2',
  low_battery: 'U5',
  test: 'U5',
  technical: 'U5',
  other: 'U3',
  pain: 'U3',
  breathlessness: 'U2',
  confusion: 'U3',
  catheter_problem: 'U3',
  bleeding: 'U2',
  medication: 'U3',
  palliative_care: 'U2',
  toileting: 'U4',
  anxiety: 'U4',
};

const REQUIRED_SKILLS: Partial<Record<IncidentReason, Skill[]>> = {
  catheter_problem: ['catheter_care'],
  medication: ['injections'],
  palliative_care: ['palliative'],
  bleeding: ['wound_care'],
  fall: ['lifting'],
};

export const proposedUrgency = (reason: IncidentReason): Urgency => DEFAULT_URGENCY[reason];
export const requiredSkills = (reason: string): Skill[] => REQUIRED_SKILLS[reason as IncidentReason] ?? [];
/** U1 (and fire) also needs 112: the platform records the escalation, the coordinator calls. */
export const needs112 = (urgency: Urgency, reason: string) => urgency === 'U1' || reason === 'fire_smoke';
export const isIncidentReason = (value: string): value is IncidentReason => (incidentReasons as readonly string[]).includes(value);
