import { sql } from 'kysely';
import { actingAlliance, hasRole, type AccessContext } from '../../../platform/access/index.js';
import { appendAudit } from '../../../platform/audit/index.js';
import type { Executor } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { forbidden, invalid, notFound } from '../../../platform/http/index.light.js';
import { isValidKey, type KeyLookup } from './dc09/index.js';

/** DC-09-2013 §5.5.1.7: AES-128, -192 or -256, written as 32, 48 or 64 hexadecimal characters. */
export const ALARM_KEY_PATTERN = /^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{48}|[0-9a-fA-F]{64})$/;
/** DC-09 '#acct': 3 to 16 hexadecimal characters, the same rule as a client's alarm account. */
export const ALARM_ACCOUNT_PATTERN = /^[0-9A-Fa-f]{3,16}$/;
const ACCOUNT_MESSAGE = 'A DC-09 account is 3 to 16 hexadecimal characters';
const KEY_MESSAGE = 'An AES key is 32, 48 or 64 hexadecimal characters';

function assertValid(account: string, hexKey: string): void {
  if (!ALARM_ACCOUNT_PATTERN.test(account)) throw invalid(ACCOUNT_MESSAGE, [{ path: 'account', code: 'invalid_format', message: ACCOUNT_MESSAGE }]);
  if (!ALARM_KEY_PATTERN.test(hexKey)) throw invalid(KEY_MESSAGE, [{ path: 'key', code: 'invalid_format', message: KEY_MESSAGE }]);
}

