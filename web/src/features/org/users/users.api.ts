import { api } from '../../../app/api';
import type { Page } from '../../../app/api';
import type { Role } from '../../../app/types';

export interface User {
  id: number;
  username: string;
  name: string;
  unitId: number | null;
  unitName: string | null;
  roles: Role[];
  phone: string | null;
  email: string | null;
  active: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserQuery {
  q?: string;
  unitId?: number;
  role?: Role;
  active?: boolean;
  page?: number;
  pageSize?: number;
}

export interface UserInput {
  username: string;
  name: string;
  unitId?: number | null;
  roles: Role[];
  phone?: string | null;
  email?: string | null;
  password?: string;
}

export interface UserPatch {
  name?: string;
  unitId?: number | null;
  roles?: Role[];
  phone?: string | null;
  email?: string | null;
  active?: boolean;
}

export function listUsers(query: UserQuery, signal?: AbortSignal): Promise<Page<User>> {
  return api<Page<User>>('/api/users', { query: { ...query }, signal });
}

export function createUser(
  input: UserInput,
): Promise<{ user: User; initialPassword: string | null }> {
  return api('/api/users', { method: 'POST', body: input });
}

export function updateUser(id: number, patch: UserPatch): Promise<User> {
  return api<User>(`/api/users/${id}`, { method: 'PATCH', body: patch });
}

export function resetPassword(id: number): Promise<{ initialPassword: string }> {
  return api(`/api/users/${id}/reset-password`, { method: 'POST', body: {} });
}

export function unlockUser(id: number): Promise<void> {
  return api<void>(`/api/users/${id}/unlock`, { method: 'POST' });
}
