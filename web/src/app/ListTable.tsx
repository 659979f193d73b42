import type { ReactNode } from 'react';
import { Card, Table } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import { useNavigate } from 'react-router-dom';
import { LoadError } from './results';

/**
 * The table of a list page (DESIGN §9): a load error with retry instead of an empty table,
 * server-side pagination, a row that opens its page, and an empty state that says what to do.
 */
export function ListTable<T extends { id: number }>({
  items,
  error,
  loading,
  onRetry,
  columns,
  pagination,
  wide,
  rowHref,
  empty,
  testId,
  onSort,
}: {
  items: T[] | undefined;
  error: unknown;
  loading: boolean;
  onRetry: () => void;
  columns: TableColumnsType<T>;
  pagination: TablePaginationConfig;
  wide: boolean;
  rowHref: (row: T) => string;
  empty: ReactNode;
  testId: string;
  /** Server-side sorting: the key of the column sorted by, or null for the default order. */
  onSort?: (columnKey: string | null) => void;
}) {
  const navigate = useNavigate();
  return (
    <Card styles={{ body: { padding: 0 } }}>
      {error && !items ? (
        <LoadError error={error} onRetry={onRetry} />
      ) : (
        <Table<T>
          rowKey="id"
          columns={columns}
          dataSource={items ?? []}
          loading={loading}
          pagination={{ ...pagination, style: { marginInline: 16 } }}
          scroll={wide ? { x: 'max-content' } : undefined}
          size="middle"
          onRow={(row) => ({
            onClick: () => void navigate(rowHref(row)),
            style: { cursor: 'pointer' },
          })}
          onChange={(_pagination, _filters, sorter, extra) => {
            if (extra.action !== 'sort' || !onSort) return;
            const by = Array.isArray(sorter) ? sorter[0] : sorter;
            onSort(by?.order && by.columnKey !== undefined ? String(by.columnKey) : null);
          }}
          locale={{ emptyText: empty }}
          data-testid={testId}
        />
      )}
    </Card>
  );
}