/** Upserts the sealed key; answers whether the account had no key before. */
async function storeKey(db: Executor, deps: PlatformDeps, allianceId: string, account: string, hexKey: string): Promise<{ created: boolean; createdAt: Date; updatedAt: Date }> {
  assertValid(account, hexKey);
  const keyEnc = deps.secretBox.seal(hexKey.toLowerCase());
  const row = await db
    .insertInto('alarm_key')
    .values({ alliance_id: allianceId, account: account.toUpperCase(), key_enc: keyEnc })
    .onConflict((oc) => oc.columns(['alliance_id', 'account']).doUpdateSet({ key_enc: keyEnc, updated_at: new Date() }))
    // xmax is 0 only for a freshly inserted row: one statement tells insert from replace without a race.
    .returning([sql<boolean>`(xmax = 0)`.as('created'), 'created_at', 'updated_at'])
    .executeTakeFirstOrThrow();
  return { created: row.created, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Stores (or replaces) the AES key an alarm account encrypts with; the hex key is sealed at rest. */
export async function setAlarmKey(deps: PlatformDeps, allianceId: string, account: string, hexKey: string): Promise<void> {
  await storeKey(deps.db, deps, allianceId, account, hexKey);
}

/** Removes an account's key: from then on the account must send plain text. */
export async function removeAlarmKey(deps: PlatformDeps, allianceId: string, account: string): Promise<void> {
  await deps.db.deleteFrom('alarm_key').where('alliance_id', '=', allianceId).where('account', '=', account.toUpperCase()).execute();
}

/**
 * The key caches running in this process, by alliance, so an administrator's change reaches the
 * receiver at once instead of after up to 30 s. Receivers in other processes still pick it up on
 * their next periodic reload.
 */
const liveCaches = new Map<string, Set<() => Promise<void>>>();

/** Where the caches of every alliance (the receiver's) listen. */
const ALL_ALLIANCES = '*';

/** Reloads every running key cache of the alliance in this process; a failure goes to that cache's onError and never rejects. */
export async function refreshAlarmKeyCaches(allianceId: string): Promise<void> {
  await Promise.all([...(liveCaches.get(allianceId) ?? []), ...(liveCaches.get(ALL_ALLIANCES) ?? [])].map((reload) => reload()));
}

export interface AlarmKeyCache {
  /** Synchronous, as the DC-09 codec needs it: answers from memory. */
  readonly lookup: KeyLookup;
  /** The alliance an account is registered in (by its key, else by supervision); undefined when unknown or ambiguous. */
  allianceOf(account: string): string | undefined;
  /** Reloads all keys now (after setAlarmKey, or on an administrator's request). */
  refresh(): Promise<void>;
  readonly size: number;
  stop(): void;
}

export interface AlarmKeyCacheOptions {
  /** Every alliance's accounts (the DC-09 receiver), mapping each account to its alliance; default: only `allianceId`'s. */
  allAlliances?: boolean;
  refreshMs?: number;
  /** Called when a periodic refresh fails or a stored key does not open; the previous keys stay in use. */
  onError?: (error: unknown) => void;
}

interface RegisteredAccount {
  account: string;
  allianceId: string;
  keyEnc: string | null;
}

/**
 * Where each DC-09 account is registered: an alarm key names its alliance first; an account without a
 * key, by its supervision entry (registered by an administrator, or seen before). Per account, the
 * alliances of the first kind that names it.
 */
async function registeredAccounts(deps: PlatformDeps, allianceId: string | undefined): Promise<Map<string, RegisteredAccount[]>> {
  const [keyed, supervised] = await Promise.all([
    deps.db.selectFrom('alarm_key').select(['account', 'alliance_id', 'key_enc']).$if(allianceId !== undefined, (q) => q.where('alliance_id', '=', allianceId ?? '')).execute(),
    deps.db.selectFrom('supervised_source').select(['source', 'alliance_id']).where('kind', '=', 'dc09').$if(allianceId !== undefined, (q) => q.where('alliance_id', '=', allianceId ?? '')).execute(),
  ]);
  const byAccount = new Map<string, RegisteredAccount[]>();
  for (const row of keyed) byAccount.set(row.account, [...(byAccount.get(row.account) ?? []), { account: row.account, allianceId: row.alliance_id, keyEnc: row.key_enc }]);
  const bySupervision = new Map<string, RegisteredAccount[]>();
  for (const row of supervised) {
    if (!byAccount.has(row.source)) bySupervision.set(row.source, [...(bySupervision.get(row.source) ?? []), { account: row.source, allianceId: row.alliance_id, keyEnc: null }]);
  }
  return new Map([...byAccount, ...bySupervision]);
}

/**
 * Loads the alliance's alarm keys (with `allAlliances`, every alliance's, each account's from the
 * alliance it is registered in) into memory and reloads them every 30 s. The receiver decides on
 * each frame synchronously, so it cannot wait for the database; a failed reload keeps the keys it had,
 * because dropping them would turn every encrypted alarm into a DUH while the database is away.
 */
export async function loadAlarmKeys(deps: PlatformDeps, allianceId: string, options: AlarmKeyCacheOptions = {}): Promise<AlarmKeyCache> {
  const onError = options.onError ?? (() => undefined);
  let keys = new Map<string, Buffer>();
  let alliances = new Map<string, string>();
  let loading: Promise<void> | undefined;
  const scope = options.allAlliances ? undefined : allianceId;
  const load = async (): Promise<void> => {
    const registered = await registeredAccounts(deps, scope);
    const next = new Map<string, Buffer>();
    const nextAlliances = new Map<string, string>();
    for (const [account, candidates] of registered) {
      const chosen = candidates.length === 1 ? candidates[0] : candidates.find((c) => c.allianceId === allianceId);
      if (chosen) nextAlliances.set(account, chosen.allianceId);
      else onError(new Error(`DC-09 account ${account} is registered in several alliances; its alarms go to the receiver's default alliance`));
    }
    const rows = [...registered.values()].flat().filter((r) => r.keyEnc !== null && (nextAlliances.get(r.account) ?? allianceId) === r.allianceId);
    for (const row of rows) {
      try {
        const key = Buffer.from(deps.secretBox.open(row.keyEnc ?? ''), 'hex');
        if (isValidKey(key)) next.set(row.account, key);
        else onError(new Error(`alarm key of account ${row.account} has an invalid length`));
      } catch (error) {
        onError(new Error(`alarm key of account ${row.account} does not open`, { cause: error }));
      }
    }
    keys = next;
    alliances = nextAlliances;
  };
  // Concurrent refreshes share one load, so a slow database is not asked twice.
  const refresh = (): Promise<void> => {
    loading ??= load().finally(() => (loading = undefined));
    return loading;
  };
  await refresh();
  const timer = setInterval(() => void refresh().catch(onError), options.refreshMs ?? 30_000);
  timer.unref();
  const listener = () => refresh().catch(onError);
  const listeners = liveCaches.get(scope ?? ALL_ALLIANCES) ?? new Set();
  liveCaches.set(scope ?? ALL_ALLIANCES, listeners.add(listener));
  return {
    lookup: (account) => keys.get(account.toUpperCase()),
    allianceOf: (account) => alliances.get(account.toUpperCase()),
    refresh,
    get size() {
      return keys.size;
    },
    stop: () => {
      clearInterval(timer);
      listeners.delete(listener);
    },
  };
}

export type AlarmKeyBits = 128 | 192 | 256;

export interface AlarmKeyView {
  account: string;
  /** Null when the stored key does not open with this server's secret key; the receiver then ignores it. */
  bits: AlarmKeyBits | null;
  createdAt: Date;
  /** When the key was last set; later than createdAt after a replacement. */
  updatedAt: Date;
}

/** Alliance administrators manage the alarm keys of their own alliance; anyone else is refused, another alliance is "not found". */
function alarmKeyAlliance(ctx: AccessContext, allianceId?: string): string {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'alliance_admin')) throw forbidden('Only alliance administrators manage alarm keys');
  return actingAlliance(ctx, allianceId);
}

