import { useCallback, useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { LoadError, NotFound } from '../../app/results';
import { useApi } from '../../app/use-api';
import { ApiError } from '../../app/api';
import { PeriodFormDrawer } from './PeriodFormDrawer';
import { RosterEditor } from './RosterEditor';
import { HandoverCard } from '../info-reports/HandoverCard';
import { RosterGrid } from './RosterGrid';
import { deleteWatchPeriod, getWatchPeriod } from './watch.api';
import type { WatchDuty } from './watch.api';
import { KIND_COLORS, kindLabel, STATUS_COLORS, statusLabel } from './watch-labels';
import { LinkButton } from '../../app/LinkButton';

/** A watch period: its dates and sources, the 24-hour roster grid and the shifts. */
export default function WatchPeriodPage() {
  const t = useT();
  const id = Number(useParams().id);
  const has = usePermission();
  const canManage = has('watch.manage');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [editing, setEditing] = useState(false);
  const [rosterEditing, setRosterEditing] = useState(false);

  const load = useCallback((signal: AbortSignal) => getWatchPeriod(id, signal), [id]);
  const { data: period, error, loading, reload } = useApi(Number.isInteger(id) ? load : null);

  if (error && !period) {
    if (error instanceof ApiError && error.status === 404) return <NotFound />;
    return (
      <Page title={t('watch.title')}>
        <LoadError error={error} onRetry={reload} />
      </Page>
    );
  }
  if (!period) return <Card loading={loading} />;

  const onDelete = async () => {
    try {
      await deleteWatchPeriod(period.id);
      void message.success(t('watch.deleted', { name: period.name }));
      void navigate('/watch');
    } catch (cause) {
      notifyError(cause);
    }
  };

  const shiftColumns: TableColumnsType<WatchDuty> = [
    { title: '#', key: 'index', width: 48, render: (_: unknown, __: WatchDuty, i) => i + 1 },
    { title: t('watch.shiftUser'), dataIndex: 'userName', width: 140 },
    {
      title: t('watch.shiftTime'),
      key: 'time',
      render: (_: unknown, d) => `${formatDateTime(d.startsAt)} ~ ${formatDateTime(d.endsAt)}`,
    },
    { title: t('watch.shiftNote'), dataIndex: 'note', render: (note: string | null) => note ?? '' },
  ];

  return (
    <Page
      title={period.name}
      extra={
        <>
          <LinkButton to="/watch" icon={<ArrowLeftOutlined />}>
            {t('watch.back')}
          </LinkButton>
          {canManage ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('watch.edit')}
              </Button>
              <Popconfirm
                title={t('watch.confirmDelete', { name: period.name })}
                okText={t('watch.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => void onDelete()}
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('watch.delete')}
                </Button>
              </Popconfirm>
            </>
          ) : null}
        </>
      }
    >
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'kind',
              label: t('watch.kind'),
              children: (
                <Space size={4}>
                  <Tag color={KIND_COLORS[period.kind]}>{kindLabel(t, period.kind)}</Tag>
                  <Tag color={STATUS_COLORS[period.status]}>{statusLabel(t, period.status)}</Tag>
                </Space>
              ),
            },
            {
              key: 'dates',
              label: t('watch.dates'),
              children: `${period.startsOn} ~ ${period.endsOn}`,
            },
            {
              key: 'interval',
              label: t('watch.interval'),
              children: t('watch.intervalValue', { minutes: period.intervalMinutes }),
            },
            {
              key: 'sources',
              label: t('watch.sources'),
              children:
                period.sources.length > 0 ? (
                  <Space size={[0, 4]} wrap>
                    {period.sources.map((s) => (
                      <Tag key={s.id} color={s.enabled ? 'blue' : 'default'}>
                        {s.name}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('watch.sourcesNone')}</Typography.Text>
                ),
            },
            ...(period.note
              ? [{ key: 'note', label: t('watch.note'), children: period.note, span: 2 }]
              : []),
          ]}
        />
      </Card>
      <Card
        title={t('watch.roster')}
        extra={
          canManage && !rosterEditing ? (
            <Button
              type="primary"
              icon={<ScheduleOutlined />}
              onClick={() => setRosterEditing(true)}
            >
              {t('watch.editRoster')}
            </Button>
          ) : null
        }
      >
        {rosterEditing ? (
          <RosterEditor
            period={period}
            onCancel={() => setRosterEditing(false)}
            onSaved={() => {
              setRosterEditing(false);
              reload();
            }}
          />
        ) : (
          <>
            <RosterGrid coverage={period.coverage} duties={period.duties} />
            <Table<WatchDuty>
              style={{ marginTop: 16 }}
              rowKey={(d) => d.id ?? `${d.userId}-${d.startsAt}`}
              size="small"
              columns={shiftColumns}
              dataSource={period.duties}
              pagination={period.duties.length > 50 ? { pageSize: 50 } : false}
              locale={{ emptyText: <Empty description={t('watch.noShifts')} /> }}
              data-testid="roster-shifts"
            />
          </>
        )}
      </Card>
      <HandoverCard watchPeriodId={period.id} />
      {editing ? (
        <PeriodFormDrawer
          period={period}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            void message.success(t('watch.updated', { name: saved.name }));
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}
