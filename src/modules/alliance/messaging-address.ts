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
