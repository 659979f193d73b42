import { useCallback, useMemo } from 'react';
import { Card, Col, Row, Statistic, theme } from 'antd';
import { Link } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { loadTodo, todoTabs } from '../cases/todo/todo-tabs';

/**
 * 我的待办 on the home page: how many cases wait for this user under each tab of 我的待办
 * (a leader's 待批办 / 待审定 / 延期待批, a liaison's 待签收 / 待回复 / 被退回, a monitor's 待发布),
 * each opening that tab. Only for those who act on cases.
 */
export function TodoCard() {
  const { t, lang } = useI18n();
  const { token } = theme.useToken();
  const has = usePermission();
  const defs = useMemo(() => todoTabs(has), [has]);
  const load = useCallback((signal: AbortSignal) => loadTodo(defs, signal), [defs]);
  const { data, error, loading, reload } = useApi(load);
  return (
    <Card
      title={t('todo.title')}
      loading={loading && !data}
      extra={<Link to="/cases/todo">{t('home.goTodo')}</Link>}
      data-testid="home-todo"
    >
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Row gutter={[16, 16]}>
          {(data?.tabs ?? []).map((tab) => {
            const count = tab.items.length;
            return (
              <Col key={tab.def.key} xs={12} sm={8}>
                <Link
                  to={`/cases/todo?tab=${tab.def.key}`}
                  data-testid={`home-todo-${tab.def.key}`}
                >
                  <Card hoverable size="small">
                    <Statistic
                      title={t(tab.def.label)}
                      value={`${formatNumber(count, lang)}${tab.truncated ? '+' : ''}`}
                      styles={{
                        content: {
                          color: count > 0 ? token.colorPrimary : token.colorTextQuaternary,
                        },
                      }}
                    />
                  </Card>
                </Link>
              </Col>
            );
          })}
        </Row>
      )}
    </Card>
  );
}
