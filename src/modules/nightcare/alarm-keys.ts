import type { PlatformDeps } from '../../platform/deps.js';
import { invalid } from '../../platform/http/index.js';
import { isValidKey, type KeyLookup } from './dc09/index.js';

const HEX_KEY = /^(?:[0-9a-f]{32}|[0-9a-f]{48}|[0-9a-f]{64})$/i;
const ACCOUNT = /^[0-9A-Za-z]{1,16}$/;

/** Stores (or replaces) the AES key an alarm account encrypts with; the hex key is sealed at rest. */
export async function setAlarmKey(deps: PlatformDeps, allianceId: string, account: string, hexKey: string): Promise<void> {
  if (!ACCOUNT.test(account)) throw invalid('A DC-09 account is 1 to 16 letters or digits', [{ path: 'account', code: 'invalid_string', message: 'A DC-09 account is 1 to 16 letters or digits' }]);
  // DC-09-2013 §5.5.1.7: AES-128, -192 or -256.
  if (!HEX_KEY.test(hexKey)) throw invalid('An AES key is 32, 48 or 64 hexadecimal characters', [{ path: 'key', code: 'invalid_string', message: 'An AES key is 32, 48 or 64 hexadecimal characters' }]);
  const keyEnc = deps.secretBox.seal(hexKey.toLowerCase());
  await deps.db
    .insertInto('alarm_key')
    .values({ alliance_id: allianceId, account: account.toUpperCase(), key_enc: keyEnc })
    .onConflict((oc) => oc.columns(['alliance_id', 'account']).doUpdateSet({ key_enc: keyEnc }))
    .execute();
}

/** Removes an account's key: from then on the account must send plain text. */
export async function removeAlarmKey(deps: PlatformDeps, allianceId: string, account: string): Promise<void> {
  await deps.db.deleteFrom('alarm_key').where('alliance_id', '=', allianceId).where('account', '=', account.toUpperCase()).execute();
}

export interface AlarmKeyCache {
  /** Synchronous, as the DC-09 codec needs it: answers from memory. */
  readonly lookup: KeyLookup;
  /** Reloads all keys now (after setAlarmKey, or on an administrator's request). */
  refresh(): Promise<void>;
  readonly size: number;
  stop(): void;
}

export interface AlarmKeyCacheOptions {
  refreshMs?: number;
  /** Called when a periodic refresh fails or a stored key does not open; the previous keys stay in use. */
  onError?: (error: unknown) => void;
}

/**
 * Loads the alliance's alarm keys into memory and reloads them every 30 s. The receiver decides on
 * each frame synchronously, so it cannot wait for the database; a failed reload keeps the keys it had,
 * because dropping them would turn every encrypted alarm into a DUH while the database is away.
 */
export async function loadAlarmKeys(deps: PlatformDeps, allianceId: string, options: AlarmKeyCacheOptions = {}): Promise<AlarmKeyCache> {
  const onError = options.onError ?? (() => undefined);
  let keys = new Map<string, Buffer>();
  let loading: Promise<void> | undefined;
  const load = async (): Promise<void> => {
    const rows = await deps.db.selectFrom('alarm_key').select(['account', 'key_enc']).where('alliance_id', '=', allianceId).execute();
    const next = new Map<string, Buffer>();
    for (const row of rows) {
      try {
        const key = Buffer.from(deps.secretBox.open(row.key_enc), 'hex');
        if (isValidKey(key)) next.set(row.account, key);
        else onError(new Error(`alarm key of account ${row.account} has an invalid length`));
      } catch (error) {
        onError(new Error(`alarm key of account ${row.account} does not open`, { cause: error }));
      }
    }
    keys = next;
  };
  // Concurrent refreshes share one load, so a slow database is not asked twice.
  const refresh = (): Promise<void> => {
    loading ??= load().finally(() => (loading = undefined));
    return loading;
  };
  await refresh();
  const timer = setInterval(() => void refresh().catch(onError), options.refreshMs ?? 30_000);
  timer.unref();
  return {
    lookup: (account) => keys.get(account.toUpperCase()),
    refresh,
    get size() {
      return keys.size;
    },
    stop: () => clearInterval(timer),
  };
}
