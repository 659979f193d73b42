import { api, buildQuery } from '../../app/api';

export interface TransferFilters {
  from: string;
  to: string;
  q?: string | undefined;
  unitId?: number | undefined;
}

/** How many archived cases the period's export holds, and the most one export may hold. */
export function countTransfer(
  filters: TransferFilters,
  signal?: AbortSignal,
): Promise<{ count: number; limit: number }> {
  return api(`/api/cases/archive-transfer${buildQuery({ ...filters })}`, signal ? { signal } : {});
}

/** The .zip itself: a plain link, so the browser streams it to disk and shows its progress. */
export const transferUrl = (filters: TransferFilters): string =>
  `/api/cases/archive-transfer.zip${buildQuery({ ...filters })}`;
