import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/http/index.js';
import { clientUpdatedAt } from '../../clients/index.js';
import { incidentDetail } from '../../nightcare/index.js';
import * as store from './store.js';

/** Where the incident's night summary comes from and how fresh it is, without the summary itself. */
export interface SummaryOrigin {
  origin: 'source' | 'copy';
  /** The last read from the source for this assignment (null before the first). */
  fetchedAt: Date | null;
  warning: 'source_unavailable' | null;
  sourceOrganisation: string | null;
  copyUpdatedAt: Date | null;
}

const CLOSED = new Set(['completed', 'escalated', 'cancelled']);

/**
 * For the coordinator's incident panel, who sees who the client is but not the night summary: the
 * summary is read through from the client's own system once its source made the nurse's access ready;
 * otherwise the nurse gets our copy, with a warning when the source did not answer.
 */
export async function summaryOrigin(deps: PlatformDeps, ctx: AccessContext, incidentId: string): Promise<SummaryOrigin> {
  const { incident } = await incidentDetail(deps, ctx, incidentId);
  if (!incident.client) throw notFound('Client');
  const access = await store.remoteAccessOf(deps.db, incidentId);
  // Asked for another nurse than the incident's (one who declined or lapsed): not this assignment's.
  const live = !CLOSED.has(incident.status) && access?.nurse_user_id === incident.assignedUserId;
  const organisation = incident.client.organisationName;
  if (access?.status === 'ready' && live) return { origin: 'source', fetchedAt: access.summary_fetched_at, warning: null, sourceOrganisation: organisation, copyUpdatedAt: null };
  const unavailable = access?.status === 'failed' && live;
  return { origin: 'copy', fetchedAt: null, warning: unavailable ? 'source_unavailable' : null, sourceOrganisation: unavailable ? organisation : null, copyUpdatedAt: await clientUpdatedAt(deps, ctx, incident.client.id) };
}
