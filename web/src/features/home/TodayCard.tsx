import { useCallback, useMemo } from 'react';
import { Card } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../app/i18n/i18n';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { TIME_ZONE } from '../../app/format';
import { getSituation } from '../situation/situation.api';
import { StatCards } from '../situation/StatCards';
import { todayRange } from './today-range';

/**
 * 今日舆情 on the home page: the six figures of 舆情态势 for today (new posts, negative share,
 * urgent signals, open and overdue cases, alerts to handle), each opening the list behind it;
 * before 06:00, for yesterday and today, so that the night's posts stay in view after midnight.
 */
export function TodayCard() {
  const t = useT();
  const range = useMemo(() => todayRange(new Date(), TIME_ZONE), []);
  const today = useMemo(() => ({ from: range.from, to: range.to }), [range]);
  const load = useCallback((signal: AbortSignal) => getSituation(today, signal), [today]);
  const { data, error, loading, reload } = useApi(load);
  return (
    <Card
      title={
        range.night
          ? t('home.todayNight', { from: range.from, to: range.to })
          : t('home.today', { date: range.to })
      }
      loading={loading && !data}
      extra={
        <Link to="/situation" className="tap-target">
          {t('home.goSituation')}
        </Link>
      }
      styles={{ body: { paddingBottom: 0 } }}
      data-testid="home-today"
    >
      {error && !data ? (
        <div style={{ paddingBottom: 24 }}>
          <LoadError error={error} onRetry={reload} />
        </div>
      ) : data ? (
        <StatCards data={data} range={today} />
      ) : null}
    </Card>
  );
}
