import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { StaffContext } from '../../../platform/access/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { findCandidates, MERGE_SCORE } from '../duplicates.js';
import { changeInitiative, changesOf, dayOf, insertInitiative, lockInitiative, partnerNames } from '../initiatives/store.js';
import { moderationLevelOf } from '../moderation/access.js';
import { initiativeInput, type InitiativeInput } from '../schemas.js';
import { columnsOf } from '../public/service.js';
import { partnerKindOf } from './partner-kind.js';

export const INVENTORY_COLUMNS = ['title', 'summary', 'municipality', 'place', 'partners', 'themes', 'target_groups', 'stage', 'started_on', 'contact_name', 'contact_email', 'contact_phone', 'contact_publish', 'links', 'latitude', 'longitude', 'last_verified_on'] as const;
const MAX_ROWS = 5000;

export const importReportOut = z.object({
  added: z.number(),
  merged: z.number(),
  refused: z.number(),
  rows: z.array(z.object({
    line: z.number(),
    title: z.string(),
    outcome: z.enum(['added', 'merged', 'refused']),
    id: z.uuid().optional(),
    mergedInto: z.object({ id: z.uuid(), title: z.string(), score: z.number() }).optional(),
    /** Added, but close to these: for the coordinator to look at. */
    similar: z.array(z.object({ id: z.uuid(), title: z.string(), score: z.number() })).optional(),
    problems: z.array(z.string()).optional(),
    changed: z.array(z.string()).optional(),
  })),
});
type ReportRow = z.infer<typeof importReportOut>['rows'][number];

const list = (value: string | undefined, separator = ';') => (value ?? '').split(separator).map((v) => v.trim()).filter(Boolean);
const number = (value: string | undefined) => (value && value.trim() !== '' ? Number(value.replace(',', '.')) : undefined);

/** One CSV record as the form's input; the municipality is named, not chosen, so it is resolved by the caller. */
function rowInput(record: Record<string, string>, municipalityId: string) {
  return initiativeInput.safeParse({
    title: record.title, summary: record.summary, municipalityId, place: record.place ?? '',
    partners: list(record.partners).map((name) => ({ name, kind: partnerKindOf(name) })), themes: list(record.themes), targetGroups: list(record.target_groups),
    stage: record.stage || 'running', ...(record.started_on ? { startedOn: record.started_on } : {}), contactName: record.contact_name, contactEmail: record.contact_email,
    contactPhone: record.contact_phone ?? '', contactPublish: ['ja', 'yes', 'true', '1'].includes((record.contact_publish ?? '').toLowerCase()), links: list(record.links, ' '),
    latitude: number(record.latitude), longitude: number(record.longitude),
  });
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/** A known initiative takes what the row adds: more partners, themes, links, and fields it still lacked. Its own text stays. */
async function mergeInto(trx: Executor, deps: NetworkMapDeps, ctx: StaffContext, id: string, input: InitiativeInput, verifiedOn: string | undefined) {
  const known = await lockInitiative(trx, { id });
  if (!known) return [];
  const partners = [...known.partners, ...input.partners.filter((p) => !known.partners.some((k) => k.name.toLowerCase() === p.name.toLowerCase()))];
  const patch = {
    partners: JSON.stringify(partners), partner_names: partnerNames(partners), themes: union(known.themes, input.themes), target_groups: union(known.target_groups, input.targetGroups),
    links: union(known.links, input.links), ...(known.place === '' ? { place: input.place } : {}),
    ...(known.started_on === null && input.startedOn ? { started_on: input.startedOn } : {}), ...(known.latitude === null && input.latitude !== undefined ? { latitude: input.latitude, longitude: input.longitude ?? null } : {}),
    ...(known.contact_email === '' ? { contact_name: input.contactName, contact_email: input.contactEmail, contact_phone: input.contactPhone, contact_publish: input.contactPublish } : {}),
    ...(verifiedOn && (known.last_verified_on ?? '') < verifiedOn ? { last_verified_on: verifiedOn } : {}),
  };
  const changed = Object.keys(changesOf(known, patch));
  await changeInitiative(trx, known, patch, { actor_kind: 'import', actor_user_id: ctx.actorId, action: 'merged_from_inventory' }, deps.now());
  return changed;
}

/**
 * The existing inventory, imported with the public call's duplicate check: a row that is clearly a
 * known initiative is merged into it, anything else is added as accepted (the inventory was gathered
 * by the networks themselves). One transaction: a report describes exactly what happened, or nothing did.
 */
export async function importInventory(deps: NetworkMapDeps, ctx: StaffContext, csv: string) {
  const level = await moderationLevelOf(deps.db, ctx);
  const records = parse<Record<string, string>>(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  if (records.length > MAX_ROWS) throw new AppError('IMPORT_REFUSED', `At most ${MAX_ROWS} rows per import`);
  const rows: ReportRow[] = await deps.db.transaction().execute(async (trx) => {
    const municipalities = await trx
      .selectFrom('network_municipality')
      .select(['id', 'name', 'network_id', 'alliance_id'])
      .$if(level === 'network', (q) => q.where('network_id', '=', ctx.organisationId))
      .execute();
    const report: ReportRow[] = [];
    for (const [index, record] of records.entries()) {
      const line = index + 2;
      const title = record.title ?? '';
      const municipality = municipalities.find((m) => m.name.toLowerCase() === (record.municipality ?? '').trim().toLowerCase());
      if (!municipality) {
        report.push({ line, title, outcome: 'refused', problems: ['municipality: not in this network region'] });
        continue;
      }
      const parsed = rowInput(record, municipality.id);
      if (!parsed.success) {
        report.push({ line, title, outcome: 'refused', problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
        continue;
      }
      const input = parsed.data;
      const verifiedOn = /^\d{4}-\d{2}-\d{2}$/.test(record.last_verified_on ?? '') ? record.last_verified_on : undefined;
      const candidates = await findCandidates(trx, { title: input.title, partnerNames: partnerNames(input.partners), place: input.place, municipalityId: municipality.id });
      const best = candidates[0];
      if (best && best.score >= MERGE_SCORE) {
        const changed = await mergeInto(trx, deps, ctx, best.id, input, verifiedOn);
        report.push({ line, title, outcome: 'merged', mergedInto: { id: best.id, title: best.title, score: best.score }, changed });
        continue;
      }
      const id = await insertInitiative(
        trx,
        {
          ...columnsOf(input), alliance_id: municipality.alliance_id, network_id: municipality.network_id, municipality_id: municipality.id, status: 'accepted', source: 'import',
          accepted_at: deps.now(), last_verified_on: verifiedOn ?? dayOf(deps.now()), created_at: deps.now(), updated_at: deps.now(),
        },
        { actor_kind: 'import', actor_user_id: ctx.actorId },
        'imported',
      );
      report.push({ line, title, outcome: 'added', id, ...(candidates.length > 0 ? { similar: candidates.map((c) => ({ id: c.id, title: c.title, score: c.score })) } : {}) });
    }
    return report;
  });
  const count = (outcome: ReportRow['outcome']) => rows.filter((r) => r.outcome === outcome).length;
  return { added: count('added'), merged: count('merged'), refused: count('refused'), rows };
}
