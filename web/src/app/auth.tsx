import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from './api';
import type { Me, Permission, Session } from './types';

export type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason?: 'expired' | 'password-changed' | 'logout' }
  | { status: 'error'; error: unknown }
  | { status: 'authenticated'; me: Me };

interface AuthValue {
  state: AuthState;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** Refetches /api/auth/me (after a password change, or to retry after a network error). */
  refresh: () => Promise<void>;
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

function accept(session: Session): Me {
  setCsrfToken(session.csrfToken);
  return session.user;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const session = await api<Session>('/api/auth/me', { allowUnauthorized: true });
      setState({ status: 'authenticated', me: accept(session) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        setState({ status: 'anonymous' });
      } else {
        setState({ status: 'error', error });
      }
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState((previous) =>
        previous.status === 'authenticated' ? { status: 'anonymous', reason: 'expired' } : previous,
      );
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const session = await api<Session>('/api/auth/login', {
      method: 'POST',
      body: { username, password },
      allowUnauthorized: true,
    });
    const me = accept(session);
    setState({ status: 'authenticated', me });
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api<void>('/api/auth/logout', { method: 'POST', allowUnauthorized: true });
    } finally {
      setCsrfToken(null);
      setState({ status: 'anonymous', reason: 'logout' });
    }
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    await api<void>('/api/auth/password', {
      method: 'POST',
      body: { currentPassword, newPassword },
    });
    // The server may keep the session (then /me says mustChangePassword: false) or end it.
    try {
      const session = await api<Session>('/api/auth/me', { allowUnauthorized: true });
      setState({ status: 'authenticated', me: accept(session) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        setState({ status: 'anonymous', reason: 'password-changed' });
        return;
      }
      throw error;
    }
  }, []);

  const value = useMemo<AuthValue>(
    () => ({ state, login, logout, refresh, changePassword }),
    [state, login, logout, refresh, changePassword],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for components rendered behind the login guard. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useMe without a signed-in user');
  return state.me;
}

export function usePermission(): (permission: Permission) => boolean {
  const me = useMe();
  return useCallback((permission: Permission) => me.permissions.includes(permission), [me]);
}
