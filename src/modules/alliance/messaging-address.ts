import type { Db, Executor } from '../../platform/db/index.js';

/**
 * An organisation's address in the Danish message network: its SOR id (Sundhedsvæsenets
 * Organisationsregister), where MedCom messages to it are sent. Set by the seed or an operator.
 */
export interface MessagingAddress {
  id: string;
  name: string;
  sorCode: string | null;
}

export const messagingAddress = (db: Executor, organisationId: string): Promise<MessagingAddress | undefined> =>
  db.selectFrom('organisation').select(['id', 'name', 'sor_code as sorCode']).where('id', '=', organisationId).executeTakeFirst();

/** A partner of the alliance that a message can go to: a member with a SOR id, else nothing. */
export const partnerAddress = (db: Executor, allianceId: string, organisationId: string): Promise<MessagingAddress | undefined> =>
  db
    .selectFrom('organisation')
    .innerJoin('alliance_membership as m', 'm.organisation_id', 'organisation.id')
    .select(['organisation.id', 'organisation.name', 'organisation.sor_code as sorCode'])
    .where('m.alliance_id', '=', allianceId)
    .where('organisation.id', '=', organisationId)
    .where('organisation.sor_code', 'is not', null)
    .executeTakeFirst();

/** Gives an organisation its SOR id (seed and tests; an administration screen may follow). */
export async function setSorCode(db: Db, organisationId: string, sorCode: string): Promise<void> {
  await db.updateTable('organisation').set({ sor_code: sorCode }).where('id', '=', organisationId).execute();
}

/** A partner a MedCom message can be addressed to, as the send form offers it. */
export interface MessagingPartner {
  organisationId: string;
  name: string;
  kind: string;
  sorCode: string;
}

/** The alliance's members with a SOR id other than the asking organisation, by name: whom a message can go to. */
export async function messagingPartners(db: Executor, allianceId: string, exceptOrganisationId: string): Promise<MessagingPartner[]> {
  const rows = await db
    .selectFrom('organisation')
    .innerJoin('alliance_membership as m', 'm.organisation_id', 'organisation.id')
    .select(['organisation.id', 'organisation.name', 'organisation.kind', 'organisation.sor_code'])
    .where('m.alliance_id', '=', allianceId)
    .where('organisation.id', '!=', exceptOrganisationId)
    .where('organisation.sor_code', 'is not', null)
    .orderBy('organisation.name')
    .execute();
  return rows.map((r) => ({ organisationId: r.id, name: r.name, kind: r.kind, sorCode: r.sor_code ?? '' }));
}

/**
 * Whether an alliance exchanges MedCom messages. The SOR id is the only mark the platform has of the
 * Danish network (the Jammerbugt alliance's partners carry one; no Dutch organisation does), so an
 * alliance with a member that has one uses MedCom, and no setting can drift from the addresses.
 */
export async function allianceUsesMedcom(db: Executor, allianceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('alliance_membership as m')
    .innerJoin('organisation', 'organisation.id', 'm.organisation_id')
    .select('organisation.id')
    .where('m.alliance_id', '=', allianceId)
    .where('organisation.sor_code', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
