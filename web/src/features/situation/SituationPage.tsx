import { useCallback, useMemo } from 'react';
import type { ReactNode } from 'react';
import { Button, Card, Col, Empty, Row, Typography, theme } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { inParens, useI18n } from '../../app/i18n/i18n';
import type { Translate } from '../../app/i18n/i18n';
import { Page } from '../../app/Page';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { SENTIMENT_LABELS } from '../monitoring/monitoring.api';
import { periodText, rangeFromParams, toLocalDate } from '../stats/period';
import { AlertsPanel } from './AlertsPanel';
import { BarList, SentimentChart, VolumeChart } from './charts';
import type { BarItem } from './charts';
import { lastDaysRange, RangeControl } from './RangeControl';
import type { Range } from './RangeControl';
import { getSituation, postsPath } from './situation.api';
import type { Sentiment } from './situation.api';
import { StatCards } from './StatCards';

const sentimentNames = (t: Translate): Record<Sentiment, string> => ({
  negative: t(SENTIMENT_LABELS.negative),
  neutral: t(SENTIMENT_LABELS.neutral),
  positive: t(SENTIMENT_LABELS.positive),
});

/** A chart's card: the chart, or what to do when there is nothing to draw. */
function ChartCard({
  title,
  extra,
  empty,
  emptyText,
  children,
}: {
  title: string;
  extra?: ReactNode;
  empty: boolean;
  emptyText: string;
  children: ReactNode;
}) {
  return (
    <Card title={title} extra={extra} size="small" style={{ height: '100%' }}>
      {empty ? <Empty description={emptyText} style={{ padding: '40px 0' }} /> : children}
    </Card>
  );
}

/**
 * 舆情态势 (DESIGN §4): a period's posts by source, category, sentiment, key word and place,
 * the hot topics, and as of now the open and overdue cases and the active alerts. Every chart
 * opens the posts (or cases) behind what was clicked, for the same period.
 */
/** Bars in 各单位在办办件; the link above the chart opens all open cases. */
const UNIT_BARS = 15;

