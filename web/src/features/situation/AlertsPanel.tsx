import { Empty, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import type { MessageKey } from '../../app/i18n/i18n';
import type { AlertLevel, Situation } from './situation.api';

/** 蓝 / 黄 / 橙 / 红, as antd's preset tag colours. */
export const LEVEL_COLORS: Record<AlertLevel, string> = {
  blue: 'blue',
  yellow: 'gold',
  orange: 'orange',
  red: 'red',
};

export const LEVEL_LABELS: Record<AlertLevel, MessageKey> = {
  blue: 'situation.level.blue',
  yellow: 'situation.level.yellow',
  orange: 'situation.level.orange',
  red: 'situation.level.red',
};

/** Active alerts: how many of each level, then the newest, each opening the alerts page. */
export function AlertsPanel({ alerts }: { alerts: Situation['alerts'] }) {
  const { t, lang } = useI18n();
  const total = alerts.byLevel.reduce((n, l) => n + l.count, 0);
  if (total === 0) return <Empty description={t('situation.emptyAlerts')} />;
  return (
    <Flex vertical gap={12} data-testid="situation-alerts" data-points={alerts.newest.length}>
      <Flex wrap gap={8}>
        {alerts.byLevel.map((l) => (
          <Tag
            key={l.level}
            color={LEVEL_COLORS[l.level]}
            variant={l.count > 0 ? 'solid' : 'outlined'}
          >
            {t(LEVEL_LABELS[l.level])} {formatNumber(l.count, lang)}
          </Tag>
        ))}
      </Flex>
      <List
        size="small"
        dataSource={alerts.newest}
        renderItem={(a) => (
          <List.Item key={a.id} data-testid="situation-alert">
            <Flex vertical gap={2} style={{ width: '100%' }}>
              <Flex gap={8} align="center">
                <Tag color={LEVEL_COLORS[a.level]} style={{ marginInlineEnd: 0 }}>
                  {t(LEVEL_LABELS[a.level])}
                </Tag>
                <Link to={`/monitoring/alerts/${a.id}`} className="tap-target">
                  <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                    {a.ruleName}
                  </Typography.Text>
                </Link>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('situation.matched', { count: formatNumber(a.matchedCount, lang) })} ·{' '}
                {formatDateTime(a.triggeredAt)}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}
