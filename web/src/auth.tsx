/**
 * Who is signed in, and what they may do. Permissions come from GET /api/v1/auth/session exactly as
 * the server computed them; the UI never re-derives them from role names.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, onUnauthenticated, setCsrfToken } from './api';
import type { Me, Permission } from './types';

/** Any of these opens the admin console (calendar.read alone does not: every account has it). */
export const CONSOLE_PERMISSIONS: readonly Permission[] = [
  'verification.list', 'department.create', 'department.update', 'user.list', 'audit.read', 'alert.read', 'calendar.manage',
  'catalog.console', 'catalog.review', 'licence.manage', 'pledge.manage', 'workflow.tasks', 'harvest.manage',
];

interface AuthValue {
  user: Me | null;
  /** True until the first GET /api/v1/auth/session has answered. */
  loading: boolean;
  login: (account: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  setUser: (user: Me) => void;
  can: (permission: Permission) => boolean;
  canAny: (permissions: readonly Permission[]) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const setUser = useCallback((me: Me) => {
    if (me.csrfToken) setCsrfToken(me.csrfToken);
    setUserState(me);
  }, []);

  const refresh = useCallback(async () => {
    // The session endpoint answers a visitor with { user: null }, not a 401 (logged in red by the browser).
    const { user: me } = await api.get<{ user: Me | null }>('/api/v1/auth/session');
    if (me) return setUser(me);
    setCsrfToken(null);
    setUserState(null);
  }, [setUser]);

  useEffect(() => {
    refresh().catch(() => setUserState(null)).finally(() => setLoading(false));
  }, [refresh]);

  // A session that ended on the server ends here too; guarded pages then ask to sign in again.
  useEffect(() => {
    onUnauthenticated(() => {
      setCsrfToken(null);
      setUserState(null);
    });
    return () => onUnauthenticated(null);
  }, []);

  const login = useCallback(async (account: string, password: string) => {
    const res = await api.post<{ user: Me; csrfToken: string }>('/api/v1/auth/login', { account, password });
    setCsrfToken(res.csrfToken);
    setUserState(res.user);
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout');
    } finally {
      setCsrfToken(null);
      setUserState(null);
    }
  }, []);

  const value = useMemo<AuthValue>(() => {
    const can = (permission: Permission) => Boolean(user?.permissions.includes(permission));
    return { user, loading, login, logout, refresh, setUser, can, canAny: (list) => list.some(can) };
  }, [user, loading, login, logout, refresh, setUser]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
