import { useCallback, useMemo, useState } from 'react';
import { Button, Card, DatePicker, Flex, Radio, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, FileExcelOutlined, SettingOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { usePermission } from '../../app/auth';
import { Page } from '../../app/Page';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { wallNow } from '../../app/wall-time';
import { getRanking, rankingXlsxUrl } from './info-reports.api';
import type { RankingRow } from './info-reports.api';
import { useInfoText } from './info-text';
import { QuotaModal } from './QuotaModal';
import { LinkButton } from '../../app/LinkButton';

/** 报送排名: per unit and per person for a month or a year, with the assessment sheet. */
export default function InfoRankingPage() {
  const text = useInfoText();
  const has = usePermission();
  const [mode, setMode] = useState<'month' | 'year'>('month');
  const [date, setDate] = useState<Dayjs>(wallNow);
  const [quotaOpen, setQuotaOpen] = useState(false);
  const period = date.format(mode === 'month' ? 'YYYY-MM' : 'YYYY');
  const load = useCallback((signal: AbortSignal) => getRanking(period, signal), [period]);
  const { data, error, loading, reload } = useApi(load);
  const unitRows = useMemo(() => data?.units ?? [], [data]);

  const columns = (person: boolean): TableColumnsType<RankingRow> => [
    { title: text('rank'), dataIndex: 'rank', key: 'rank', width: 64 },
    { title: text('name'), dataIndex: 'name', key: 'name' },
    ...(person
      ? [
          {
            title: text('unit'),
            key: 'unit',
            render: (_v: unknown, r: RankingRow) => r.unitName ?? '—',
          },
        ]
      : []),
    { title: text('submitted'), dataIndex: 'submitted', key: 'submitted', width: 72 },
    { title: text('adopted'), dataIndex: 'adopted', key: 'adopted', width: 72 },
    { title: text('instructions'), dataIndex: 'instructions', key: 'instructions', width: 72 },
    {
      title: text('quota'),
      key: 'quota',
      width: 80,
      render: (_v, r) => r.quota ?? '—',
    },
    {
      title: text('completion'),
      key: 'completion',
      width: 90,
      render: (_v, r) => (r.completion === null ? '—' : `${(r.completion * 100).toFixed(1)}%`),
    },
    { title: text('score'), dataIndex: 'score', key: 'score', width: 72 },
  ];

  return (
    <Page
      title={text('ranking')}
      extra={
        <>
          <LinkButton to="/info-briefs" icon={<ArrowLeftOutlined />}>
            {text('back')}
          </LinkButton>
          {has('info.manage') && mode === 'month' ? (
            <Button icon={<SettingOutlined />} onClick={() => setQuotaOpen(true)}>
              {text('setQuota')}
            </Button>
          ) : null}
          <Typography.Link href={rankingXlsxUrl(period)} download>
            <Button icon={<FileExcelOutlined />} data-testid="ranking-xlsx">
              {text('xlsx')}
            </Button>
          </Typography.Link>
        </>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Radio.Group
          value={mode}
          optionType="button"
          onChange={(e) => setMode(e.target.value as 'month' | 'year')}
          options={[
            { value: 'month', label: text('month') },
            { value: 'year', label: text('year') },
          ]}
        />
        <DatePicker
          picker={mode}
          value={date}
          allowClear={false}
          onChange={(d: Dayjs | null) => d && setDate(d)}
        />
        <Typography.Text type="secondary">{text('scoreRule')}</Typography.Text>
      </Flex>
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Flex vertical gap={16}>
          <Card title={text('byUnit')} styles={{ body: { padding: 0 } }}>
            <Table<RankingRow>
              rowKey="id"
              size="small"
              loading={loading}
              columns={columns(false)}
              dataSource={data?.units ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="ranking-units"
            />
          </Card>
          <Card title={text('byPerson')} styles={{ body: { padding: 0 } }}>
            <Table<RankingRow>
              rowKey="id"
              size="small"
              loading={loading}
              columns={columns(true)}
              dataSource={data?.people ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="ranking-people"
            />
          </Card>
        </Flex>
      )}
      <QuotaModal
        month={period}
        open={quotaOpen}
        current={unitRows}
        onClose={() => setQuotaOpen(false)}
        onSaved={() => {
          setQuotaOpen(false);
          reload();
        }}
      />
    </Page>
  );
}
