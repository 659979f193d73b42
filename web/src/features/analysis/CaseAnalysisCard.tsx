import { useCallback, useState } from 'react';
import { App, Card, Descriptions, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { errorMessage } from '../../app/api';
import { usePermission } from '../../app/auth';
import { colon, joinList, useT } from '../../app/i18n/i18n';
import type { Translate } from '../../app/i18n/i18n';
import { useApi } from '../../app/use-api';
import {
  confirmCategory,
  getCaseAnalysis,
  listCategories,
  SENTIMENT_COLORS,
  type UrgencyFlag,
} from './analysis.api';

export function sentimentLabel(t: Translate, label: 'negative' | 'neutral' | 'positive'): string {
  return t(`analysis.sentiment.${label}`);
}

/** One urgency signal with the words that raised it: red when it makes the post urgent. */
export function UrgencyTag({ signal }: { signal: UrgencyFlag }) {
  const t = useT();
  return (
    <Tag
      color={signal.urgent ? 'red' : 'orange'}
      icon={signal.urgent ? <WarningOutlined /> : undefined}
      title={t('analysis.triggerWords')}
      style={{ marginInlineEnd: 0 }}
    >
      {signal.label}
      {colon()}
      {joinList(signal.words)}
    </Tag>
  );
}

/** Urgency signals with the words that raised them, as a leader reads them before assigning. */
export function UrgencySignals({ signals }: { signals: UrgencyFlag[] }) {
  const t = useT();
  if (signals.length === 0)
    return <Typography.Text type="secondary">{t('analysis.noSignals')}</Typography.Text>;
  return (
    <Space wrap size={[4, 4]}>
      {signals.map((s) => (
        <UrgencyTag key={s.label} signal={s} />
      ))}
    </Space>
  );
}

/**
 * 分析: what the model says of the case's post; staff with posts.classify confirm or correct it,
 * until the case is archived: the case file is then read-only and the server refuses a change.
 */
export function CaseAnalysisCard({ caseId, archived }: { caseId: number; archived: boolean }) {
  const t = useT();
  const has = usePermission();
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => getCaseAnalysis(caseId, signal), [caseId]);
  const { data, reload } = useApi(load);
  const canClassify = has('posts.classify');
  const loadCategories = useCallback((signal: AbortSignal) => listCategories(signal), []);
  const categories = useApi(canClassify ? loadCategories : null);
  const [saving, setSaving] = useState(false);
  if (!data) return null;

  const onCategory = async (categoryId: number) => {
    setSaving(true);
    try {
      await confirmCategory(data.postId, categoryId);
      void message.success(t('analysis.categoryConfirmed'));
      reload();
    } catch (cause) {
      void message.error(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  const category = data.category;
  return (
    <Card
      size="small"
      title={t('analysis.title')}
      style={{ marginBottom: 16 }}
      data-testid="case-analysis"
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('analysis.category')}>
          <Space wrap>
            {category ? <Tag color="blue">{category.name}</Tag> : t('analysis.unclassified')}
            {category && !category.confirmed && category.confidence !== null ? (
              <Typography.Text type="secondary">
                {t('analysis.confidence', { value: Math.round(category.confidence * 100) })}
              </Typography.Text>
            ) : null}
            {category?.confirmed ? <Tag color="green">{t('analysis.confirmed')}</Tag> : null}
            {canClassify ? (
              <Tooltip title={archived ? t('analysis.archivedReadOnly') : undefined}>
                <Select
                  size="small"
                  style={{ minWidth: 140 }}
                  placeholder={t('analysis.correctCategory')}
                  loading={categories.loading || saving}
                  disabled={archived}
                  value={null}
                  onChange={(v: number) => void onCategory(v)}
                  options={(categories.data ?? [])
                    .filter((c) => c.active)
                    .map((c) => ({ value: c.id, label: c.name }))}
                  aria-label={t('analysis.correctCategory')}
                />
              </Tooltip>
            ) : null}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('analysis.sentiment')}>
          {data.sentiment ? (
            <Tag color={SENTIMENT_COLORS[data.sentiment.label]}>
              {sentimentLabel(t, data.sentiment.label)}
            </Tag>
          ) : (
            <Typography.Text type="secondary">{t('analysis.pending')}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('analysis.urgency')}>
          <UrgencySignals signals={data.signals} />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
