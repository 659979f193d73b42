import { useCallback, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Spin,
  Statistic,
  Table,
  Tabs,
  Tag,
  theme,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { CountBars, SentimentPie, UnitBars, VolumeLine, type SlipSegment } from './ReportCharts';
import { ReportDownloads } from './ReportsPage';
import { generateReport, getReport } from './reports.api';
import { postsPath } from '../situation/situation.api';
import type {
  Count,
  NotablePost,
  ReportDetail,
  ReportFigures,
  ReviewFigures,
  UnitRank,
} from './reports.api';
import { durationText, useReportText } from './report-text';
import type { ReportText, ReportTextKey } from './report-text';
import { LinkButton } from '../../app/LinkButton';
import { inParens, joinList } from '../../app/i18n/i18n';

/**
 * The case list behind a unit's bar: its slips issued on the report's days, the still open ones
 * for 未到期. (A daily report runs from the previous one's time: the list shows its whole days.)
 */
function unitCasesPath(unit: UnitRank, segment: SlipSegment, f: ReportFigures): string {
  const params = new URLSearchParams({
    unitId: String(unit.unitId),
    assignedFrom: f.from,
    assignedTo: f.to,
  });
  if (segment === 'pending') params.set('state', 'open');
  return `/cases?${params.toString()}`;
}

/**
 * The posts behind a chart element on 舆情信息, as the report counted them: relevant originals
 * posted in its period, or for a daily report collected in its span.
 */
function reportPostsPath(f: ReportFigures, filter: Record<string, string>): string {
  if (!f.span) return postsPath({ from: f.from, to: f.to }, filter);
  const params = new URLSearchParams({ ...filter, collected: `${f.span.start}~${f.span.end}` });
  return `/monitoring?${params.toString()}`;
}

/** Counts that no filter of 舆情信息 can list: 未分类, 情感未知, a hand-registered post's blank source. */
const listable = (item: Count) => item.key !== '' && item.key !== 'unknown';

const rate = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);

/** A weekly or longer report made before the midnight after its last day: its period was not over. */
const notOver = (r: ReportDetail) =>
  r.kind !== 'daily' && formatDateTime(r.generatedAt).slice(0, 10) <= r.to;

/** 上周 22, 上月同期 9: the figure of the period before, under this one's (环比). */
function previousText(f: ReportFigures, text: ReportText, n: number): string | undefined {
  const prev = f.previous;
  if (!prev || f.kind === 'daily') return undefined;
  const name = text(`previous.${f.kind}`);
  return text('fig.previous', {
    name: prev.partial ? text('previous.partial', { name }) : name,
    n,
  });
}

