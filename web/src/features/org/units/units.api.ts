import { api } from '../../../app/api';

export const UNIT_TYPES = ['department', 'community', 'higher'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export interface Unit {
  id: number;
  parentId: number | null;
  name: string;
  type: UnitType;
  liaisonUserId: number | null;
  liaisonName: string | null;
  phone: string | null;
  sortOrder: number;
  active: boolean;
  userCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface UnitInput {
  name: string;
  type: UnitType;
  parentId?: number | null;
  liaisonUserId?: number | null;
  phone?: string | null;
  sortOrder?: number;
}

export type UnitPatch = Partial<UnitInput> & { active?: boolean };

export async function listUnits(signal?: AbortSignal): Promise<Unit[]> {
  const { items } = await api<{ items: Unit[] }>('/api/units', { signal });
  return items;
}

export function createUnit(input: UnitInput): Promise<Unit> {
  return api<Unit>('/api/units', { method: 'POST', body: input });
}

export function updateUnit(id: number, patch: UnitPatch): Promise<Unit> {
  return api<Unit>(`/api/units/${id}`, { method: 'PATCH', body: patch });
}

export function deleteUnit(id: number): Promise<void> {
  return api<void>(`/api/units/${id}`, { method: 'DELETE' });
}
