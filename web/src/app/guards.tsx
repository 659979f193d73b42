import type { ReactNode } from 'react';
import { Flex, Spin } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import { ForcedPasswordPage } from '../features/auth/ForcedPasswordPage';
import { useAuth, usePermission } from './auth';
import { AppLayout } from './layout/AppLayout';
import { Forbidden, LoadError } from './results';
import type { Permission } from './types';

export interface LoginLocationState {
  from?: string;
  reason?: 'expired' | 'password-changed';
}

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Everything but /login: the frame for a signed-in user, or the way to sign in. */
export function RequireAuth() {
  const { state, refresh } = useAuth();
  const location = useLocation();
  switch (state.status) {
    case 'loading':
      return <FullPageSpin />;
    case 'error':
      return (
        <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
          <LoadError error={state.error} onRetry={() => void refresh()} />
        </Flex>
      );
    case 'anonymous': {
      // After signing out, the next user starts at the dashboard, not at the last user's page.
      const loginState: LoginLocationState =
        state.reason === 'logout'
          ? {}
          : { from: location.pathname + location.search, reason: state.reason };
      return <Navigate to="/login" replace state={loginState} />;
    }
    case 'authenticated':
      // A user who must change the password sees nothing else until they have.
      return state.me.mustChangePassword ? <ForcedPasswordPage /> : <AppLayout />;
  }
}

export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children: ReactNode;
}) {
  const has = usePermission();
  return has(permission) ? children : <Forbidden />;
}
