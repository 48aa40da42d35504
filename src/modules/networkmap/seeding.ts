import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import { insertNeed } from './demand/store.js';
import { insertScan, setMunicipalityOrganisation, type ScanValues } from './quickscan/store.js';
import { insertResource } from './resources/store.js';
import type { LocalNeedTable, NetworkResourceTable, PersonaContent } from './tables.js';
import { dayOf, insertInitiative } from './initiatives/store.js';
import { columnsOf } from './public/service.js';
import type { InitiativeInput } from './schemas.js';

/** A network's region: its municipalities with their centres. Returns the municipality ids by name. */
export async function addNetworkRegion(db: Executor, region: { allianceId: string; networkId: string; province?: string; municipalities: { name: string; latitude: number; longitude: number }[] }) {
  const rows = await db
    .insertInto('network_municipality')
    .values(region.municipalities.map((m) => ({ alliance_id: region.allianceId, network_id: region.networkId, province: region.province ?? '', ...m })))
    .returning(['id', 'name'])
    .execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** The municipality's own organisation on the platform (its staff then read its quick-scan); null unlinks. */
export async function linkMunicipalityOrganisation(db: Executor, municipalityId: string, organisationId: string | null) {
  await setMunicipalityOrganisation(db, municipalityId, organisationId);
}

/**
 * An initiative that is known already (demo, tests, the benchmark): accepted as it stands, with its
 * history saying so. The public call and the import are the roads for real data.
 */
export async function addInitiativeDirectly(db: Executor, input: InitiativeInput & { fictional?: boolean; lastVerifiedOn?: string; acceptedAt?: Date }) {
  const municipality = await db.selectFrom('network_municipality').select(['id', 'alliance_id', 'network_id']).where('id', '=', input.municipalityId).executeTakeFirstOrThrow();
  const acceptedAt = input.acceptedAt ?? new Date();
  return insertInitiative(
    db,
    {
      ...columnsOf(input), alliance_id: municipality.alliance_id, network_id: municipality.network_id, municipality_id: municipality.id, status: 'accepted', source: 'staff',
      fictional: input.fictional ?? false, accepted_at: acceptedAt, last_verified_on: input.lastVerifiedOn ?? dayOf(acceptedAt), created_at: acceptedAt, updated_at: acceptedAt,
    },
    { actor_kind: 'system', actor_user_id: null },
    'added_as_known',
  );
}

/** A resource known already (demo): personas with their provenance, films and documents, linked to initiatives by title. */
export async function addResourceDirectly(db: Executor, values: Omit<Insertable<NetworkResourceTable>, 'persona'> & { persona?: PersonaContent }, initiativeIds: string[] = []) {
  return insertResource(db, { ...values, persona: JSON.stringify(values.persona ?? {}) }, initiativeIds);
}

/** A need noted already (demo), from a signal, an interview or a persona. */
export async function addNeedDirectly(db: Executor, values: Insertable<LocalNeedTable>) {
  return insertNeed(db, values);
}

/** A quick-scan round held already (demo). */
export async function addScanDirectly(db: Executor, values: ScanValues) {
  return insertScan(db, values);
}
