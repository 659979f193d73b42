import { useCallback, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Input,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { ApiError, errorMessage } from '../../app/api';
import { inParens, useT } from '../../app/i18n/i18n';
import { useApi } from '../../app/use-api';
import { listUsers } from '../org/users/users.api';
import { GenerateRosterModal } from './GenerateRosterModal';
import { RosterGrid } from './RosterGrid';
import { rowErrors, saveDuties } from './watch.api';
import { fromWall, toWall } from '../../app/wall-time';

const DUTY_ROLES = ['monitor', 'leader', 'office'] as const;
/** Longer than this at a stretch, one person's watch is worth a warning. */
const LONG_WATCH_HOURS = 12;

/** Who would stand more than LONG_WATCH_HOURS without a break, and for how long at most. */
function longWatches(duties: readonly WatchDuty[]): { name: string; hours: number }[] {
  const sorted = [...duties].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const longest = new Map<string, number>();
  let run: { userId: number; name: string; from: number; to: number } | null = null;
  const close = () => {
    if (!run) return;
    const hours = Math.round((run.to - run.from) / 3_600_000);
    if (hours > (longest.get(run.name) ?? 0)) longest.set(run.name, hours);
  };
  for (const d of sorted) {
    const from = new Date(d.startsAt).getTime();
    const to = new Date(d.endsAt).getTime();
    if (run && run.userId === d.userId && from <= run.to) run.to = Math.max(run.to, to);
    else {
      close();
      run = { userId: d.userId, name: d.userName, from, to };
    }
  }
  close();
  return [...longest]
    .filter(([, hours]) => hours > LONG_WATCH_HOURS)
    .map(([name, hours]) => ({ name, hours }));
}
import type { CoverageDay, WatchDuty, WatchPeriodDetail } from './watch.api';

interface Row {
  key: number;
  userId: number | null;
  range: [Dayjs, Dayjs] | null;
  note: string;
}

let nextKey = 1;
const toRow = (d: Pick<WatchDuty, 'userId' | 'startsAt' | 'endsAt' | 'note'>): Row => ({
  key: nextKey++,
  userId: d.userId,
  range: [toWall(d.startsAt), toWall(d.endsAt)],
  note: d.note ?? '',
});

/**
 * Edits the roster as a table of shifts, one row each; 自动排班 fills it with a rotation. Nothing
 * is saved until 保存值班表; the server's problems are shown at the rows they name.
 */
export function RosterEditor({
  period,
  onCancel,
  onSaved,
}: {
  period: WatchPeriodDetail;
  onCancel: () => void;
  onSaved: (period: WatchPeriodDetail) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[]>(() => period.duties.map(toRow));
  const [errors, setErrors] = useState<Map<number, string>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [generating, setGenerating] = useState(false);
  const [proposal, setProposal] = useState<{ duties: WatchDuty[]; coverage: CoverageDay[] }>();

  // Who may stand a watch (src/modules/watch/duty-users.ts): monitors, leaders, office staff.
  const loadMonitors = useCallback(async (signal: AbortSignal) => {
    const pages = await Promise.all(
      DUTY_ROLES.map((role) => listUsers({ role, active: true, pageSize: 200 }, signal)),
    );
    const seen = new Map<number, { id: number; name: string; role: (typeof DUTY_ROLES)[number] }>();
    pages.forEach((page, k) => {
      for (const u of page.items) {
        if (!seen.has(u.id)) seen.set(u.id, { id: u.id, name: u.name, role: DUTY_ROLES[k]! });
      }
    });
    return { items: [...seen.values()] };
  }, []);
  const monitors = useApi(loadMonitors);
  const userOptions = useMemo(() => {
    const options = (monitors.data?.items ?? []).map((u) => ({
      value: u.id,
      label: u.role === 'monitor' ? u.name : `${u.name}${inParens(t(`role.${u.role}`))}`,
    }));
    for (const d of period.duties) {
      if (!options.some((o) => o.value === d.userId)) {
        options.push({ value: d.userId, label: d.userName });
      }
    }
    return options;
  }, [monitors.data, period.duties, t]);

  const first = dayjs(period.startsOn).startOf('day');
  const end = dayjs(period.endsOn).add(1, 'day').startOf('day');

  const update = (key: number, patch: Partial<Row>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const addRow = () => {
    const last = rows.at(-1)?.range?.[1];
    const start = last && last.isBefore(end) ? last : first;
    const stop = start.add(8, 'hour').isAfter(end) ? end : start.add(8, 'hour');
    setRows([...rows, { key: nextKey++, userId: null, range: [start, stop], note: '' }]);
  };

  const save = async () => {
    const missing = new Map<number, string>();
    rows.forEach((r, i) => {
      if (r.userId === null) missing.set(i + 1, t('watch.shiftUserRequired'));
      else if (!r.range) missing.set(i + 1, t('watch.shiftTimeRequired'));
    });
    setErrors(missing);
    if (missing.size > 0) {
      setProblem(t('watch.rosterInvalid'));
      return;
    }
    setSaving(true);
    try {
      const saved = await saveDuties(
        period.id,
        rows.map((r) => ({
          userId: r.userId ?? 0,
          startsAt: r.range ? fromWall(r.range[0]) : '',
          endsAt: r.range ? fromWall(r.range[1]) : '',
          note: r.note.trim() || null,
        })),
      );
      void message.success(t('watch.rosterSaved'));
      onSaved(saved);
    } catch (cause) {
      const byRow =
        cause instanceof ApiError ? rowErrors(cause.message) : new Map<number, string>();
      setErrors(byRow);
      setProblem(byRow.size > 0 ? t('watch.rosterInvalid') : errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<Row> = [
    {
      title: '#',
      key: 'index',
      width: 48,
      render: (_: unknown, __: Row, index) => index + 1,
    },
    {
      title: t('watch.shiftUser'),
      key: 'user',
      width: 180,
      render: (_: unknown, row) => (
        <Select
          value={row.userId ?? undefined}
          onChange={(userId: number) => update(row.key, { userId })}
          options={userOptions}
          loading={monitors.loading}
          placeholder={t('watch.shiftUserRequired')}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 160 }}
          aria-label={t('watch.shiftUser')}
        />
      ),
    },
    {
      title: t('watch.shiftTime'),
      key: 'range',
      render: (_: unknown, row, index) => (
        <Space orientation="vertical" size={2}>
          <DatePicker.RangePicker
            value={row.range}
            onChange={(range) =>
              update(row.key, { range: range?.[0] && range[1] ? [range[0], range[1]] : null })
            }
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(first, 'day') || d.isAfter(end, 'day')}
            status={errors.has(index + 1) ? 'error' : undefined}
            allowClear={false}
          />
          {errors.has(index + 1) ? (
            <Typography.Text type="danger" data-testid={`roster-error-${index + 1}`}>
              {errors.get(index + 1)}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('watch.shiftNote'),
      key: 'note',
      width: 200,
      render: (_: unknown, row) => (
        <Input
          value={row.note}
          maxLength={200}
          onChange={(e) => update(row.key, { note: e.target.value })}
        />
      ),
    },
    {
      key: 'remove',
      width: 56,
      render: (_: unknown, row) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('watch.removeShift')}
          onClick={() => setRows(rows.filter((r) => r.key !== row.key))}
        />
      ),
    },
  ];

  return (
    <div data-testid="roster-editor">
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Button icon={<ThunderboltOutlined />} onClick={() => setGenerating(true)}>
          {t('watch.generate')}
        </Button>
        <Button icon={<PlusOutlined />} onClick={addRow}>
          {t('watch.addShift')}
        </Button>
        <span style={{ flex: 1 }} />
        <Button onClick={onCancel}>{t('watch.cancel')}</Button>
        <Button type="primary" loading={saving} onClick={() => void save()}>
          {t('watch.saveRoster')}
        </Button>
      </Flex>
      {problem ? (
        <Alert
          type="error"
          showIcon
          title={problem}
          style={{ marginBottom: 12 }}
          closable={{ onClose: () => setProblem(null) }}
        />
      ) : null}
      {monitors.error ? (
        <Alert
          type="warning"
          showIcon
          title={errorMessage(monitors.error)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {proposal ? (
        <div style={{ marginBottom: 16 }}>
          {longWatches(proposal.duties).map((w) => (
            <Alert
              key={w.name}
              type="warning"
              showIcon
              title={t('watch.longWatch', { name: w.name, hours: w.hours })}
              style={{ marginBottom: 8 }}
              data-testid="roster-long-watch"
            />
          ))}
          <RosterGrid coverage={proposal.coverage} duties={proposal.duties} />
        </div>
      ) : null}
      <Table<Row>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content', y: 560 }}
        locale={{ emptyText: t('watch.noShiftsEditing') }}
      />
      {generating ? (
        <GenerateRosterModal
          periodId={period.id}
          monitors={userOptions}
          onClose={() => setGenerating(false)}
          onGenerated={(result) => {
            setGenerating(false);
            setRows(result.duties.map(toRow));
            setErrors(new Map());
            setProblem(null);
            setProposal(result);
            void message.info(t('watch.generated', { count: result.duties.length }));
          }}
        />
      ) : null}
    </div>
  );
}