function bitsOf(deps: PlatformDeps, keyEnc: string): AlarmKeyBits | null {
  try {
    const bits = deps.secretBox.open(keyEnc).length * 4;
    return bits === 128 || bits === 192 || bits === 256 ? bits : null;
  } catch {
    return null;
  }
}

/** Accounts with a key and the key's length: never the key itself. */
export async function listAlarmKeys(deps: PlatformDeps, ctx: AccessContext, allianceId?: string): Promise<AlarmKeyView[]> {
  const chosen = alarmKeyAlliance(ctx, allianceId);
  const rows = await deps.db.selectFrom('alarm_key').select(['account', 'key_enc', 'created_at', 'updated_at']).where('alliance_id', '=', chosen).orderBy('account').execute();
  return rows.map((r) => ({ account: r.account, bits: bitsOf(deps, r.key_enc), createdAt: r.created_at, updatedAt: r.updated_at }));
}

const keyAudit = (ctx: AccessContext, allianceId: string, action: 'create' | 'update' | 'delete', account: string, bits?: number) => ({
  allianceId,
  userId: ctx.actorId,
  userName: ctx.actorName,
  organisationId: ctx.organisationId,
  role: ctx.roles[0] ?? null,
  // Not client data: the entry records an administrative change, outside the client access road.
  clientId: null,
  clientOrganisationId: null,
  action,
  resource: 'alarm_key' as const,
  fields: action === 'delete' ? [] : ['key'],
  purpose: null,
  reason: bits ? `#${account} AES-${bits}` : `#${account}`,
  grantId: null,
  outcome: 'allowed' as const,
});

/** Sets or replaces an account's key, audited in the same transaction; the running receiver uses it at once. */
export async function putAlarmKey(deps: PlatformDeps, ctx: AccessContext, input: { allianceId?: string; account: string; key: string }): Promise<AlarmKeyView & { replaced: boolean }> {
  const allianceId = alarmKeyAlliance(ctx, input.allianceId);
  const account = input.account.toUpperCase();
  const bits = (input.key.length * 4) as AlarmKeyBits;
  const stored = await deps.db.transaction().execute(async (trx) => {
    const result = await storeKey(trx, deps, allianceId, account, input.key);
    await appendAudit(trx, [keyAudit(ctx, allianceId, result.created ? 'create' : 'update', account, bits)]);
    return result;
  });
  await refreshAlarmKeyCaches(allianceId);
  return { account, bits, createdAt: stored.createdAt, updatedAt: stored.updatedAt, replaced: !stored.created };
}

/** Deletes an account's key (404 when it has none), audited; from then on the account must send plain text. */
export async function deleteAlarmKey(deps: PlatformDeps, ctx: AccessContext, input: { allianceId?: string; account: string }): Promise<void> {
  const allianceId = alarmKeyAlliance(ctx, input.allianceId);
  const account = input.account.toUpperCase();
  await deps.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('alarm_key').where('alliance_id', '=', allianceId).where('account', '=', account).returning('account').executeTakeFirst();
    if (!gone) throw notFound('Alarm key');
    await appendAudit(trx, [keyAudit(ctx, allianceId, 'delete', account)]);
  });
  await refreshAlarmKeyCaches(allianceId);
}
