import { Badge, Flex, Tooltip, Typography } from 'antd';
import { formatDateTime } from '../../app/format';
import type { Translate } from '../../app/i18n/i18n';
import type { Health, SourceKind, SourceSummary } from './sources.api';

export const KIND_COLORS: Record<SourceKind, string> = {
  rss: 'orange',
  html: 'blue',
  json: 'geekblue',
  manual: 'green',
  import: 'cyan',
  board: 'purple',
};

export const kindLabel = (t: Translate, kind: SourceKind) => t(`sources.kind.${kind}`);

const HEALTH_STATUS: Record<Health, 'success' | 'error' | 'default'> = {
  ok: 'success',
  failed: 'error',
  never: 'default',
};

/** 正常 / 异常 / 未运行, with the last error on hover. */
export function HealthBadge({ t, source }: { t: Translate; source: SourceSummary }) {
  const badge = (
    <Badge status={HEALTH_STATUS[source.health]} text={t(`sources.health.${source.health}`)} />
  );
  return source.health === 'failed' && source.lastError ? (
    <Tooltip title={source.lastError}>{badge}</Tooltip>
  ) : (
    badge
  );
}

/** The last error in red with its time, or a dash. */
export function LastError({ source }: { source: SourceSummary }) {
  if (!source.lastError) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical style={{ maxWidth: 280 }}>
      <Typography.Text type="danger" ellipsis={{ tooltip: source.lastError }}>
        {source.lastError}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(source.lastErrorAt)}
      </Typography.Text>
    </Flex>
  );
}

export function intervalLabel(t: Translate, minutes: number): string {
  if (minutes === 1440) return t('sources.daily');
  if (minutes === 10080) return t('sources.weekly');
  if (minutes % 60 === 0) return t('sources.everyHours', { n: minutes / 60 });
  return t('sources.every', { n: minutes });
}

export const INTERVAL_PRESETS = [15, 30, 60, 120, 360, 720, 1440, 10080];
