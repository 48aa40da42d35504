import type { Db } from '../db/index.js';
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
 * each time. Kept only while the instance listens on `session_change`, which the database raises on
 * commit of any change to sessions, roles, alliance memberships or users' names (migration 0046):
 * then everything kept is dropped, on every instance. While the LISTEN connection is down nothing is
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

  constructor(
    databaseUrl: string,
    private readonly maxAgeMs = SESSION_CACHE_MAX_AGE_MS,
  ) {
    this.hub = new ChannelHub<object>(databaseUrl, 'session_change', () => 'all');
    this.hub.subscribe('all', () => this.forget());
    this.hub.onResync(() => this.forget());
  }

  start = () => this.hub.start();
  close = () => this.hub.close();

  /** `load` behind the cache: a context is used only while this instance listens and no change came since it was read. */
  around(load: SessionLoad): SessionLoad {
    return async (tokenHash) => {
      const kept = this.kept.get(tokenHash);
      if (kept) {
        // A notification that arrived together with this request is handled in the same poll phase of
        // the event loop: wait for that phase to end before trusting what is kept.
        await new Promise((resolve) => setImmediate(resolve));
        if (this.kept.get(tokenHash) === kept && Date.now() < kept.until && this.hub.isListening()) return kept.context;
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
