import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import { FileExcelOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { actionLabel, entityTypeLabel } from '../../app/labels';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { AuditFilters } from './AuditFilters';
import type { AuditFilterValues } from './AuditFilters';
import { AUDIT_EXPORT_MAX, auditXlsxUrl, listAudit, verifyAudit } from './audit.api';
import type { AuditEntry, AuditVerification } from './audit.api';
import { fromWall } from '../../app/wall-time';
import { rangeField, textField, useListState } from '../../app/list-state';

function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined;
}

function Json({ value, empty }: { value: unknown; empty: string }) {
  if (!hasValue(value)) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

const FILTERS = {
  actor: textField,
  action: textField,
  entityType: textField,
  entityId: textField,
  range: rangeField,
  q: textField,
};

export default function AuditPage() {
  const { t, lang } = useI18n();
  const notifyError = useNotifyError();
  const { filters, setFilters, page, setPage, formKey } = useListState<AuditFilterValues>(FILTERS);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);

  // One query for the list and its export: the .xlsx holds exactly what the page filters.
  const query = useMemo(
    () => ({
      actor: filters.actor?.trim() || undefined,
      action: filters.action,
      entityType: filters.entityType,
      entityId: filters.entityId?.trim() || undefined,
      from: filters.range?.[0] ? fromWall(filters.range[0]) : undefined,
      to: filters.range?.[1] ? fromWall(filters.range[1]) : undefined,
      q: filters.q?.trim() || undefined,
    }),
    [filters],
  );
  const load = useCallback(
    (signal: AbortSignal) =>
      listAudit({ ...query, page: page.page, pageSize: page.pageSize }, signal),
    [query, page],
  );
  const { data, error, loading, reload } = useApi(load);
  const tooMany = (data?.total ?? 0) > AUDIT_EXPORT_MAX;

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await verifyAudit());
    } catch (cause) {
      notifyError(cause);
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: 150,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      key: 'actor',
      width: 150,
      render: (name: string | null) => name ?? t('audit.system'),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: 130,
      render: (action: string) => (
        <Tag color={action.includes('fail') || action.endsWith('.delete') ? 'red' : 'blue'}>
          {actionLabel(t, action)}
        </Tag>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 120,
      render: (_value, entry) =>
        entry.entityId
          ? `${entityTypeLabel(t, entry.entityType)} #${entry.entityId}`
          : entityTypeLabel(t, entry.entityType),
    },
    { title: t('audit.summary'), dataIndex: 'summary', key: 'summary' },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      key: 'ip',
      width: 130,
      render: (ip: string | null) => ip ?? '—',
    },
  ];

  const pagination: TablePaginationConfig = {
    current: page.page,
    pageSize: page.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100, 200],
    showTotal: (total) => t('common.total', { total: formatNumber(total, lang) }),
    onChange: (current, pageSize) =>
      setPage({ page: pageSize === page.pageSize ? current : 1, pageSize }),
  };

  const verificationText = verification
    ? verification.ok
      ? t('audit.verifyOk', { checked: formatNumber(verification.checked, lang) })
      : verification.brokenAt !== null
        ? t('audit.verifyBroken', {
            checked: formatNumber(verification.checked, lang),
            brokenAt: verification.brokenAt,
          })
        : t('audit.verifyFailed', { checked: formatNumber(verification.checked, lang) })
    : '';

  return (
    <Page
      title={t('audit.title')}
      extra={
        <Space wrap>
          <Tooltip title={tooMany ? undefined : t('audit.xlsxHint')}>
            <Button
              icon={<FileExcelOutlined />}
              href={tooMany ? undefined : auditXlsxUrl(query)}
              download
              disabled={tooMany || !data}
              data-testid="audit-xlsx"
            >
              {t('audit.xlsx')}
            </Button>
          </Tooltip>
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verifying}
            onClick={() => void verify()}
          >
            {t('audit.verify')}
          </Button>
        </Space>
      }
    >
      {tooMany && data ? (
        <Alert
          type="warning"
          showIcon
          title={t('audit.xlsxTooMany', {
            total: formatNumber(data.total, lang),
            max: formatNumber(AUDIT_EXPORT_MAX, lang),
          })}
          style={{ marginBottom: 16 }}
          data-testid="audit-xlsx-too-many"
        />
      ) : null}
      {verification ? (
        <Alert
          type={verification.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setVerification(null) }}
          title={verificationText}
          description={verification.ok ? undefined : verification.message}
          style={{ marginBottom: 16 }}
          data-testid="audit-verification"
        />
      ) : null}
      <AuditFilters key={formKey} values={filters} onSearch={setFilters} onRefresh={reload} />
      <Card>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            pagination={pagination}
            scroll={{ x: 960 }}
            locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
            expandable={{
              rowExpandable: (entry) => hasValue(entry.before) || hasValue(entry.after),
              expandedRowRender: (entry) => (
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Typography.Paragraph strong style={{ marginBottom: 4 }}>
                      {t('audit.before')}
                    </Typography.Paragraph>
                    <Json value={entry.before} empty={t('audit.noData')} />
                  </Col>
                  <Col xs={24} md={12}>
                    <Typography.Paragraph strong style={{ marginBottom: 4 }}>
                      {t('audit.after')}
                    </Typography.Paragraph>
                    <Json value={entry.after} empty={t('audit.noData')} />
                  </Col>
                </Row>
              ),
            }}
            data-testid="audit-table"
          />
        )}
      </Card>
    </Page>
  );
}