export default function SituationPage() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const range = useMemo<Range>(() => {
    const picked = rangeFromParams(searchParams);
    return picked
      ? { from: toLocalDate(picked[0]), to: toLocalDate(picked[1]) }
      : lastDaysRange(30);
  }, [searchParams]);
  const load = useCallback((signal: AbortSignal) => getSituation(range, signal), [range]);
  const { data, error, loading, reload } = useApi(load);
  const names = useMemo(() => sentimentNames(t), [t]);

  const bars = useMemo(() => {
    if (!data) return null;
    return {
      categories: data.byCategory.map((c) => ({ key: c.key, name: c.name, value: c.total })),
      keywords: data.keywords.map((k) => ({ key: k.word, name: k.word, value: k.count })),
      places: data.places.map((p) => ({ key: p.place, name: p.place, value: p.count })),
      // The units with most open cases: a county's hundred units would not fit one chart.
      units: data.openCasesByUnit.slice(0, UNIT_BARS).map((u) => ({
        key: String(u.unitId),
        name: u.unitName,
        value: u.count,
      })),
      topics: data.hotTopics.map((h) => ({
        key: String(h.id),
        name: h.burst ? `${h.label}${inParens(t('situation.burst'))}` : h.label,
        value: Math.round(h.heat * 10) / 10,
      })),
    } satisfies Record<string, BarItem[]>;
  }, [data, t]);

  const go = (path: string) => void navigate(path);
  // With no posts at all every chart says so, not that analysis or the dictionary is missing.
  const noPosts = data?.totals.posts === 0;

  return (
    <Page
      title={t('situation.title')}
      extra={
        <>
          <RangeControl
            value={range}
            onChange={(r) => setSearchParams({ from: r.from, to: r.to }, { replace: true })}
          />
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
            {t('common.refresh')}
          </Button>
        </>
      }
    >
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : !data || !bars ? (
        <Card loading />
      ) : (
        <div data-testid="situation" data-from={data.from} data-to={data.to}>
          <Typography.Paragraph type="secondary">
            {t('situation.generatedAt', {
              period: periodText(t, data.from, data.to),
              time: formatDateTime(data.generatedAt),
            })}
            {' · '}
            {t('situation.clickHint')}
          </Typography.Paragraph>
          <StatCards data={data} range={range} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <ChartCard
                title={t('situation.volume')}
                empty={data.totals.posts === 0}
                emptyText={t('situation.emptyPosts')}
              >
                <VolumeChart
                  days={data.days}
                  series={data.bySource}
                  label={t('situation.volume')}
                  onSelect={(source, day) =>
                    go(postsPath(day ? { from: day, to: day } : range, source ? { source } : {}))
                  }
                />
              </ChartCard>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <ChartCard
                title={t('situation.sentiment')}
                empty={data.bySentiment.every((s) => s.total === 0)}
                emptyText={t(noPosts ? 'situation.emptyPosts' : 'situation.emptyAnalysis')}
              >
                <SentimentChart
                  series={data.bySentiment}
                  names={names}
                  label={t('situation.sentiment')}
                  onSelect={(sentiment) => go(postsPath(range, { sentiment }))}
                />
              </ChartCard>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <ChartCard
                title={t('situation.category')}
                empty={bars.categories.length === 0}
                emptyText={t(noPosts ? 'situation.emptyPosts' : 'situation.emptyAnalysis')}
              >
                <BarList
                  testId="chart-category"
                  items={bars.categories}
                  label={t('situation.category')}
                  onSelect={(item) => go(postsPath(range, { category: item.key }))}
                />
              </ChartCard>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <ChartCard
                title={t('situation.keywords')}
                empty={bars.keywords.length === 0}
                emptyText={t('situation.emptyPosts')}
              >
                <BarList
                  testId="chart-keywords"
                  items={bars.keywords}
                  label={t('situation.keywords')}
                  color={token.colorInfo}
                  onSelect={(item) => go(postsPath(range, { q: item.key }))}
                />
              </ChartCard>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <ChartCard
                title={t('situation.places')}
                empty={bars.places.length === 0}
                emptyText={t(noPosts ? 'situation.emptyPosts' : 'situation.emptyPlaces')}
              >
                <BarList
                  testId="chart-places"
                  items={bars.places}
                  label={t('situation.places')}
                  color={token.colorSuccess}
                  onSelect={(item) => go(postsPath(range, { place: item.key }))}
                />
              </ChartCard>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <ChartCard
                title={t('situation.units')}
                extra={
                  data && data.openCasesByUnit.length > UNIT_BARS ? (
                    <Link to="/cases?state=open" className="tap-target">
                      {t('situation.unitsMore', {
                        shown: UNIT_BARS,
                        total: data.openCasesByUnit.length,
                      })}
                    </Link>
                  ) : null
                }
                empty={bars.units.length === 0}
                emptyText={t('situation.emptyUnits')}
              >
                <BarList
                  testId="chart-units"
                  items={bars.units}
                  label={t('situation.units')}
                  color={token.colorWarning}
                  onSelect={(item) => go(`/cases?unitId=${item.key}&state=open`)}
                />
              </ChartCard>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <ChartCard
                title={t('situation.hotTopics')}
                extra={
                  <Link to="/monitoring/topics" className="tap-target">
                    {t('situation.allTopics')}
                  </Link>
                }
                empty={bars.topics.length === 0}
                emptyText={t('situation.emptyTopics')}
              >
                <BarList
                  testId="chart-topics"
                  items={bars.topics}
                  label={t('situation.hotTopics')}
                  color={token.colorError}
                  onSelect={(item) => go(`/monitoring/topics/${item.key}`)}
                />
              </ChartCard>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Card
                title={t('situation.alerts')}
                extra={
                  <Link to="/monitoring/alerts" className="tap-target">
                    {t('situation.allAlerts')}
                  </Link>
                }
                size="small"
                style={{ height: '100%' }}
              >
                <AlertsPanel alerts={data.alerts} />
              </Card>
            </Col>
          </Row>
        </div>
      )}
    </Page>
  );
}
