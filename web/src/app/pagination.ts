import type { TablePaginationConfig } from 'antd';
import { formatNumber } from './format';
import { useI18n } from './i18n/i18n';

export interface PageState {
  page: number;
  pageSize: number;
}

/** A list's pagination: sizes 10–100, the total in words, a new size starting at page one. */
export function useTablePagination(
  page: PageState,
  setPage: (next: PageState) => void,
  total: number,
): TablePaginationConfig {
  const { t, lang } = useI18n();
  return {
    current: page.page,
    pageSize: page.pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (n) => t('common.total', { total: formatNumber(n, lang) }),
    onChange: (current, pageSize) =>
      setPage({ page: pageSize === page.pageSize ? current : 1, pageSize }),
  };
}
