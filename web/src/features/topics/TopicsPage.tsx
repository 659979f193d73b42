import { useCallback, useMemo, useState } from 'react';
import { DatePicker, Empty, Form, Select, Space, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { ListTable } from '../../app/ListTable';
import { Page } from '../../app/Page';
import { useTablePagination } from '../../app/pagination';
import { QueryForm, queryItem } from '../../app/QueryForm';
import { useApi } from '../../app/use-api';
import { wallDayRange } from '../../app/wall-time';
import { useTopicText } from './topic-text';
import { listTopics, type TopicQuery, type TopicSummary } from './topics.api';
import { BurstTag, KeywordTags } from './TopicTags';

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  burst?: 'true';
  minSize?: number;
}

const DEFAULT_MIN_SIZE = 2;
const MIN_SIZES = [1, 2, 5, 10, 20];

function toQuery(values: FilterValues): Omit<TopicQuery, 'page' | 'pageSize'> {
  const [start, end] = values.range ?? [null, null];
  return {
    ...wallDayRange(start, end),
    burst: values.burst,
    minSize: values.minSize ?? DEFAULT_MIN_SIZE,
  };
}

/** 热点话题: posts on one matter grouped as they arrive, hottest now first. */
export default function TopicsPage() {
  const { lang } = useI18n();
  const text = useTopicText();
  const [filters, setFilters] = useState(() => toQuery({}));
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const load = useCallback(
    (signal: AbortSignal) => listTopics({ ...filters, ...page }, signal),
    [filters, page],
  );
  const { data, error, loading, reload } = useApi(load);
  const pagination = useTablePagination(page, setPage, data?.total ?? 0);

  const columns = useMemo<TableColumnsType<TopicSummary>>(
    () => [
      {
        title: text('topic'),
        dataIndex: 'label',
        render: (label: string, row) => (
          <Space size={4} wrap>
            <Typography.Text strong>{label}</Typography.Text>
            <BurstTag burstAt={row.burstAt} burstRatio={row.burstRatio} text={text} />
          </Space>
        ),
      },
      {
        title: text('keywords'),
        dataIndex: 'keywords',
        width: 260,
        render: (keywords: string[]) => <KeywordTags keywords={keywords} />,
      },
      {
        title: text('size'),
        dataIndex: 'size',
        width: 80,
        align: 'right',
        render: (n: number) => formatNumber(n, lang),
      },
      {
        title: text('likes'),
        dataIndex: 'likes',
        width: 80,
        align: 'right',
        render: (n: number) => formatNumber(n, lang),
      },
      {
        title: (
          <Tooltip title={text('heatHint')}>
            <Space size={4}>
              {text('heat')}
              <QuestionCircleOutlined />
            </Space>
          </Tooltip>
        ),
        dataIndex: 'heat',
        width: 90,
        align: 'right',
        render: (heat: number) => heat.toFixed(1),
      },
      {
        title: text('lastAt'),
        dataIndex: 'lastAt',
        width: 150,
        render: (at: string) => formatDateTime(at),
      },
    ],
    [lang, text],
  );

  return (
    <Page title={text('title')}>
      <QueryForm<FilterValues>
        name="topics"
        onSearch={(values) => {
          setFilters(toQuery(values));
          setPage((p) => ({ ...p, page: 1 }));
        }}
        onRefresh={reload}
      >
        {(showAll) => (
          <>
            <Form.Item name="range" label={text('range')} {...queryItem}>
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="burst" label={text('burstFilter')} hidden={!showAll} {...queryItem}>
              <Select
                allowClear
                placeholder={text('burstAll')}
                style={{ width: 130 }}
                options={[{ value: 'true', label: text('burstOnly') }]}
              />
            </Form.Item>
            <Form.Item
              name="minSize"
              label={text('minSize')}
              initialValue={DEFAULT_MIN_SIZE}
              hidden={!showAll}
              {...queryItem}
            >
              <Select
                style={{ width: 120 }}
                options={MIN_SIZES.map((n) => ({ value: n, label: text('minSizeValue', { n }) }))}
              />
            </Form.Item>
          </>
        )}
      </QueryForm>
      <ListTable<TopicSummary>
        items={data?.items}
        error={error}
        loading={loading}
        onRetry={reload}
        columns={columns}
        pagination={pagination}
        wide
        rowHref={(row) => `/monitoring/topics/${row.id}`}
        empty={<Empty description={text('empty')}>{text('emptyHint')}</Empty>}
        testId="topics-table"
      />
    </Page>
  );
}
