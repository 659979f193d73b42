import { api } from '../../../app/api';

export interface Member {
  userId: number;
  name: string;
  unitName: string | null;
}

export interface WorkingGroup {
  orgName: string | null;
  leaders: Member[];
  deputies: Member[];
  units: { unitId: number; name: string }[];
}

export interface WorkingGroupInput {
  leaderIds: number[];
  deputyIds: number[];
  unitIds: number[];
  orgName?: string;
}

export function getWorkingGroup(signal?: AbortSignal): Promise<WorkingGroup> {
  return api<WorkingGroup>('/api/working-group', { signal });
}

export function saveWorkingGroup(input: WorkingGroupInput): Promise<WorkingGroup> {
  return api<WorkingGroup>('/api/working-group', { method: 'PUT', body: input });
}
