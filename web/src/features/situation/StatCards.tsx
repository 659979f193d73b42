import { Card, Col, Row, Statistic, Typography, theme } from 'antd';
import { Link } from 'react-router-dom';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import type { MessageKey } from '../../app/i18n/i18n';
import type { Range } from './RangeControl';
import { postsPath } from './situation.api';
import type { Situation } from './situation.api';

interface Stat {
  key: string;
  title: MessageKey;
  value: string;
  to: string;
  danger?: boolean;
  note?: string;
}

/** The six figures a leader reads first; each opens the list behind it. */
export function StatCards({ data, range }: { data: Situation; range: Range }) {
  const { t, lang } = useI18n();
  const { token } = theme.useToken();
  const { totals } = data;
  const share = totals.posts > 0 ? (totals.negative / totals.posts) * 100 : 0;
  const stats: Stat[] = [
    {
      key: 'posts',
      title: 'situation.posts',
      value: formatNumber(totals.posts, lang),
      to: postsPath(range, {}),
    },
    {
      key: 'negative',
      title: 'situation.negativeShare',
      value: totals.posts > 0 ? `${share.toFixed(1)}%` : '—',
      to: postsPath(range, { sentiment: 'negative' }),
      danger: share >= 30,
      note: t('situation.negativeCount', { count: formatNumber(totals.negative, lang) }),
    },
    {
      key: 'urgent',
      title: 'situation.urgent',
      value: formatNumber(totals.urgent, lang),
      to: postsPath(range, { urgent: 'true' }),
      danger: totals.urgent > 0,
    },
    {
      key: 'open',
      title: 'situation.openCases',
      value: formatNumber(totals.openCases, lang),
      to: '/cases',
    },
    {
      key: 'overdue',
      title: 'situation.overdue',
      value: formatNumber(totals.overdueCases, lang),
      to: '/cases?overdue=true',
      danger: totals.overdueCases > 0,
    },
    {
      key: 'alerts',
      title: 'situation.activeAlerts',
      value: formatNumber(totals.activeAlerts, lang),
      to: '/monitoring/alerts',
      danger: totals.activeAlerts > 0,
    },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {stats.map((s) => (
        <Col key={s.key} xs={12} md={8} xl={4}>
          <Link to={s.to} data-testid={`stat-${s.key}`}>
            <Card hoverable size="small">
              <Statistic
                title={t(s.title)}
                value={s.value}
                styles={{ content: s.danger ? { color: token.colorError } : undefined }}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.note ?? '\u00a0'}
              </Typography.Text>
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}
