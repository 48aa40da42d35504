import type { AccessContext, ClientPermit } from '../../platform/access/index.js';
import { authorizeClients } from '../../platform/access/index.js';
import type { SecretBox } from '../../platform/crypto/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { ClientCreate } from './schemas.js';
import * as store from './store.js';
import { nightSummaryOf } from './views.js';

/**
 * What a CSV import would do to the organisation's copy: which rows are new, which existing clients
 * (matched on the organisation's own client number) change or stay as they are, and, when asked,
 * which numbered clients missing from the file have their care ended. Only reads, each audited.
 */
export interface ImportPlan {
  inserts: ClientCreate[];
  updates: { permit: ClientPermit; client: ClientCreate; resumesCare: boolean }[];
  unchanged: number;
  ends: { permit: ClientPermit; name: string; clientNumber: string }[];
}

type Owner = { allianceId: string; organisationId: string };

/** An import states the whole row: an empty optional cell clears the field rather than leaving it alone. */
export const asFullUpdate = (c: ClientCreate) => ({
  ...c,
  latitude: c.latitude ?? null,
  longitude: c.longitude ?? null,
  phone: c.phone ?? null,
  alarmAccount: c.alarmAccount ?? null,
  alarmDevice: c.alarmDevice ?? null,
  keySafeCode: c.keySafeCode ?? null,
  keySafeLocation: c.keySafeLocation ?? null,
  gpName: c.gpName ?? null,
  gpPhone: c.gpPhone ?? null,
});

/** Whether the stored client already says everything the row says (key-safe code compared opened). */
function sameAsStored(row: store.ClientRow, client: ClientCreate, secretBox: SecretBox): boolean {
  const wanted = store.columnsOf(asFullUpdate(client));
  const stored = row as unknown as Record<string, unknown>;
  for (const [column, value] of Object.entries(wanted)) {
    if (value === undefined || column === 'gp_post_id') continue;
    const current = column === 'night_summary' ? JSON.stringify(nightSummaryOf(row.night_summary)) : stored[column];
    if ((current ?? null) !== value) return false;
  }
  const code = row.key_safe_code_enc ? secretBox.open(row.key_safe_code_enc) : undefined;
  if (code !== client.keySafeCode) return false;
  const contacts = (list: { name: string; relation: string; phone: string }[]) => JSON.stringify(list.map((c) => [c.name, c.relation, c.phone]));
  return contacts(row.contacts) === contacts(client.contacts);
}

export async function planImport(trx: Executor, ctx: AccessContext, owner: Owner, clients: ClientCreate[], options: { endMissing: boolean; keepNumbers?: string[]; secretBox: SecretBox }): Promise<ImportPlan> {
  const numbers = clients.map((c) => c.clientNumber).filter((n): n is string => !!n);
  const existing = await store.clientIdsByNumber(trx, owner, numbers);
  const permits = await authorizeClients(trx, ctx, [...existing.values()], { level: 'change', action: 'import', resource: 'client' });
  const rows = new Map((await store.readClients(trx, [...permits.values()])).map((r) => [r.id, r]));
  const plan: ImportPlan = { inserts: [], updates: [], unchanged: 0, ends: [] };
  for (const client of clients) {
    const id = client.clientNumber ? existing.get(client.clientNumber) : undefined;
    const permit = id ? permits.get(id) : undefined;
    const row = id ? rows.get(id) : undefined;
    if (!permit || !row) plan.inserts.push(client);
    else if (row.care_ended_on === null && sameAsStored(row, client, options.secretBox)) plan.unchanged++;
    else plan.updates.push({ permit, client, resumesCare: row.care_ended_on !== null });
  }
  if (options.endMissing) {
    const missing = await store.clientIdsNotIn(trx, owner, [...numbers, ...(options.keepNumbers ?? [])]);
    const endPermits = await authorizeClients(trx, ctx, missing, { level: 'change', action: 'import', resource: 'client', fields: ['care_ended_on'] });
    for (const row of await store.readClients(trx, [...endPermits.values()])) {
      const permit = endPermits.get(row.id);
      if (permit) plan.ends.push({ permit, name: `${row.given_name} ${row.family_name}`, clientNumber: row.client_number ?? '' });
    }
    plan.ends.sort((a, b) => a.clientNumber.localeCompare(b.clientNumber));
  }
  return plan;
}