function Figures({ f, text }: { f: ReportFigures; text: ReportText }) {
  const { token } = theme.useToken();
  const cards: {
    key: string;
    title: string;
    value: string | number;
    danger?: boolean;
    previous?: string | undefined;
  }[] = [
    {
      key: 'posts',
      title: text('fig.posts'),
      value: f.posts.total,
      previous: f.previous ? previousText(f, text, f.previous.posts) : undefined,
    },
    {
      key: 'negative',
      title: text('fig.negative'),
      value: f.posts.negative,
      danger: f.posts.negative > 0,
    },
    { key: 'urgent', title: text('fig.urgent'), value: f.posts.urgent, danger: f.posts.urgent > 0 },
    {
      key: 'registered',
      title: text('fig.registered'),
      value: f.cases.registered,
      previous: f.previous ? previousText(f, text, f.previous.registered) : undefined,
    },
    {
      key: 'firstResponse',
      title: text('fig.firstResponse'),
      value: durationText(text, f.cases.firstResponse.medianMinutes),
    },
    { key: 'onTimeRate', title: text('fig.onTimeRate'), value: rate(f.cases.slips.onTimeRate) },
    {
      key: 'late',
      title: text('fig.late'),
      value: f.cases.slips.late,
      danger: f.cases.slips.late > 0,
    },
    {
      key: 'incidents',
      title: text('fig.incidents'),
      value: f.incidents ? f.incidents.opened : text('fig.unavailable'),
    },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="report-figures">
      {cards.map((c) => (
        <Col key={c.key} xs={12} sm={8} lg={6} xl={3}>
          <Card size="small">
            <Statistic
              title={c.title}
              value={c.value}
              styles={{ content: c.danger ? { color: token.colorError } : undefined }}
            />
            {c.previous && (
              <Typography.Text type="secondary" data-testid={`report-previous-${c.key}`}>
                {c.previous}
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * 信息研判 of a daily report: what became of the span's posts by the time it was made. The link
 * opens today's 待研判 for whoever does it: the report's own figures are of its moment.
 */
function ReviewCard({ r, text }: { r: ReviewFigures; text: ReportText }) {
  const { token } = theme.useToken();
  const has = usePermission();
  const items: { key: keyof ReviewFigures; danger?: boolean }[] = [
    { key: 'collected' },
    { key: 'read' },
    { key: 'dismissed' },
    { key: 'registered' },
    { key: 'pending', danger: r.pending > 0 },
    { key: 'urgentPending', danger: r.urgentPending > 0 },
    { key: 'pendingEarlier', danger: r.pendingEarlier > 0 },
  ];
  return (
    <Card
      title={text('section.review')}
      size="small"
      data-testid="report-review"
      extra={
        has('posts.review') ? (
          <Link
            to="/monitoring?review=pending"
            className="tap-target"
            data-testid="report-review-go"
          >
            {text('review.go')}
          </Link>
        ) : null
      }
    >
      <Flex gap={32} wrap>
        {items.map(({ key, danger }) => (
          <Statistic
            key={key}
            title={text(`review.${key}`)}
            value={r[key]}
            data-testid={`report-review-${key}`}
            styles={{ content: danger ? { color: token.colorError } : undefined }}
          />
        ))}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        {text('review.asOf')}
      </Typography.Text>
    </Card>
  );
}

function postColumns(text: ReportText): TableColumnsType<NotablePost> {
  return [
    {
      title: text('postTitle'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, p) =>
        p.url ? (
          <Typography.Link href={p.url} target="_blank" rel="noreferrer" className="tap-target">
            {title}
          </Typography.Link>
        ) : (
          title
        ),
    },
    { title: text('source'), dataIndex: 'source', key: 'source', width: 140, responsive: ['sm'] },
    {
      title: text('postedAt'),
      dataIndex: 'postedAt',
      key: 'postedAt',
      width: 150,
      responsive: ['md'],
      render: (at: string) => formatDateTime(at),
    },
    {
      title: text('likes'),
      dataIndex: 'likes',
      key: 'likes',
      width: 70,
      align: 'right',
      render: (n: number | null) => n ?? '—',
    },
  ];
}

/**
 * The unit ranking's columns. On a phone a leader sees each unit's 收件, 按期, 超期 and 按期率
 * without scrolling sideways; the rows stand in rank order, and 在办, 延期 and 当前超期 wait
 * for a wider screen (they are in the Word and Excel files).
 */
function unitColumns(text: ReportText): TableColumnsType<UnitRank> {
  const n = (key: keyof UnitRank, title: string) => ({
    title,
    dataIndex: key,
    key,
    width: 56,
    align: 'right' as const,
  });
  const wide = { responsive: ['sm' as const] };
  return [
    { ...n('rank', text('rank')), ...wide },
    { title: text('unit'), dataIndex: 'unitName', key: 'unitName' },
    n('received', text('received')),
    n('onTime', text('onTime')),
    n('late', text('late')),
    { ...n('pending', text('pending')), ...wide },
    { ...n('extended', text('extended')), ...wide },
    { ...n('overdueNow', text('overdueNow')), ...wide, width: 72 },
    { ...n('onTimeRate', text('rate')), width: 76, render: (v: number | null) => rate(v) },
  ];
}

/**
 * A figure's name in the user's language. The report keeps the Chinese names of its moment (they
 * are its document's words); the screen names the same keys in the language it is read in.
 */
const FIGURE_NAMES: Record<string, ReportTextKey> = {
  'sentiment.negative': 'sentiment.negative',
  'sentiment.neutral': 'sentiment.neutral',
  'sentiment.positive': 'sentiment.positive',
  'sentiment.unknown': 'sentiment.unknown',
  'level.general': 'incidentLevel.general',
  'level.major': 'incidentLevel.major',
  'level.serious': 'incidentLevel.serious',
  'level.critical': 'incidentLevel.critical',
};

function figureName(
  text: ReportText,
  kind: 'sentiment' | 'level',
  item: { key: string; name: string },
): string {
  const key = FIGURE_NAMES[`${kind}.${item.key}`];
  return key ? text(key) : item.name;
}

function Body({ report, text }: { report: ReportDetail; text: ReportText }) {
  const navigate = useNavigate();
  const f = report.figures;
  const c = f.cases;
  return (
    <>
      <Figures f={f} text={text} />
      <Row gutter={[16, 16]}>
        {f.review ? (
          <Col xs={24}>
            <ReviewCard r={f.review} text={text} />
          </Col>
        ) : null}
        <Col xs={24} lg={12}>
          <Card title={text('section.sources')} size="small">
            {f.posts.bySource.length > 0 ? (
              <CountBars
                items={f.posts.bySource}
                label={text('section.sources')}
                testId="report-sources"
                color="#2F6FB0"
                onSelect={(item) => {
                  if (listable(item)) void navigate(reportPostsPath(f, { source: item.key }));
                }}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={text('section.sentiment')} size="small">
            <SentimentPie
              items={f.posts.bySentiment.map((i) => ({
                ...i,
                name: figureName(text, 'sentiment', i),
              }))}
              label={text('section.sentiment')}
              onSelect={(item) => {
                if (listable(item)) void navigate(reportPostsPath(f, { sentiment: item.key }));
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={text('section.categories')} size="small">
            {f.posts.byCategory.length > 0 ? (
              <CountBars
                items={f.posts.byCategory}
                label={text('section.categories')}
                testId="report-categories"
                color="#4BACC6"
                onSelect={(item) => {
                  if (listable(item)) void navigate(reportPostsPath(f, { category: item.key }));
                }}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        {f.kind !== 'daily' && f.posts.byDay.length > 1 ? (
          <Col xs={24} lg={12}>
            <Card title={text('section.volume')} size="small">
              <VolumeLine
                figures={f}
                label={text('section.volume')}
                onSelect={(date) => void navigate(postsPath({ from: date, to: date }, {}))}
              />
            </Card>
          </Col>
        ) : null}
        <Col xs={24}>
          <Card title={text('section.cases')} size="small">
            <Typography.Paragraph>
              {text('casesLine', {
                registered: c.registered,
                published: c.published,
                onTime:
                  c.publishedOnTime === undefined || c.published === 0
                    ? ''
                    : text('publicOnTime', {
                        n: c.publishedOnTime,
                        rate: rate((c.publishedOnTime / c.published) * 100),
                      }),
                count: c.firstResponse.count,
                median: durationText(text, c.firstResponse.medianMinutes),
                average: durationText(text, c.firstResponse.averageMinutes),
              })}
            </Typography.Paragraph>
            <Typography.Paragraph>
              {text('slipsLine', {
                received: c.slips.received,
                onTime: c.slips.onTime,
                late: c.slips.late,
                pending: c.slips.pending,
                extended: c.slips.extended,
                overdueNow: c.slips.overdueNow,
              })}
            </Typography.Paragraph>
            {f.units.length > 0 ? (
              <>
                <UnitBars
                  units={f.units}
                  label={text('section.units')}
                  names={{ onTime: text('onTime'), late: text('late'), pending: text('pending') }}
                  onSelect={(unit, segment) => void navigate(unitCasesPath(unit, segment, f))}
                />
                <Table<UnitRank>
                  rowKey="unitId"
                  size="small"
                  pagination={false}
                  columns={unitColumns(text)}
                  dataSource={f.units}
                  scroll={{ x: 'max-content' }}
                  data-testid="report-unit-ranking"
                />
              </>
            ) : (
              <Typography.Text type="secondary">{text('noUnits')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={text('section.incidents')} size="small">
            {f.incidents ? (
              <Flex vertical gap={8}>
                <Flex gap={8} wrap>
                  {f.incidents.byLevel.map((l) => (
                    <Tag key={l.key} color={l.count > 0 && l.key !== 'general' ? 'red' : undefined}>
                      {figureName(text, 'level', l)} {l.count}
                    </Tag>
                  ))}
                </Flex>
                {(f.incidents.list ?? []).map((x) => (
                  <Flex key={x.id} gap={8} wrap data-testid="report-incident">
                    <Link to={`/incidents/${x.id}`} className="tap-target">
                      {x.title}
                    </Link>
                    <Typography.Text type="secondary">
                      {figureName(text, 'level', { key: x.level, name: x.level })} ·{' '}
                      {formatDateTime(x.openedAt)} ·{' '}
                      {x.closedAt
                        ? text('incidentClosed', { at: formatDateTime(x.closedAt) })
                        : text('incidentOpen')}
                    </Typography.Text>
                  </Flex>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{text('fig.unavailable')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={text('section.topics')} size="small">
            {f.topics.length > 0 ? (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={f.topics}
                columns={[
                  { title: text('label'), dataIndex: 'label', key: 'label' },
                  {
                    title: text('keywords'),
                    dataIndex: 'keywords',
                    key: 'keywords',
                    responsive: ['sm'],
                    render: (k: string[]) => joinList(k),
                  },
                  {
                    title: text('count'),
                    dataIndex: 'posts',
                    key: 'posts',
                    width: 70,
                    align: 'right',
                  },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">{text('noTopics')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={text('section.notable')} size="small">
            <Tabs
              items={(['mostLiked', 'urgent', 'negative'] as const).map((key) => ({
                key,
                label: `${text(`notable.${key}`)}${inParens(f.notable[key].length)}`,
                children: (
                  <Table<NotablePost>
                    rowKey="id"
                    size="small"
                    pagination={false}
                    columns={postColumns(text)}
                    dataSource={f.notable[key]}
                    locale={{ emptyText: text('noPosts') }}
                  />
                ),
              }))}
            />
          </Card>
        </Col>
        {f.duty ? (
          <Col xs={24}>
            <Card title={text('section.duty')} size="small">
              <Table
                rowKey={(s) => `${s.startsAt}-${s.userName}`}
                size="small"
                pagination={false}
                dataSource={f.duty.shifts}
                locale={{ emptyText: text('noDuty') }}
                columns={[
                  {
                    title: text('shift'),
                    key: 'shift',
                    render: (_v, s) =>
                      `${formatDateTime(s.startsAt)} – ${formatDateTime(s.endsAt)}`,
                  },
                  { title: text('person'), dataIndex: 'userName', key: 'userName' },
                  {
                    title: text('watchPeriod'),
                    dataIndex: 'periodName',
                    key: 'periodName',
                    responsive: ['sm'],
                  },
                  { title: text('note'), dataIndex: 'note', key: 'note', responsive: ['md'] },
                ]}
              />
            </Card>
          </Col>
        ) : null}
      </Row>
    </>
  );
}

/** 报告预览: the stored figures of one report, with its charts, tables and files. */
export default function ReportPage() {
  const text = useReportText();
  const has = usePermission();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const id = Number(useParams().id);
  const load = useCallback((signal: AbortSignal) => getReport(id, signal), [id]);
  const { data, error, loading, reload } = useApi(load);
  const [regenerating, setRegenerating] = useState(false);

  const regenerate = async (report: ReportDetail) => {
    setRegenerating(true);
    try {
      const made = await generateReport({ kind: report.kind, date: report.from });
      void message.success(text('generated', { title: made.title }));
      reload();
    } catch (cause) {
      notifyError(cause);
    } finally {
      setRegenerating(false);
    }
  };

  return (
    <Page
      title={data?.title ?? text('reportTitle')}
      extra={
        <>
          <LinkButton to="/reports" icon={<ArrowLeftOutlined />}>
            {text('back')}
          </LinkButton>
          {data && has('reports.manage') ? (
            <Button
              icon={<ReloadOutlined />}
              loading={regenerating}
              onClick={() => void regenerate(data)}
            >
              {text('generate')}
            </Button>
          ) : null}
        </>
      }
    >
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : !data ? (
        <Spin spinning={loading} />
      ) : (
        <>
          <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary" data-testid="report-meta">
              {text('generatedAt')} {formatDateTime(data.generatedAt)} ·{' '}
              {data.generatedByName ?? text('bySchedule')} ·{' '}
              {data.deliveredAt ? text('delivered') : text('notDelivered')}
              {notOver(data) && <> · {text('notOver')}</>}
            </Typography.Text>
            <ReportDownloads report={data} text={text} />
          </Flex>
          <Body report={data} text={text} />
        </>
      )}
    </Page>
  );
}
