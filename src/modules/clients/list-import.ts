import { authorizeClients, type AccessContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import type { Executor } from '../../platform/db/index.js';
import { asFullUpdate, planImport, type ImportPlan } from './csv-update.js';
import { clientCreate, type ClientCreate } from './schemas.js';
import { allianceForNewClient, assertMayRegisterClients, checkReferences } from './service.js';
import * as store from './store.js';

export const MAX_IMPORT_ROWS = 20_000;
const INSERT_CHUNK = 500;

/** `code` is zod's issue code (invalid_format, too_small, ...), so a screen can word each problem. */
export interface Problem {
  field: string;
  code: string;
  message: string;
}

/** An entry of the list that was refused: its position in the list and why. */
export interface RefusedEntry {
  index: number;
  problems: Problem[];
}

export interface ImportOptions {
  /** End care for the organisation's numbered clients missing from the list (an explicit choice). */
  endMissing: boolean;
  /** Report what the import would do, change nothing. */
  preview: boolean;
}

export interface ListImportReport {
  preview: boolean;
  added: number;
  updated: number;
  ended: number;
  unchanged: number;
  errors: number;
  refused: RefusedEntry[];
  endedClients: { id: string; name: string; clientNumber: string }[];
}

type Owner = { allianceId: string; organisationId: string };

/** The client number an entry names, read even when the entry itself is refused. */
const numberOf = (input: unknown) => {
  const n = (input as { clientNumber?: unknown } | null)?.clientNumber;
  return typeof n === 'string' && n.trim() ? n.trim() : undefined;
};

/** Checks every entry: the client schema, a client number once per list, free alarm accounts, known GP posts. */
async function validateEntries(deps: PlatformDeps, owner: Owner, inputs: unknown[]) {
  const refused: RefusedEntry[] = [];
  const valid: { index: number; client: ClientCreate }[] = [];
  const numbers = new Set<string>();
  inputs.forEach((input, index) => {
    const result = clientCreate.safeParse(input);
    if (!result.success) refused.push({ index, problems: result.error.issues.map((i) => ({ field: i.path.join('.'), code: i.code, message: i.message })) });
    else if (result.data.clientNumber && numbers.has(result.data.clientNumber)) refused.push({ index, problems: [{ field: 'clientNumber', code: 'duplicate', message: 'This client number is already in the list' }] });
    else {
      if (result.data.clientNumber) numbers.add(result.data.clientNumber);
      valid.push({ index, client: result.data });
    }
  });
  // An updated client keeps its own alarm account: only other clients' accounts are taken.
  const own = [...(await store.clientIdsByNumber(deps.db, owner, [...numbers])).values()];
  const referenceProblems = await checkReferences(deps.db, owner.allianceId, valid.map((v) => v.client), own);
  for (const [at, problems] of referenceProblems) refused.push({ index: valid[at]?.index ?? 0, problems: problems.map((p) => ({ field: p.path, code: 'custom', message: p.message })) });
  refused.sort((a, b) => a.index - b.index);
  return { refused, valid: valid.filter((_, at) => !referenceProblems.has(at)).map((v) => v.client) };
}

export interface ClientListCheck {
  refused: RefusedEntry[];
  valid: ClientCreate[];
  /** Client numbers of refused entries: an import that ends missing clients leaves these alone. */
  refusedNumbers: string[];
}

/**
 * The first half of an import of the organisation's current client list (a CSV file, a FHIR endpoint's
 * Patients): who may import, and which entries are valid. The caller decides what a refused entry
 * means (a file is refused whole; a sync applies the rest) and then calls `applyClientList`.
 */
export async function checkClientList(deps: PlatformDeps, ctx: AccessContext, inputs: unknown[]): Promise<ClientListCheck> {
  await assertMayRegisterClients(deps, ctx);
  const owner = { allianceId: allianceForNewClient(ctx), organisationId: ctx.organisationId };
  const { refused, valid } = await validateEntries(deps, owner, inputs);
  const refusedNumbers = refused.map((r) => numberOf(inputs[r.index])).filter((n): n is string => !!n);
  return { refused, valid, refusedNumbers };
}

/**
 * Keeps the organisation's copy current: new entries are added, existing clients (matched on the
 * organisation's own client number) updated, and on request numbered clients missing from the list
 * have their care ended, except those named by a refused entry. All in one transaction. A preview
 * reports the same and changes nothing.
 */
export async function applyClientList(deps: PlatformDeps, ctx: AccessContext, check: ClientListCheck, options: ImportOptions): Promise<ListImportReport> {
  const owner = { allianceId: allianceForNewClient(ctx), organisationId: ctx.organisationId };
  return deps.db.transaction().execute(async (trx) => {
    const plan = await planImport(trx, ctx, owner, check.valid, { endMissing: options.endMissing, keepNumbers: check.refusedNumbers, secretBox: deps.secretBox });
    if (!options.preview) await applyPlan(deps, trx, ctx, owner, plan);
    return {
      preview: options.preview,
      added: plan.inserts.length,
      updated: plan.updates.length,
      ended: plan.ends.length,
      unchanged: plan.unchanged,
      errors: check.refused.length,
      refused: check.refused,
      endedClients: plan.ends.map((e) => ({ id: e.permit.clientId, name: e.name, clientNumber: e.clientNumber })),
    };
  });
}

async function applyPlan(deps: PlatformDeps, trx: Executor, ctx: AccessContext, owner: Owner, plan: ImportPlan): Promise<void> {
  const seal = (client: ClientCreate) => (client.keySafeCode ? deps.secretBox.seal(client.keySafeCode) : null);
  for (let i = 0; i < plan.inserts.length; i += INSERT_CHUNK) {
    const chunk = plan.inserts.slice(i, i + INSERT_CHUNK).map((client) => ({ ...client, keySafeCodeEnc: seal(client) }));
    const ids = await store.insertClients(trx, owner, chunk);
    await authorizeClients(trx, ctx, ids, { level: 'change', action: 'import', resource: 'client' });
  }
  for (const { permit, client } of plan.updates) await store.updateClient(trx, permit, { ...asFullUpdate(client), keySafeCodeEnc: seal(client) });
  await store.setCareEnded(trx, plan.updates.filter((u) => u.resumesCare).map((u) => u.permit), null);
  await store.setCareEnded(trx, plan.ends.map((e) => e.permit), new Date().toISOString().slice(0, 10));
}
