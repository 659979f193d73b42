import { useCallback, useEffect, useState } from 'react';
import { isAbort } from '../../../app/api';
import { getCase } from '../cases.api';
import type { CaseDetail } from '../cases.api';

export interface CaseState {
  detail: CaseDetail | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Every act answers the case as it now stands: show that without asking again. */
  replace: (detail: CaseDetail) => void;
}

export function useCase(id: number | null): CaseState {
  const [detail, setDetail] = useState<CaseDetail | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (id === null) return;
    const controller = new AbortController();
    setLoading(true);
    getCase(id, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setDetail(result);
        setError(undefined);
        setLoading(false);
      },
      (cause: unknown) => {
        if (controller.signal.aborted || isAbort(cause)) return;
        setError(cause);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [id, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const replace = useCallback((next: CaseDetail) => {
    setDetail(next);
    setError(undefined);
  }, []);
  // While another case loads, never show the previous one under the new address.
  return { detail: detail?.id === id ? detail : undefined, error, loading, reload, replace };
}
