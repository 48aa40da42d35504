import { loopBatch, type Db } from '../db/index.js';
import { ChannelHub } from '../live/index.js';
import type { SessionContext, SessionLoad } from './sessions.js';

/** Whatever a kept context may lag behind when the LISTEN connection is silently gone: a bound, not the rule. */
export const SESSION_CACHE_MAX_AGE_MS = 2000;
/** Enough for every session of a busy instance; past it the instance starts over rather than sorting out the oldest. */
const MAX_ENTRIES = 10_000;
/** How long a change waits for the database to tell this instance about it before answering anyway. */
const ECHO_WAIT_MS = 1000;

interface Kept {
  context: SessionContext;
  until: number;
}

/**
 * The session contexts of recent requests on this instance, so a request need not look its session up
 * on a pool connection each time. Kept only while the instance listens on `session_change`, which the
 * database raises on commit of any change to sessions, roles, alliance memberships or users' names
 * (migration 0046): then everything kept is dropped, on every instance. A kept context is used only
 * after a round trip on the LISTEN connection has brought in every notification committed before the
 * request, so a change holds on the next request on any instance. While the LISTEN connection is down nothing is
 * kept or used (fail closed: every request goes to the database), and after it is back everything
 * kept before is dropped, since notifications may have been missed. A context is kept at most
 * `maxAgeMs` and never past its session's expiry.
 */
export class SessionCache {
  private readonly kept = new Map<string, Kept>();
  /** Counts the drops: a lookup that started before one must not keep what it read. */
  private generation = 0;
  private readonly hub: ChannelHub<object>;
  private readonly echoes = new Set<() => void>();
  /** One round trip on the LISTEN connection per event-loop turn, shared by the lookups that found a kept context. */
  private readonly caughtUp: (key: true) => Promise<boolean>;

  constructor(
    databaseUrl: string,
    private readonly maxAgeMs = SESSION_CACHE_MAX_AGE_MS,
  ) {
    this.hub = new ChannelHub<object>(databaseUrl, 'session_change', () => 'all');
    this.hub.subscribe('all', () => this.forget());
    this.hub.onResync(() => this.forget());
    this.caughtUp = loopBatch(async (keys: readonly true[]) => {
      const listening = await this.hub.ping();
      return keys.map(() => listening);
    });
  }

  start = () => this.hub.start();
  close = () => this.hub.close();

  /** `load` behind the cache: a context is used only while this instance listens and no change came since it was read. */
  around(load: SessionLoad): SessionLoad {
    return async (tokenHash) => {
      const kept = this.kept.get(tokenHash);
      if (kept) {
        // Every change committed before this request arrived, on any instance, has been notified by
        // the time the round trip on the LISTEN connection returns: only then is what is kept trusted.
        // The round trip replaces the session statement on a pool connection, not the wait for one.
        const listening = await this.caughtUp(true);
        if (listening && this.kept.get(tokenHash) === kept && Date.now() < kept.until) return kept.context;
      }
      const generation = this.generation;
      const started = Date.now();
      const context = await load(tokenHash);
      if (context?.ctx && this.maxAgeMs > 0 && this.hub.isListening() && generation === this.generation) {
        if (this.kept.size >= MAX_ENTRIES) this.kept.clear();
        this.kept.set(tokenHash, { context, until: Math.min(started + this.maxAgeMs, context.expiresAt.getTime()) });
      }
      return context;
    };
  }

  /**
   * Runs a change to sessions, roles or memberships and waits until this instance has heard a
   * notification since it began (or a second has passed): the change is answered only after this
   * instance dropped what it kept, and the database sends its notification to all instances at once.
   */
  async afterChange<T>(change: () => Promise<T>): Promise<T> {
    let heard: () => void = () => undefined;
    const echo = new Promise<void>((resolve) => {
      heard = resolve;
      setTimeout(resolve, ECHO_WAIT_MS).unref();
    });
    this.echoes.add(heard);
    try {
      const result = await change();
      // Nothing is kept while not listening, so there is nothing to wait for.
      if (this.hub.isListening()) await echo;
      return result;
    } finally {
      this.echoes.delete(heard);
      this.forget();
    }
  }

  private forget(): void {
    this.generation++;
    this.kept.clear();
    for (const heard of this.echoes) heard();
  }
}

const perDatabase = new WeakMap<Db, SessionCache>();

/** Registers the cache of the app that uses `db`, for afterSessionChange. */
export const registerSessionCache = (db: Db, cache: SessionCache) => perDatabase.set(db, cache);

/**
 * A change to sessions, roles or alliance memberships made through `db`: answered only once the app's
 * session cache has dropped what it kept (see SessionCache.afterChange); without an app, just the change.
 */
export function afterSessionChange<T>(db: Db, change: () => Promise<T>): Promise<T> {
  const cache = perDatabase.get(db);
  return cache ? cache.afterChange(change) : change();
}
