/** What a nurse on the roster is doing now, derived from their duty, their incidents and their planned visits. */
export const nurseStatuses = ['off_duty', 'on_site', 'on_the_way', 'on_break', 'planned_visit', 'free'] as const;
export type NurseStatus = (typeof nurseStatuses)[number];

export interface StatusFacts {
  duty: { startsAt: Date; endsAt: Date; breakSince: Date | null };
  /** Statuses of the nurse's open incidents. */
  incidentStatuses: readonly string[];
  /** The nurse's planned visits tonight, by planned start. */
  visits: readonly { start: Date; durationMinutes: number }[];
}

/** An acute call before a break before a planned visit: the first that holds names the nurse's state. */
const RULES: readonly [NurseStatus, (facts: StatusFacts, now: Date) => boolean][] = [
  ['off_duty', ({ duty }, now) => now < duty.startsAt || now >= duty.endsAt],
  ['on_site', ({ incidentStatuses }) => incidentStatuses.includes('on_site')],
  ['on_the_way', ({ incidentStatuses }) => incidentStatuses.some((s) => s === 'accepted' || s === 'en_route')],
  ['on_break', ({ duty }) => duty.breakSince !== null],
  ['planned_visit', ({ visits }, now) => visits.some((v) => v.start <= now && now.getTime() < v.start.getTime() + v.durationMinutes * 60_000)],
  ['free', () => true],
];

export function nurseStatus(facts: StatusFacts, now: Date): NurseStatus {
  return RULES.find(([, holds]) => holds(facts, now))?.[0] ?? 'free';
}
