import { ApiError, get } from '../../api/client.js';
import type { IncidentDetail } from './types.js';

export const incidentUrl = (id: string) => `/api/nightcare/incidents/${id}`;

/**
 * The incident's status as the server has it now, `gone` when it is no longer the nurse's (declined,
 * lapsed, reassigned), or `unknown` when the server cannot be asked. Used to tell whether an action
 * whose answer was lost did arrive.
 */
export async function statusNow(id: string): Promise<string> {
  try {
    return (await get<IncidentDetail>(incidentUrl(id))).incident.status;
  } catch (error) {
    return error instanceof ApiError && error.status === 404 ? 'gone' : 'unknown';
  }
}

/** An `alreadyDone` check: true when the incident has reached one of these statuses. */
export const reached = (id: string, statuses: readonly string[]) => async () => statuses.includes(await statusNow(id));
