import { useCallback, useMemo } from 'react';
import { Card, Col, Divider, Flex, List, Row, Statistic, theme, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { UrgentTag } from '../cases/case-labels';
import { DeadlineTag, remainingText } from '../cases/DeadlineTag';
import { loadTodo, todoTabs } from '../cases/todo/todo-tabs';
import { searchPosts } from '../monitoring/monitoring.api';
import { mostPressing } from './pressing';

/**
 * 我的待办 on the home page: how many cases wait for this user under each tab of 我的待办
 * (a leader's 待批办 / 待审定 / 延期待批, a liaison's 待签收 / 待回复 / 被退回, a monitor's 待发布),
 * each opening that tab, for a monitor first the posts 待研判 (all, and those with an urgency
 * signal) opening 舆情信息 so filtered, and below them 最紧迫 (see mostPressing). Only
 * for those who act on cases.
 */
export function TodoCard() {
  const { t, lang } = useI18n();
  const { token } = theme.useToken();
  const has = usePermission();
  const defs = useMemo(() => todoTabs(has), [has]);
  const load = useCallback((signal: AbortSignal) => loadTodo(defs, signal), [defs]);
  const { data, error, loading, reload } = useApi(load);
  const pressing = useMemo(() => mostPressing(data?.tabs ?? [], t), [data, t]);
  // A monitor's first work of the day is the posts nobody has looked at yet (研判).
  const canReview = has('posts.review');
  const loadPending = useCallback(
    (signal: AbortSignal) =>
      canReview
        ? Promise.all(
            [undefined, true].map((urgent) =>
              searchPosts({ review: 'pending', urgent, page: 1, pageSize: 1 }, signal),
            ),
          ).then(([all, urgent]) => ({ all: all?.total ?? 0, urgent: urgent?.total ?? 0 }))
        : Promise.resolve(null),
    [canReview],
  );
  const pending = useApi(loadPending).data;
  const tile = (to: string, testId: string, title: string, count: number) => (
    <Col key={testId} xs={12} sm={8}>
      <Link to={to} data-testid={testId}>
        <Card hoverable size="small">
          <Statistic
            title={title}
            value={formatNumber(count, lang)}
            styles={{
              content: { color: count > 0 ? token.colorPrimary : token.colorTextQuaternary },
            }}
          />
        </Card>
      </Link>
    </Col>
  );
  return (
    <Card
      title={t('todo.title')}
      loading={loading && !data}
      extra={
        <Link to="/cases/todo" className="tap-target">
          {t('home.goTodo')}
        </Link>
      }
      data-testid="home-todo"
    >
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Row gutter={[16, 16]}>
          {pending
            ? [
                tile(
                  '/monitoring?review=pending',
                  'home-todo-posts-pending',
                  t('home.postsPending'),
                  pending.all,
                ),
                tile(
                  '/monitoring?review=pending&urgent=true',
                  'home-todo-posts-urgent',
                  t('home.postsPendingUrgent'),
                  pending.urgent,
                ),
              ]
            : null}
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
          {pressing.length > 0 ? (
            <Col span={24}>
              <Divider titlePlacement="start" plain style={{ marginBlock: 0 }}>
                {t('home.pressing')}
              </Divider>
              <List
                size="small"
                dataSource={pressing}
                data-testid="home-pressing"
                renderItem={(p) => (
                  <List.Item data-testid="home-pressing-item" style={{ paddingInline: 0 }}>
                    <Flex
                      gap={8}
                      align="center"
                      justify="space-between"
                      wrap
                      style={{ width: '100%' }}
                    >
                      <Flex gap={6} align="center" style={{ minWidth: 0 }}>
                        {p.item.urgent ? <UrgentTag /> : null}
                        <Link to={`/cases/${p.item.id}`} className="tap-target">
                          {p.item.title}
                        </Link>
                      </Flex>
                      <Flex gap={6} align="center" wrap justify="flex-end">
                        <DeadlineTag clock={p.clock} label={t(p.label)} />
                        {p.replyClock ? (
                          <Typography.Text
                            type="secondary"
                            style={{ fontSize: 12 }}
                            data-testid="home-pressing-reply"
                          >
                            {t('home.pressingReply', {
                              time:
                                lang === 'zh'
                                  ? p.replyClock.text
                                  : remainingText(t, p.replyClock.dueAt),
                            })}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                    </Flex>
                  </List.Item>
                )}
              />
            </Col>
          ) : null}
        </Row>
      )}
    </Card>
  );
}
