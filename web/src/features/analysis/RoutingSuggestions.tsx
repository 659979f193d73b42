import { useCallback, useEffect, useRef } from 'react';
import { Alert, Button, Form, Grid, List, Progress, Space, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { useApi } from '../../app/use-api';
import { hasNoContact, useUnits } from '../cases/use-units';
import { getCaseAnalysis } from './analysis.api';
import { UrgencySignals } from './CaseAnalysisCard';

/**
 * In the assign form: the units analysis suggests, each with its reasons and a button that makes
 * it the lead unit, and — when the post has an urgent signal — 紧急 switched on with the words that
 * raised it. The leader decides; nothing is set behind their back without being shown.
 */
export function RoutingSuggestions({ caseId }: { caseId: number }) {
  const t = useT();
  const form = Form.useFormInstance();
  const load = useCallback((signal: AbortSignal) => getCaseAnalysis(caseId, signal), [caseId]);
  const { data, loading } = useApi(load);
  const proposed = useRef(false);
  const { units } = useUnits();
  const silent = new Set(units.filter(hasNoContact).map((u) => u.id));
  // On a phone the button beside the reasons squeezed a unit's name to one character a line.
  const narrow = !Grid.useBreakpoint().sm;

  useEffect(() => {
    if (data?.urgent && !proposed.current) {
      proposed.current = true;
      form.setFieldValue('urgent', true);
    }
  }, [data, form]);

  if (loading || !data) return null;
  return (
    <div style={{ marginBottom: 16 }} data-testid="routing-suggestions">
      {data.urgent ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('analysis.urgentProposed')}
          description={<UrgencySignals signals={data.signals} />}
        />
      ) : null}
      <Typography.Text type="secondary">{t('analysis.suggestedUnits')}</Typography.Text>
      {data.suggestions.length === 0 ? (
        <div>
          <Typography.Text type="secondary">{t('analysis.noSuggestions')}</Typography.Text>
        </div>
      ) : (
        <List
          size="small"
          itemLayout={narrow ? 'vertical' : 'horizontal'}
          dataSource={data.suggestions}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Button
                  key="use"
                  size="small"
                  onClick={() => form.setFieldValue('leadUnitId', s.unitId)}
                >
                  {t('analysis.useAsLead')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={[8, 4]}>
                    <span style={{ whiteSpace: 'nowrap' }}>{s.unitName}</span>
                    {silent.has(s.unitId) ? (
                      <Tag color="warning">{t('cases.noLiaisonTag')}</Tag>
                    ) : null}
                    <Progress
                      percent={Math.round(s.score * 100)}
                      size="small"
                      style={{ width: 100 }}
                      showInfo={false}
                      aria-label={t('analysis.routingScore', { unit: s.unitName })}
                    />
                  </Space>
                }
                description={s.reasons.join(t('common.clauseSeparator'))}
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
