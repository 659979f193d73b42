import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';

/** How one filter field is written in the address and read back (undefined: not set). */
export interface FieldCodec<T> {
  toParam(value: T): string | undefined;
  fromParam(param: string): T | undefined;
}

export const textField: FieldCodec<string> = {
  toParam: (v) => v.trim() || undefined,
  fromParam: (s) => s || undefined,
};

export const intField: FieldCodec<number> = {
  toParam: (v) => String(v),
  fromParam: (s) => (/^\d+$/.test(s) ? Number(s) : undefined),
};

export const boolField: FieldCodec<boolean> = {
  toParam: (v) => String(v),
  fromParam: (s) => (s === 'true' ? true : s === 'false' ? false : undefined),
};

export function oneOfField<T extends string>(values: readonly T[]): FieldCodec<T> {
  return {
    toParam: (v) => v,
    fromParam: (s) => values.find((v) => v === s),
  };
}

/**
 * A picked range of wall-clock times (the pickers show Beijing time, wall-time.ts) as two
 * `YYYY-MM-DDTHH:mm` joined by `~`; either side may be open.
 */
const WALL = 'YYYY-MM-DDTHH:mm';
export const rangeField: FieldCodec<[Dayjs | null, Dayjs | null]> = {
  toParam: ([from, to]) =>
    from || to ? `${from?.format(WALL) ?? ''}~${to?.format(WALL) ?? ''}` : undefined,
  fromParam: (s) => {
    const [a = '', b = ''] = s.split('~');
    const read = (x: string) => (x && dayjs(x).isValid() ? dayjs(x) : null);
    const range: [Dayjs | null, Dayjs | null] = [read(a), read(b)];
    return range[0] || range[1] ? range : undefined;
  },
};

type Codecs<F> = { [K in keyof F]-?: FieldCodec<NonNullable<F[K]>> };

const PAGE_SIZES = [10, 20, 50, 100];

/**
 * A list's filters and page kept in the address, as 舆情信息 and 办件列表 keep theirs: a reload, the
 * Back button and a shared link all show the same page of the same query.
 */
export function useListState<F extends object>(codecs: Codecs<F>) {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const filters = useMemo(() => {
    const read = new URLSearchParams(key);
    const out: Partial<Record<keyof F, unknown>> = {};
    for (const name of Object.keys(codecs) as (keyof F)[]) {
      const raw = read.get(String(name));
      const value = raw === null ? undefined : codecs[name].fromParam(raw);
      if (value !== undefined) out[name] = value;
    }
    return out as F;
    // The codecs are module constants at every call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const page = useMemo(() => {
    const read = new URLSearchParams(key);
    const n = Number(read.get('page'));
    const size = Number(read.get('pageSize'));
    return {
      page: Number.isInteger(n) && n > 1 ? n : 1,
      pageSize: PAGE_SIZES.includes(size) ? size : 20,
    };
  }, [key]);

  const setFilters = useCallback(
    (next: F) => {
      const out = new URLSearchParams();
      for (const name of Object.keys(codecs) as (keyof F)[]) {
        const value = next[name];
        if (value === undefined || value === null) continue;
        const param = codecs[name].toParam(value);
        if (param !== undefined) out.set(String(name), param);
      }
      if (page.pageSize !== 20) out.set('pageSize', String(page.pageSize));
      setParams(out);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [setParams, page.pageSize],
  );
  const setPage = useCallback(
    (next: { page: number; pageSize: number }) => {
      const out = new URLSearchParams(key);
      if (next.page > 1) out.set('page', String(next.page));
      else out.delete('page');
      if (next.pageSize !== 20) out.set('pageSize', String(next.pageSize));
      else out.delete('pageSize');
      setParams(out);
    },
    [key, setParams],
  );
  return { filters, setFilters, page, setPage, formKey: key };
}
