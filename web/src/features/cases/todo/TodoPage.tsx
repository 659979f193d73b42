import { useCallback, useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  List,
  Result,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { usePermission } from '../../../app/auth';
import { colon, useT } from '../../../app/i18n/i18n';
import { Page } from '../../../app/Page';
import { LoadError } from '../../../app/results';
import { useApi } from '../../../app/use-api';
import { StateTag, UrgentTag, caseName } from '../case-labels';
import type { CaseSummary } from '../cases.api';
import { DeadlineTag } from '../DeadlineTag';
import { unitClock } from '../unit-clock';
import { TODO_LIMIT, hasTodo, loadTodo, todoTabs } from './todo-tabs';
import type { TodoKey, TodoTab } from './todo-tabs';
import { LinkButton } from '../../../app/LinkButton';
import { loadPendingPosts, PendingPostsTab, usePendingCount } from './PendingPostsTab';

/** 待研判: posts, not cases, so not one of todo-tabs' case tabs. */
const POSTS_TAB = 'posts';
type TabKey = TodoKey | typeof POSTS_TAB;

function TodoItem({ c, returned }: { c: CaseSummary; returned: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  // A liaison's own unit is held to the slip's 办理期限 also while the lead's reply is reviewed.
  const handling = c.myUnits ? unitClock(c, t) : c.handlingClock;
  return (
    <List.Item
      onClick={() => void navigate(`/cases/${c.id}`)}
      style={{ cursor: 'pointer', paddingInline: 4 }}
      data-testid="todo-item"
    >
      <Flex vertical gap={6} style={{ width: '100%', minWidth: 0 }}>
        <Flex gap={6} align="center" wrap>
          {c.urgent ? <UrgentTag /> : null}
          <Link
            to={`/cases/${c.id}`}
            className="tap-target"
            onClick={(event) => event.stopPropagation()}
          >
            <Typography.Text strong style={{ color: 'inherit' }}>
              {c.title}
            </Typography.Text>
          </Link>
        </Flex>
        <Flex gap={8} align="center" wrap>
          <StateTag state={c.state} />
          {returned ? <Tag color="error">{t('todo.returnedTag')}</Tag> : null}
          <Typography.Text type="secondary">{caseName(t, c)}</Typography.Text>
          {c.leadUnitName ? (
            <Typography.Text type="secondary">
              {t('cases.leadUnit')}
              {colon()}
              {c.leadUnitName}
            </Typography.Text>
          ) : null}
        </Flex>
        <Flex gap={8} wrap>
          {handling ? <DeadlineTag clock={handling} label={t('cases.handlingShort')} /> : null}
          {c.replyClock ? <DeadlineTag clock={c.replyClock} label={t('cases.replyShort')} /> : null}
        </Flex>
      </Flex>
    </List.Item>
  );
}

function TabBody({ tab, returned }: { tab: TodoTab; returned: Set<number> }) {
  const t = useT();
  return (
    <>
      <Typography.Paragraph type="secondary">{t(tab.def.hint)}</Typography.Paragraph>
      {tab.truncated ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            tab.def.key === 'returned'
              ? t('todo.returnedTruncated', { limit: TODO_LIMIT })
              : t('todo.truncated', { limit: TODO_LIMIT })
          }
          action={<Link to="/cases">{t('todo.allCases')}</Link>}
        />
      ) : null}
      <List
        dataSource={tab.items}
        rowKey="id"
        locale={{ emptyText: <Empty description={t('todo.empty')} /> }}
        renderItem={(c) => <TodoItem c={c} returned={returned.has(c.id)} />}
      />
    </>
  );
}

/**
 * 我的待办 for those who act on cases; anyone else (a viewer, an admin) is told they have none and
 * pointed to the case list, instead of being shown every unit's work as if it were theirs.
 */
export default function TodoRoute() {
  const t = useT();
  const has = usePermission();
  if (hasTodo(has)) return <TodoPage />;
  return (
    <Result
      status="info"
      title={t('todo.noneForRole')}
      subTitle={t('todo.noneForRoleHint')}
      extra={
        <LinkButton to="/cases" type="primary">
          {t('menu.caseList')}
        </LinkButton>
      }
      data-testid="todo-none"
    />
  );
}

/** 我的待办: what waits for this user, computed from the case list (and 舆情信息 for 待研判). */
function TodoPage() {
  const t = useT();
  const has = usePermission();
  const defs = useMemo(() => todoTabs(has), [has]);
  // ?tab= opens one tab (the home page's 我的待办 links here); otherwise the first with cases.
  const [searchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const asked =
    tabParam === POSTS_TAB && has('posts.review')
      ? POSTS_TAB
      : defs.find((def) => def.key === tabParam)?.key;
  const [active, setActive] = useState<TabKey | undefined>(asked);
  // A monitor's first work of the morning: the posts nobody has looked at yet (研判).
  const canReview = has('posts.review');
  const load = useCallback(
    (signal: AbortSignal) =>
      Promise.all([
        loadTodo(defs, signal),
        canReview ? loadPendingPosts(signal) : Promise.resolve(null),
      ]).then(([todo, pending]) => ({ ...todo, pending })),
    [defs, canReview],
  );
  const { data, error, loading, reload } = useApi(load);
  const pendingCount = usePendingCount();

  return (
    <Page
      title={t('todo.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Card>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : !data ? (
          <div style={{ textAlign: 'center', padding: 48 }}>
            <Spin />
          </div>
        ) : (
          <Tabs
            activeKey={
              active ??
              (data.pending && data.pending.total > 0
                ? POSTS_TAB
                : data.tabs.find((tab) => tab.items.length > 0)?.def.key)
            }
            onChange={(key) => setActive(key as TabKey)}
            items={[
              ...(data.pending
                ? [
                    {
                      key: POSTS_TAB,
                      label: (
                        <span data-testid="todo-tab-posts">
                          {t('todo.posts')}{' '}
                          <Badge
                            count={pendingCount(data.pending)}
                            showZero
                            color={data.pending.total > 0 ? undefined : '#bfbfbf'}
                          />
                        </span>
                      ),
                      children: <PendingPostsTab pending={data.pending} />,
                    },
                  ]
                : []),
              ...data.tabs.map((tab) => ({
                key: tab.def.key,
                label: (
                  <span data-testid={`todo-tab-${tab.def.key}`}>
                    {t(tab.def.label)}{' '}
                    <Badge
                      count={tab.items.length}
                      showZero
                      overflowCount={99}
                      color={tab.items.length > 0 ? undefined : '#bfbfbf'}
                    />
                  </span>
                ),
                children: <TabBody tab={tab} returned={data.returned} />,
              })),
            ]}
          />
        )}
      </Card>
    </Page>
  );
}
