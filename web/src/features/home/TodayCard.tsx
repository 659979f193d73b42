import { useCallback, useMemo } from 'react';
import { Card } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../app/i18n/i18n';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { localToday } from '../stats/period';
import { getSituation } from '../situation/situation.api';
import { StatCards } from '../situation/StatCards';

/**
 * 今日舆情 on the home page: the six figures of 舆情态势 for today (new posts, negative share,
 * urgent signals, open and overdue cases, alerts to handle), each opening the list behind it.
 */
export function TodayCard() {
  const t = useT();
  const today = useMemo(() => {
    const day = localToday();
    return { from: day, to: day };
  }, []);
  const load = useCallback((signal: AbortSignal) => getSituation(today, signal), [today]);
  const { data, error, loading, reload } = useApi(load);
  return (
    <Card
      title={t('home.today', { date: today.from })}
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
