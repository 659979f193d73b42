import { useCallback, useMemo, useState } from 'react';
import { Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { useApi } from '../../app/use-api';
import { createWatchPeriod, listSourceOptions, updateWatchPeriod, WATCH_KINDS } from './watch.api';
import type { WatchKind, WatchPeriodDetail } from './watch.api';
import { kindLabel } from './watch-labels';
import { useReturnFocus } from '../../app/use-return-focus';

interface Values {
  name: string;
  kind: WatchKind;
  dates: [Dayjs, Dayjs];
  intervalMinutes: number;
  sourceIds: number[];
  note: string;
}

/** Adds (`period` null) or edits a watch period: its dates, its sources and how often to fetch them. */
export function PeriodFormDrawer({
  period,
  onClose,
  onSaved,
}: {
  period: WatchPeriodDetail | null;
  onClose: () => void;
  onSaved: (period: WatchPeriodDetail) => void;
}) {
  useReturnFocus();
  const t = useT();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const loadSources = useCallback((signal: AbortSignal) => listSourceOptions(signal), []);
  const sources = useApi(loadSources);

  // A source already chosen but since disabled still shows by name.
  const sourceOptions = useMemo(() => {
    const options = (sources.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
    for (const s of period?.sources ?? []) {
      if (!options.some((o) => o.value === s.id)) options.push({ value: s.id, label: s.name });
    }
    return options;
  }, [sources.data, period]);

  const initialValues: Partial<Values> = period
    ? {
        name: period.name,
        kind: period.kind,
        dates: [dayjs(period.startsOn), dayjs(period.endsOn)],
        intervalMinutes: period.intervalMinutes,
        sourceIds: period.sources.map((s) => s.id),
        note: period.note ?? '',
      }
    : { kind: 'meeting', intervalMinutes: 60, sourceIds: [], note: '' };

  const onFinish = async (values: Values) => {
    setSaving(true);
    const input = {
      name: values.name.trim(),
      kind: values.kind,
      startsOn: values.dates[0].format('YYYY-MM-DD'),
      endsOn: values.dates[1].format('YYYY-MM-DD'),
      intervalMinutes: values.intervalMinutes,
      note: values.note.trim() || null,
      sourceIds: values.sourceIds,
    };
    try {
      onSaved(period ? await updateWatchPeriod(period.id, input) : await createWatchPeriod(input));
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      title={period ? t('watch.edit') : t('watch.add')}
      size={520}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="watch-period"
        initialValues={initialValues}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item
          name="name"
          label={t('watch.name')}
          rules={[{ required: true, whitespace: true, message: t('watch.nameRequired') }]}
        >
          <Input maxLength={60} showCount placeholder={t('watch.namePlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('watch.kind')}
          rules={[{ required: true, message: t('watch.kindRequired') }]}
        >
          <Select options={WATCH_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} />
        </Form.Item>
        <Form.Item
          name="dates"
          label={t('watch.dates')}
          rules={[{ required: true, message: t('watch.datesRequired') }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="intervalMinutes"
          label={t('watch.interval')}
          extra={t('watch.intervalHint')}
          rules={[{ required: true, type: 'integer', min: 5, max: 1440 }]}
        >
          <InputNumber
            min={5}
            max={1440}
            precision={0}
            suffix={t('watch.minutesUnit')}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item name="sourceIds" label={t('watch.sources')}>
          <Select
            mode="multiple"
            allowClear
            loading={sources.loading}
            placeholder={t('watch.sourcesPlaceholder')}
            options={sourceOptions}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="note" label={t('watch.note')}>
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
