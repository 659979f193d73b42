import { useCallback, useMemo, useState } from 'react';
import { App, Button, Empty, Grid } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { usePermission } from '../../../app/auth';
import { useI18n } from '../../../app/i18n/i18n';
import { Page } from '../../../app/Page';
import { ListTable } from '../../../app/ListTable';
import { useApi } from '../../../app/use-api';
import { CASE_STATES, listCases } from '../cases.api';
import type { CaseSummary } from '../cases.api';
import { useUnits } from '../use-units';
import { CaseFilters } from './CaseFilters';
import type { CaseFilterValues } from './CaseFilters';
import { useCaseColumns, type CaseSort } from './case-columns';
import { RegisterCaseModal } from './RegisterCaseModal';
import { useTablePagination } from '../../../app/pagination';
import { rangeFromParams, toLocalDate } from '../../stats/period';

const yesNo = (value: 'yes' | 'no' | undefined) =>
  value === undefined ? undefined : value === 'yes';

const flag = (value: string | null): 'yes' | 'no' | undefined =>
  value === 'true' ? 'yes' : value === 'false' ? 'no' : undefined;

/**
 * The filters live in the address (`/cases?unitId=3&overdue=true&assignedFrom=2026-11-01&…`), so that other pages (a
 * chart's bar, a notice's unit) can link to the rows behind them and a filtered list can be shared.
 */
function filtersFromParams(params: URLSearchParams): CaseFilterValues {
  const state = params.get('state');
  const unitId = Number(params.get('unitId'));
  return {
    q: params.get('q') ?? undefined,
    state: state === 'open' ? 'open' : CASE_STATES.find((s) => s === state),
    unitId: Number.isInteger(unitId) && unitId > 0 ? unitId : undefined,
    overdue: flag(params.get('overdue')),
    urgent: flag(params.get('urgent')),
    assigned:
      rangeFromParams(
        new URLSearchParams({
          from: params.get('assignedFrom') ?? '',
          to: params.get('assignedTo') ?? '',
        }),
      ) ?? undefined,
  };
}

function paramsFromFilters(values: CaseFilterValues): Record<string, string> {
  const params: Record<string, string> = {};
  if (values.q?.trim()) params.q = values.q.trim();
  if (values.state) params.state = values.state;
  if (values.unitId) params.unitId = String(values.unitId);
  if (values.overdue) params.overdue = String(values.overdue === 'yes');
  if (values.urgent) params.urgent = String(values.urgent === 'yes');
  if (values.assigned) {
    params.assignedFrom = toLocalDate(values.assigned[0]);
    params.assignedTo = toLocalDate(values.assigned[1]);
  }
  return params;
}

/** 办件管理: every case this user may see, newest first. */
export default function CasesPage() {
  const { t } = useI18n();
  const has = usePermission();
  const canRegister = has('cases.register');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(searchParams), [searchParams]);
  const sortParam = searchParams.get('sort');
  const sort: CaseSort | undefined =
    sortParam === 'replyDue' || sortParam === 'handlingDue' ? sortParam : undefined;
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [registering, setRegistering] = useState(false);
  const { units } = useUnits();
  // A phone shows one card-like column that wraps; wider screens scroll the full table.
  const wide = Boolean(Grid.useBreakpoint().sm);

  const load = useCallback(
    (signal: AbortSignal) =>
      listCases(
        {
          q: filters.q?.trim() || undefined,
          state: filters.state === 'open' ? undefined : filters.state,
          open: filters.state === 'open' ? true : undefined,
          unitId: filters.unitId ?? undefined,
          overdue: yesNo(filters.overdue),
          urgent: yesNo(filters.urgent),
          assignedFrom: filters.assigned ? toLocalDate(filters.assigned[0]) : undefined,
          assignedTo: filters.assigned ? toLocalDate(filters.assigned[1]) : undefined,
          sort,
          page: page.page,
          pageSize: page.pageSize,
        },
        signal,
      ),
    [filters, sort, page],
  );
  const { data, error, loading, reload } = useApi(load);
  const columns = useCaseColumns(sort);
  const onSort = (key: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (key === 'replyDue' || key === 'handlingDue') next.set('sort', key);
    else next.delete('sort');
    setSearchParams(next);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const filtered = Object.values(filters).some((v) => v !== undefined && v !== null && v !== '');
  const emptyText = filtered
    ? t('cases.noMatch')
    : canRegister
      ? t('cases.emptyMonitor')
      : has('cases.handle')
        ? t('cases.emptyLiaison')
        : t('cases.empty');

  const pagination = useTablePagination(page, setPage, data?.total ?? 0);

  return (
    <Page
      title={t('cases.title')}
      extra={
        canRegister ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            {t('cases.register')}
          </Button>
        ) : null
      }
    >
      <CaseFilters
        // A new address (a link, back, 重置) starts the form again from it.
        key={searchParams.toString()}
        initial={filters}
        units={units}
        onSearch={(values) => {
          setSearchParams({ ...paramsFromFilters(values), ...(sort ? { sort } : {}) });
          setPage((p) => ({ ...p, page: 1 }));
        }}
        onRefresh={reload}
      />
      <ListTable<CaseSummary>
        items={data?.items}
        error={error}
        loading={loading}
        onRetry={reload}
        columns={columns}
        pagination={pagination}
        wide={wide}
        rowHref={(c) => `/cases/${c.id}`}
        onSort={onSort}
        empty={
          <Empty description={emptyText}>
            {canRegister && !filtered ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                {t('cases.register')}
              </Button>
            ) : null}
          </Empty>
        }
        testId="cases-table"
      />
      {registering ? (
        <RegisterCaseModal
          onClose={() => setRegistering(false)}
          onRegistered={(detail) => {
            setRegistering(false);
            void message.success(t('cases.registered', { id: detail.id }));
            void navigate(`/cases/${detail.id}`);
          }}
        />
      ) : null}
    </Page>
  );
}
