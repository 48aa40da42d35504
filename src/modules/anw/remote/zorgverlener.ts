import { withClientAccess, type AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict, notFound } from '../../../platform/http/index.js';
import { readDatedNightSummary, type NightSummaryView } from '../../clients/index.js';
import { incidentDetail } from '../../nightcare/index.js';
import { ZIB } from '../stu3/profiles.js';
import { summaryFromSource, type SourceSummary } from '../stu3/incoming.js';
import { hourTypeFrom, nursingReport, timeChargeItem } from '../stu3/outgoing.js';
import type { AnwOptions } from './options.js';
import { anwSource, SourceUnavailable } from './source-client.js';
import * as store from './store.js';

/** Where the night summary the nurse sees came from, and how fresh it is. */
export interface SummaryAnswer {
  origin: 'source' | 'copy';
  /** When the source was last read for this assignment; null for our copy. */
  fetchedAt: Date | null;
  /** `source_unavailable`: the source did not answer; what is shown is the assignment's last read or our copy. */
  warning: 'source_unavailable' | null;
  source: SourceSummary | null;
  copy: NightSummaryView | null;
  /** The organisation whose system the summary was read from (the client's own). */
  sourceOrganisation: string | null;
  /** When our copy was last changed; null when the source's summary is shown. */
  copyUpdatedAt: Date | null;
}

const DEFAULT_FRESH_SECONDS = 120;
const CLOSED = new Set(['completed', 'escalated', 'cancelled']);

/** The fixed queries a Zorgverlener reads for the summary, exactly as the guide lists them. */
const summaryQueries = (patientId: string) => ({
  patient: `/Patient?_id=${patientId}&_include=Patient:general-practitioner&_include:iterate=PractitionerRole:organization`,
  alerts: `/Flag?patient=${patientId}&_profile=${ZIB.alert}`,
  allergies: `/AllergyIntolerance?patient=${patientId}&_profile=${ZIB.allergyIntolerance}`,
  wishes: `/Consent?patient=${patientId}&_profile=${ZIB.advanceDirective}`,
  reports: `/Observation?patient=${patientId}&_profile=${ZIB.nursingReport}&_sort=-date&_count=10`,
});

/**
 * The night summary of an incident's client for its nurse or coordinator. With ready access at the
 * client's own source it is read through from there (cached for this assignment only, dropped once the
 * incident closes); without, our copy as before. A source that does not answer gives the last read of
 * this assignment, else our copy, with a warning either way. Every read passes our access check and
 * leaves its audit entry first.
 */
export async function incidentNightSummary(deps: PlatformDeps, options: AnwOptions, ctx: AccessContext, incidentId: string, now = new Date()): Promise<SummaryAnswer> {
  const { incident } = await incidentDetail(deps, ctx, incidentId);
  const access = await store.remoteAccessOf(deps.db, incidentId);
  if (CLOSED.has(incident.status) && access?.summary) await store.dropSummary(deps.db, incidentId);
  if (!incident.client) throw notFound('Client');
  const clientId = incident.client.id;
  const sourceOrganisation = incident.client.organisationName;
  const copy = async (warning: SummaryAnswer['warning']): Promise<SummaryAnswer> => {
    const dated = await readDatedNightSummary(deps, ctx, clientId);
    return { origin: 'copy', fetchedAt: null, warning, source: null, copy: dated.summary, sourceOrganisation: warning ? sourceOrganisation : null, copyUpdatedAt: dated.updatedAt };
  };
  const fromSource = (fetchedAt: Date, summary: SourceSummary, warning: SummaryAnswer['warning']): SummaryAnswer => ({ origin: 'source', fetchedAt, warning, source: summary, copy: null, sourceOrganisation, copyUpdatedAt: null });
  // The source let in one nurse: another nurse on the incident since then reads our copy.
  const forThisNurse = access?.nurse_user_id === incident.assignedUserId;
  if (!access || access.status !== 'ready' || !forThisNurse || CLOSED.has(incident.status)) return copy(access?.status === 'failed' && forThisNurse ? 'source_unavailable' : null);
  const setting = await store.settingOf(deps.db, access.source_organisation_id);
  if (!setting?.source_base_url) return copy(null);
  const baseUrl = setting.source_base_url;
  return withClientAccess(deps.db, ctx, clientId, { level: 'night_summary', action: 'read', resource: 'night_summary', fields: ['anw_source'] }, async () => {
    const freshFor = (options.summaryFreshSeconds ?? DEFAULT_FRESH_SECONDS) * 1000;
    const cached = access.summary_fetched_at && access.summary ? { at: access.summary_fetched_at, summary: access.summary as SourceSummary } : undefined;
    if (cached && now.getTime() - cached.at.getTime() < freshFor) return fromSource(cached.at, cached.summary, null);
    try {
      const source = anwSource(baseUrl, await options.sourceToken?.(access.source_organisation_id));
      const queries = summaryQueries(access.remote_patient_id);
      const [patient, alerts, allergies, wishes, reports] = await Promise.all([queries.patient, queries.alerts, queries.allergies, queries.wishes, queries.reports].map((q) => source.get(q)));
      const summary = summaryFromSource({ patient, alerts, allergies, wishes, reports });
      await store.saveSummary(deps.db, incidentId, summary, now);
      return fromSource(now, summary, null);
    } catch (error) {
      if (!(error instanceof SourceUnavailable)) throw error;
      if (cached) return fromSource(cached.at, cached.summary, 'source_unavailable');
      return copy('source_unavailable');
    }
  });
}

