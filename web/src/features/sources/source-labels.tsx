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

const HEALTH_STATUS: Record<Health, 'success' | 'warning' | 'error' | 'default'> = {
  ok: 'success',
  warning: 'warning',
  failed: 'error',
  never: 'default',
};

/** 正常 / 警告 / 异常 / 未运行, with the last error or warning on hover. */
export function HealthBadge({ t, source }: { t: Translate; source: SourceSummary }) {
  const badge = (
    <Badge status={HEALTH_STATUS[source.health]} text={t(`sources.health.${source.health}`)} />
  );
  const why =
    source.health === 'failed'
      ? source.lastError
      : source.health === 'warning'
        ? source.lastWarning
        : null;
  return why ? <Tooltip title={why}>{badge}</Tooltip> : badge;
}

/** What the last run lost (部分成功), in orange, or nothing. */
export function LastWarning({ source }: { source: SourceSummary }) {
  if (!source.lastWarning) return null;
  return (
    <Typography.Text
      type="warning"
      style={{ maxWidth: 480 }}
      ellipsis={{ tooltip: source.lastWarning }}
    >
      {source.lastWarning}
    </Typography.Text>
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
