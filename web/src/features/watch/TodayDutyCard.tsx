import { useCallback } from 'react';
import { Card, Empty, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { colon, inParens, joinList, useT } from '../../app/i18n/i18n';
import { useApi } from '../../app/use-api';
import { getWatchToday } from './watch.api';
import type { DutyPerson } from './watch.api';
import { hoursText, KIND_COLORS, kindLabel } from './watch-labels';

const time = (value: string) => formatDateTime(value).slice(5);

function people(list: DutyPerson[]) {
  return joinList(
    list.map((d) => `${d.userName}${inParens(`${time(d.startsAt)}–${time(d.endsAt)}`)}`),
  );
}

/** 今日值班 on the home page: who is on duty now and next in today's watch periods. */
export function TodayDutyCard() {
  const t = useT();
  const load = useCallback((signal: AbortSignal) => getWatchToday(signal), []);
  const { data, error, loading } = useApi(load);

  return (
    <Card
      title={t('watch.today')}
      loading={loading && !data}
      extra={
        <Link to="/watch" className="tap-target">
          {t('watch.goWatch')}
        </Link>
      }
      data-testid="today-duty"
    >
      {error && !data ? (
        <Typography.Text type="danger">{errorMessage(error)}</Typography.Text>
      ) : !data || data.periods.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('watch.todayNone')} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {data.periods.map((p) => (
            <div key={p.id}>
              <Space size={4} wrap>
                <Link to={`/watch/${p.id}`} className="tap-target">
                  <Typography.Text strong>{p.name}</Typography.Text>
                </Link>
                <Tag color={KIND_COLORS[p.kind]}>{kindLabel(t, p.kind)}</Tag>
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {t('watch.onDutyNow')}
                  {colon()}
                </Typography.Text>
                {p.onDuty.length > 0 ? (
                  <Typography.Text strong>{people(p.onDuty)}</Typography.Text>
                ) : (
                  <Typography.Text type="danger">{t('watch.nobodyNow')}</Typography.Text>
                )}
              </div>
              <div>
                <Typography.Text type="secondary">
                  {t('watch.nextShift')}
                  {colon()}
                </Typography.Text>
                {p.next.length > 0 ? people(p.next) : t('watch.noNext')}
              </div>
              {p.uncoveredHours.length > 0 ? (
                <Typography.Text type="danger">
                  {t('watch.todayUncovered', { hours: hoursText(p.uncoveredHours) })}
                </Typography.Text>
              ) : null}
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
