import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Popconfirm,
  Segmented,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { EditOutlined, RollbackOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { usePermission } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { joinList, useT } from '../../app/i18n/i18n';
import type { Translate } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { HolidayEditor } from './HolidayEditor';
import { getHolidays, resetHolidays } from './holidays.api';
import { missingText } from './holiday-text';
import type { Festival, HolidaySource, HolidayYear } from './holidays.api';

const SOURCE_COLORS: Record<HolidaySource, string> = {
  custom: 'blue',
  builtin: 'default',
  none: 'red',
};

/** 2026-02-14 周六 */
function dayText(t: Translate, date: string): string {
  return `${date} ${t(`holidays.weekday${dayjs(date).day()}` as 'holidays.weekday0')}`;
}

function FestivalTable({ year }: { year: HolidayYear }) {
  const t = useT();
  if (year.festivals.length === 0) {
    return <Empty description={t('holidays.noneYet', { year: year.year })} />;
  }
  return (
    <Table<Festival>
      rowKey={(f) => `${f.name}-${f.from}`}
      dataSource={year.festivals}
      pagination={false}
      size="middle"
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('holidays.festival'), dataIndex: 'name', key: 'name' },
        {
          title: t('holidays.daysOff'),
          key: 'off',
          render: (_, f) =>
            f.from === f.to
              ? dayText(t, f.from)
              : `${dayText(t, f.from)} ${t('holidays.to')} ${dayText(t, f.to)}`,
        },
        {
          title: t('holidays.dayCount'),
          key: 'days',
          align: 'right',
          render: (_, f) => dayjs(f.to).diff(dayjs(f.from), 'day') + 1,
        },
        {
          title: t('holidays.workdays'),
          key: 'workdays',
          render: (_, f) =>
            f.workdays.length === 0 ? (
              <Typography.Text type="secondary">{t('holidays.noWorkdays')}</Typography.Text>
            ) : (
              joinList(f.workdays.map((w) => dayText(t, w)))
            ),
        },
      ]}
    />
  );
}

/**
 * 节假日安排: which days count as working days for deadlines counted in working days and for the
 * daily report. Built in up to the last year its data knows; the office or an admin enters the
 * next year once the State Council publishes it, by pasting the notice or day by day.
 */
export default function HolidaysPage() {
  const t = useT();
  const has = usePermission();
  const canManage = has('holidays.manage');
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const load = useCallback((signal: AbortSignal) => getHolidays(signal), []);
  const { data, error, reload } = useApi(load);
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [resetting, setResetting] = useState(false);

  const defaultYear = data ? (data.missingYear ?? Number(data.today.slice(0, 4))) : null;
  const year = data?.years.find((y) => y.year === (selected ?? defaultYear)) ?? data?.years[0];
  const missing = data ? missingText(t, data) : null;

  /** After a change the page stays on the year changed, whatever it would open on now. */
  const saved = (changed: number, text: string, postponed = 0) => {
    reload();
    setSelected(changed);
    setEditing(null);
    void message.success(
      postponed > 0 ? `${text}${t('holidays.postponed', { count: postponed })}` : text,
    );
  };

  const reset = async (y: number) => {
    setResetting(true);
    try {
      const result = await resetHolidays(y);
      saved(y, t('holidays.resetDone', { year: y }), result.postponed);
    } catch (cause) {
      notifyError(cause);
    } finally {
      setResetting(false);
    }
  };

  return (
    <Page title={t('menu.holidays')}>
      {missing && data ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={missing}
          action={
            canManage && data.missingYear !== null ? (
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  setSelected(data.missingYear);
                  setEditing(data.missingYear);
                }}
              >
                {t('holidays.enterYear', { year: data.missingYear })}
              </Button>
            ) : null
          }
        />
      ) : null}
      <Card>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('holidays.intro')}
        </Typography.Paragraph>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : !data || !year ? (
          <Skeleton active />
        ) : (
          <>
            <Segmented<number>
              aria-label={t('holidays.year')}
              style={{ marginBottom: 16 }}
              value={year.year}
              onChange={setSelected}
              options={data.years.map((y) => ({
                value: y.year,
                label: t('holidays.yearLabel', { year: y.year }),
              }))}
            />
            <Descriptions
              column={{ xs: 1, md: 3 }}
              style={{ marginBottom: 16 }}
              items={[
                {
                  key: 'source',
                  label: t('holidays.source'),
                  children: (
                    <Tag color={SOURCE_COLORS[year.source]}>
                      {t(`holidays.source.${year.source}`)}
                    </Tag>
                  ),
                },
                {
                  key: 'changes',
                  label: t('holidays.changes'),
                  children: t('holidays.changesText', {
                    off: year.weekdaysOff,
                    worked: year.weekendsWorked,
                  }),
                },
                ...(year.updatedAt
                  ? [
                      {
                        key: 'updated',
                        label: t('holidays.updatedAt'),
                        children: formatDateTime(year.updatedAt),
                      },
                    ]
                  : []),
              ]}
            />
            <FestivalTable year={year} />
            {canManage ? (
              <Space style={{ marginTop: 16 }} wrap>
                <Button
                  type={year.source === 'none' ? 'primary' : 'default'}
                  icon={<EditOutlined />}
                  onClick={() => setEditing(year.year)}
                >
                  {year.source === 'none'
                    ? t('holidays.enterYear', { year: year.year })
                    : t('holidays.editYear', { year: year.year })}
                </Button>
                {year.source === 'custom' ? (
                  <Popconfirm
                    title={t('holidays.resetConfirm', { year: year.year })}
                    onConfirm={() => void reset(year.year)}
                    okText={t('holidays.reset')}
                    cancelText={t('common.cancel')}
                  >
                    <Button icon={<RollbackOutlined />} loading={resetting}>
                      {t('holidays.reset')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ) : null}
          </>
        )}
      </Card>
      {editing !== null && data ? (
        <HolidayEditor
          year={editing}
          festivals={data.years.find((y) => y.year === editing)?.festivals ?? []}
          onClose={() => setEditing(null)}
          onSaved={(result) =>
            saved(editing, t('holidays.saved', { year: editing }), result.postponed)
          }
        />
      ) : null}
    </Page>
  );
}
