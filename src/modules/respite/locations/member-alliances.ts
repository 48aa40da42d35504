import type { Executor } from '../../../platform/db/index.js';

/** The respite alliances (those with locations) an organisation is a member of: where its clients can stay. */
export const respiteAlliancesOf = (db: Executor, organisationId: string) =>
  db
    .selectFrom('alliance_membership as m')
    .innerJoin('alliance as a', 'a.id', 'm.alliance_id')
    .select(['a.id', 'a.name'])
    .where('m.organisation_id', '=', organisationId)
    .where((eb) => eb.exists(eb.selectFrom('respite_location as l').select('l.id').whereRef('l.alliance_id', '=', 'a.id')))
    .orderBy('a.name')
    .execute();
