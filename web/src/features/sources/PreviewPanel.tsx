import { Alert, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import type { PreviewResult } from './sources.api';

type Item = PreviewResult['items'][number] & { key: number };
type PageRow = PreviewResult['pages'][number] & { key: number };

/** 试抓取's answer: the items the selectors extract, the pages fetched, and what went wrong. */
export function PreviewPanel({ result }: { result: PreviewResult }) {
  const t = useT();
  return (
    <Flex vertical gap={12} data-testid="source-preview">
      {result.warnings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('sources.previewWarnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {result.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Card size="small" title={t('sources.previewItems', { n: result.items.length })}>
        <Table<Item>
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={result.items.map((item, key) => ({ ...item, key }))}
          locale={{ emptyText: <Empty description={t('sources.previewNone')} /> }}
          columns={[
            {
              title: t('sources.col.title'),
              dataIndex: 'title',
              render: (v: string | null) => v ?? '—',
              width: 200,
            },
            {
              title: t('sources.col.excerpt'),
              dataIndex: 'body',
              render: (v: string) => (
                <Typography.Paragraph
                  style={{ margin: 0, maxWidth: 360 }}
                  ellipsis={{ rows: 2, tooltip: v.slice(0, 500) }}
                >
                  {v.slice(0, 200)}
                </Typography.Paragraph>
              ),
            },
            {
              title: t('sources.col.author'),
              dataIndex: 'author',
              render: (v: string | null) => v ?? '—',
            },
            {
              // Shown so that a likes selector can be checked before saving, like the others.
              title: t('sources.col.likes'),
              dataIndex: 'likes',
              align: 'right',
              render: (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN')),
            },
            {
              title: t('sources.col.time'),
              dataIndex: 'postedAt',
              render: (v: string | null) => formatDateTime(v),
            },
            {
              title: t('sources.col.link'),
              dataIndex: 'url',
              render: (v: string | null) =>
                v ? (
                  <Typography.Link href={v} target="_blank" rel="noopener noreferrer">
                    {v.length > 48 ? `${v.slice(0, 48)}…` : v}
                  </Typography.Link>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('sources.previewPages')}>
        <Table<PageRow>
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={result.pages.map((p, key) => ({ ...p, key }))}
          columns={[
            {
              title: t('sources.url'),
              dataIndex: 'url',
              render: (v: string) => (
                <Typography.Text style={{ maxWidth: 380 }} ellipsis={{ tooltip: v }}>
                  {v}
                </Typography.Text>
              ),
            },
            {
              title: t('sources.col.status'),
              dataIndex: 'status',
              render: (v: number | null) =>
                v === null ? '—' : <Tag color={v >= 200 && v < 400 ? 'green' : 'red'}>{v}</Tag>,
            },
            {
              title: t('sources.col.error'),
              dataIndex: 'error',
              render: (v: string | undefined) =>
                v ? <Typography.Text type="danger">{v}</Typography.Text> : '—',
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
