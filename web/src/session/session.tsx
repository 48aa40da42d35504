import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, get, post, SIGNED_OUT_EVENT } from '../api/client.js';
import type { Me, Role } from '../api/types.js';
import { setDisplayTimeZone } from '../i18n/format.js';
import { wipeDevice } from '../pages/nurse/device-cache.js';

export type SessionStatus = { status: 'loading' } | { status: 'anonymous' } | { status: 'setup'; me: Me } | { status: 'ready'; me: Me } | { status: 'error'; error: ApiError };

interface SessionApi {
  session: SessionStatus;
  refresh: () => Promise<void>;
  logout: (everywhere?: boolean) => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionStatus>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await get<Me>('/api/auth/me');
      setDisplayTimeZone(me.timeZone);
      setSession(me.secondFactorDone ? { status: 'ready', me } : { status: 'setup', me });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setSession({ status: 'anonymous' });
      else setSession({ status: 'error', error: error instanceof ApiError ? error : new ApiError(0, 'NETWORK', String(error)) });
    }
  }, []);

  const logout = useCallback(async (everywhere = false) => {
    try {
      await post(everywhere ? '/api/auth/logout-everywhere' : '/api/auth/logout');
    } finally {
      // What the nurse app kept on this device goes with the session (its key is gone on the server too).
      await wipeDevice().catch(() => undefined);
      setSession({ status: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    void refresh();
    const signedOut = () => setSession({ status: 'anonymous' });
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, [refresh]);

  const value = useMemo(() => ({ session, refresh, logout }), [session, refresh, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user, for pages that render only inside the logged-in shell. */
export function useMe(): Me {
  const { session } = useSession();
  if (session.status !== 'ready' && session.status !== 'setup') throw new Error('useMe without a session');
  return session.me;
}

export function activeRoles(me: Me): Role[] {
  return me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.roles ?? [];
}

export function useRoles(): Role[] {
  return activeRoles(useMe());
}

export const hasAnyRole = (roles: Role[], wanted: readonly Role[]) => roles.some((r) => wanted.includes(r));
