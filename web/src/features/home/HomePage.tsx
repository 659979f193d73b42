import { useCallback } from 'react';
import { Card, Col, Descriptions, Row, Space, Statistic, Tag, Typography } from 'antd';
import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../app/api';
import type { Page as ApiPage } from '../../app/api';
import { useMe, usePermission } from '../../app/auth';
import { useI18n } from '../../app/i18n/i18n';
import { ROLE_COLORS, roleLabel } from '../../app/labels';
import { Page } from '../../app/Page';
import { useApi } from '../../app/use-api';
import { formatNumber } from '../../app/format';
import type { Unit } from '../org/units/units.api';
import { TodayDutyCard } from '../watch/TodayDutyCard';
import { TodayCard } from './TodayCard';
import { TodoCard } from './TodoCard';
import { SetupCard } from './SetupCard';
import { HolidayWarning } from '../holidays/HolidayWarning';
import { BackupWarning } from '../backup/BackupWarning';
import { hasTodo } from '../cases/todo/todo-tabs';

/**
 * 工作台: what waits for this user today. First the cases waiting under 我的待办 for those who act
 * on cases (on a phone too) and today's duty roster, then today's figures for those who read
 * posts; units and users for the admins who keep them.
 */
export default function HomePage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const has = usePermission();

  const loadUnits = useCallback(
    (signal: AbortSignal) => api<{ items: Unit[] }>('/api/units', { signal }),
    [],
  );
  const loadUsers = useCallback(
    (signal: AbortSignal) =>
      api<ApiPage<unknown>>('/api/users', { query: { active: true, pageSize: 1 }, signal }),
    [],
  );
  const showUnits = has('org.manage');
  const showUsers = has('users.manage');
  const showToday = has('posts.read');
  const showTodo = hasTodo(has);
  const units = useApi(showUnits ? loadUnits : null);
  const users = useApi(showUsers ? loadUsers : null);

  const unitItems = units.data?.items;
  const activeUnits = unitItems?.filter((u) => u.active).length ?? 0;

  return (
    <Page title={t('menu.home')}>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title
          level={2}
          style={{ marginTop: 0, fontSize: 20, lineHeight: 1.4 }}
          data-testid="welcome"
        >
          {t('home.welcome', { name: me.name })}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'unit',
              label: t('home.unit'),
              children: me.unitName ?? t('home.noUnit'),
            },
            {
              key: 'roles',
              label: t('home.roles'),
              children: (
                <Space size={[0, 4]} wrap>
                  {me.roles.map((role) => (
                    <Tag key={role} color={ROLE_COLORS[role]}>
                      {roleLabel(t, role)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        {has('backup.manage') ? <BackupWarning /> : null}
        {has('holidays.manage') ? <HolidayWarning /> : null}
        {has('org.manage') ? <SetupCard /> : null}
        {showTodo ? (
          <Col xs={24} lg={16}>
            <TodoCard />
          </Col>
        ) : null}
        {has('watch.read') ? (
          <Col xs={24} lg={8}>
            <TodayDutyCard />
          </Col>
        ) : null}
        {showToday ? (
          <Col span={24}>
            <TodayCard />
          </Col>
        ) : null}
        {showUnits ? (
          <Col xs={24} sm={12} lg={8}>
            <Card
              title={t('home.units')}
              extra={<Link to="/admin/units">{t('home.goUnits')}</Link>}
            >
              <Statistic
                loading={units.loading}
                value={unitItems ? formatNumber(unitItems.length, lang) : '—'}
                prefix={<ApartmentOutlined />}
              />
              <Typography.Text type={units.error ? 'danger' : 'secondary'}>
                {units.error
                  ? errorMessage(units.error)
                  : t('home.activeUnits', { count: formatNumber(activeUnits, lang) })}
              </Typography.Text>
            </Card>
          </Col>
        ) : null}
        {showUsers ? (
          <Col xs={24} sm={12} lg={8}>
            <Card
              title={t('home.activeUsers')}
              extra={<Link to="/admin/users">{t('home.goUsers')}</Link>}
            >
              <Statistic
                loading={users.loading}
                value={users.data ? formatNumber(users.data.total, lang) : '—'}
                prefix={<TeamOutlined />}
              />
              {users.error ? (
                <Typography.Text type="danger">{errorMessage(users.error)}</Typography.Text>
              ) : null}
            </Card>
          </Col>
        ) : null}
        {!showToday && !showTodo && !has('watch.read') && !showUnits && !showUsers ? (
          <Col span={24}>
            <Card>
              <Typography.Text type="secondary">{t('home.noStats')}</Typography.Text>
            </Card>
          </Col>
        ) : null}
      </Row>
    </Page>
  );
}