export interface WriteBackAnswer {
  sent: ('nursing_report' | 'handover' | 'time')[];
  minutes: number;
}

/**
 * As Zorgverlener: the visit report goes back to the client's own source as a nursing report (and, when
 * the organisation asks for the handover, its follow-up as a transfer note), and the minutes on site as an
 * `nl-time-charge-item`. They are the same minutes our cost statement charges
 * (it reads the visit report), so the source's invoice and our statement agree. Each is sent once.
 */
export async function writeBackVisit(deps: PlatformDeps, options: AnwOptions, ctx: AccessContext, incidentId: string, now = new Date()): Promise<WriteBackAnswer> {
  const { incident, report } = await incidentDetail(deps, ctx, incidentId);
  // After the visit the incident has closed and the nurse's grant with it: the client is named by the source access, not by our record.
  if (!report) throw conflict('Write the visit report first');
  const access = await store.remoteAccessOf(deps.db, incidentId);
  if (access?.status !== 'ready' || !incident.assignedUserId) throw conflict('The client\'s source has not given this nurse access');
  const [setting, nurseGrant, done] = await Promise.all([store.settingOf(deps.db, access.source_organisation_id), store.incidentAssignment(deps.db, incidentId, incident.assignedUserId, false), store.writeBacksOf(deps.db, incidentId)]);
  if (!setting?.source_base_url) throw conflict("The client's organisation has no ANW source");
  const nurse = { id: incident.assignedUserId, name: nurseGrant?.nurse_name ?? '' };
  const performingId = nurseGrant?.organisation_id ?? ctx.organisationId;
  const source = anwSource(setting.source_base_url, await options.sourceToken?.(access.source_organisation_id));
  const sent: WriteBackAnswer['sent'] = [];
  try {
    if (!done.some((d) => d.kind === 'nursing_report')) {
      const text = [report.actions.join(', '), report.notes, report.followUp].filter(Boolean).join('\n');
      const posted = await source.post('/Observation', nursingReport({ remotePatientId: access.remote_patient_id, nurse, writtenAt: report.writtenAt, text }));
      await store.recordWriteBack(deps.db, { incidentId, kind: 'nursing_report', remoteUrl: posted.location, minutes: null });
      sent.push('nursing_report');
    }
    // Per the home organisation's setting, what the morning handover passes on (the follow-up) goes to its day team's record too.
    if (setting.write_back_handover && report.followUpNeeded && report.followUp && !done.some((d) => d.kind === 'handover')) {
      const posted = await source.post('/Observation', nursingReport({ remotePatientId: access.remote_patient_id, nurse, writtenAt: report.writtenAt, text: report.followUp, handover: true }));
      await store.recordWriteBack(deps.db, { incidentId, kind: 'handover', remoteUrl: posted.location, minutes: null });
      sent.push('handover');
    }
    if (!done.some((d) => d.kind === 'time')) {
      const hourType = hourTypeFrom(await source.get('/ValueSet/anw-uursoorten/$expand')) ?? { code: 'NORMAL' };
      const performing = await store.settingOf(deps.db, performingId);
      const item = timeChargeItem({
        remotePatientId: access.remote_patient_id,
        nurse,
        minutes: report.minutesOnSite,
        endedAt: incident.closedAt ?? report.writtenAt,
        enteredAt: now,
        performing: { did: performing?.did ?? null, name: await store.organisationName(deps.db, performingId) },
        requesting: { did: setting.did, name: await store.organisationName(deps.db, access.source_organisation_id) },
        hourType,
      });
      const posted = await source.post('/ChargeItem', item);
      await store.recordWriteBack(deps.db, { incidentId, kind: 'time', remoteUrl: posted.location, minutes: report.minutesOnSite });
      sent.push('time');
    }
  } catch (error) {
    if (error instanceof SourceUnavailable) throw conflict(`The client's source did not take the write-back; try again later (${error.message})`);
    throw error;
  }
  return { sent, minutes: report.minutesOnSite };
}
