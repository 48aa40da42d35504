import type { Executor, ReadDb } from '../../../platform/db/index.js';

export interface ScanValues {
  alliance_id: string;
  network_id: string;
  municipality_id: string;
  held_on: string;
  work_together: number;
  find_each_other: number;
  needs_aligned: number;
  work_together_note: string;
  find_each_other_note: string;
  needs_aligned_note: string;
  participants: string;
  filled_by: string;
}

/** A new round; undefined when the municipality already has one on that day (the unique pair). */
export async function insertScan(db: Executor, values: ScanValues): Promise<string | undefined> {
  const row = await db.insertInto('quick_scan').values(values).onConflict((oc) => oc.columns(['municipality_id', 'network_id', 'held_on']).doNothing()).returning('id').executeTakeFirst();
  return row?.id;
}

const rounds = (db: ReadDb) =>
  db
    .selectFrom('quick_scan as s')
    .innerJoin('network_municipality as m', 'm.id', 's.municipality_id')
    .leftJoin('app_user as u', 'u.id', 's.filled_by')
    .select(['s.id', 's.municipality_id', 'm.name as municipality', 's.held_on', 's.work_together', 's.find_each_other', 's.needs_aligned', 's.work_together_note', 's.find_each_other_note', 's.needs_aligned_note', 's.participants', 'u.name as filled_by', 's.municipality_note']);

export type ScanRow = Awaited<ReturnType<typeof scansOfNetwork>>[number];

/** Every round of one network's municipalities, oldest first per municipality. */
export async function scansOfNetwork(db: ReadDb, networkId: string) {
  return rounds(db).where('s.network_id', '=', networkId).orderBy('m.name').orderBy('s.held_on').execute();
}

/** Every round of one municipality, whichever network held it, oldest first. */
export async function scansOfMunicipality(db: ReadDb, municipalityId: string) {
  return rounds(db).where('s.municipality_id', '=', municipalityId).orderBy('s.held_on').execute();
}

/** A municipality with its network and its own organisation, for the access rule. */
export async function municipalityForScans(db: ReadDb, municipalityId: string) {
  return db
    .selectFrom('network_municipality as m')
    .innerJoin('organisation as n', 'n.id', 'm.network_id')
    .select(['m.id', 'm.name', 'm.network_id', 'm.organisation_id', 'n.name as network_name'])
    .where('m.id', '=', municipalityId)
    .executeTakeFirst();
}

/** A network's municipalities with the organisation each is linked to, if any. */
export async function municipalityLinksOfNetwork(db: ReadDb, networkId: string) {
  return db
    .selectFrom('network_municipality as m')
    .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
    .select(['m.id', 'm.name', 'm.organisation_id', 'o.name as organisation_name'])
    .where('m.network_id', '=', networkId)
    .orderBy('m.name')
    .execute();
}

export async function municipalitiesOfOrganisation(db: ReadDb, organisationId: string) {
  return db
    .selectFrom('network_municipality as m')
    .innerJoin('organisation as n', 'n.id', 'm.network_id')
    .select(['m.id', 'm.name', 'n.name as network'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('m.name')
    .execute();
}

export async function scanOfMunicipality(db: ReadDb, scanId: string) {
  return db.selectFrom('quick_scan').select(['id', 'municipality_id']).where('id', '=', scanId).executeTakeFirst();
}

export async function setMunicipalityNote(db: Executor, scanId: string, values: { municipality_note: string; municipality_note_by: string; municipality_note_at: Date }) {
  await db.updateTable('quick_scan').set(values).where('id', '=', scanId).execute();
}

/** The municipality's own organisation (null unlinks); the unique column refuses a second municipality for one organisation. */
export async function setMunicipalityOrganisation(db: Executor, municipalityId: string, organisationId: string | null) {
  await db.updateTable('network_municipality').set({ organisation_id: organisationId }).where('id', '=', municipalityId).execute();
}
