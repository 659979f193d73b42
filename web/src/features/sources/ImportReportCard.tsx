import { useState } from 'react';
import { Alert, Button, Empty, Flex, Switch, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { formatNumber } from '../../app/format';
import { colon, useI18n } from '../../app/i18n/i18n';
import type { ImportResult, ImportRow, RowOutcome } from './sources.api';

const OUTCOME_COLORS: Record<RowOutcome, string> = {
  new: 'green',
  nearDuplicate: 'blue',
  duplicateUrl: 'orange',
  duplicateText: 'orange',
  error: 'red',
};

/** The import's totals and every row's outcome, filterable to the rows with a problem. */
export function ImportReportCard({
  result,
  onAgain,
}: {
  result: ImportResult;
  onAgain: () => void;
}) {
  const { t, lang } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  const problems = result.rows.filter((r) => r.outcome !== 'new');
  const [onlyProblems, setOnlyProblems] = useState(problems.length > 0);
  const { totals } = result;
  const rows = onlyProblems ? problems : result.rows;

  return (
    <Flex vertical gap={16} data-testid="import-report">
      <Alert
        type={totals.error > 0 ? 'warning' : 'success'}
        showIcon
        title={`${result.sourceName}${colon()}${t('sources.import.totals', {
          rows: n(totals.rows),
          new: n(totals.new),
          near: n(totals.nearDuplicate),
          dup: n(totals.duplicateUrl + totals.duplicateText),
          error: n(totals.error),
        })}`}
        action={
          <Button icon={<ReloadOutlined />} onClick={onAgain}>
            {t('sources.import.again')}
          </Button>
        }
      />
      <Flex align="center" gap={8}>
        <Switch checked={onlyProblems} onChange={setOnlyProblems} size="small" />
        <Typography.Text>{t('sources.import.onlyProblems')}</Typography.Text>
      </Flex>
      <Table<ImportRow>
        rowKey="row"
        size="small"
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{
          emptyText: (
            <Empty description={onlyProblems ? t('sources.import.noProblems') : undefined} />
          ),
        }}
        columns={[
          { title: t('sources.import.row'), dataIndex: 'row', width: 80 },
          {
            title: t('sources.import.outcome'),
            dataIndex: 'outcome',
            width: 110,
            render: (v: RowOutcome) => (
              <Tag color={OUTCOME_COLORS[v]}>{t(`sources.outcome.${v}`)}</Tag>
            ),
          },
          {
            title: t('sources.col.title'),
            dataIndex: 'title',
            render: (v: string) => (
              <Typography.Text style={{ maxWidth: 300 }} ellipsis={{ tooltip: v }}>
                {v || '—'}
              </Typography.Text>
            ),
          },
          {
            title: t('sources.import.message'),
            dataIndex: 'message',
            render: (v: string, r) => (
              <Typography.Text type={r.outcome === 'error' ? 'danger' : undefined}>
                {v}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Flex>
  );
}
