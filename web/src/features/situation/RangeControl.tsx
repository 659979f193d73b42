import { useState } from 'react';
import { DatePicker, Segmented } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../app/i18n/i18n';
import type { MessageKey } from '../../app/i18n/i18n';
import { lastDays, localToday, toLocalDate } from '../stats/period';

export interface Range {
  from: string;
  to: string;
}

const PRESETS: { days: number; label: MessageKey }[] = [
  { days: 7, label: 'situation.last7' },
  { days: 30, label: 'situation.last30' },
  { days: 90, label: 'situation.last90' },
];

export function lastDaysRange(days: number): Range {
  const [from, to] = lastDays(days);
  return { from: toLocalDate(from), to: toLocalDate(to) };
}

/** The preset a range is, or 'custom'. */
function presetOf(range: Range): string {
  const found = PRESETS.find((p) => {
    const preset = lastDaysRange(p.days);
    return preset.from === range.from && preset.to === range.to;
  });
  return found ? String(found.days) : 'custom';
}

/** 近7天 / 近30天 / 近90天 / 自定义, with the dates the period covers. */
export function RangeControl({
  value,
  onChange,
}: {
  value: Range;
  onChange: (range: Range) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const today = dayjs(localToday());
  return (
    <>
      <Segmented
        data-testid="situation-range"
        value={presetOf(value)}
        onChange={(v) => {
          if (v === 'custom') setOpen(true);
          else onChange(lastDaysRange(Number(v)));
        }}
        options={[
          ...PRESETS.map((p) => ({ value: String(p.days), label: t(p.label) })),
          { value: 'custom', label: t('situation.custom') },
        ]}
      />
      <DatePicker.RangePicker
        open={open}
        onOpenChange={setOpen}
        allowClear={false}
        value={[dayjs(value.from), dayjs(value.to)]}
        disabledDate={(d) => d.isAfter(today, 'day')}
        onChange={(dates) => {
          const [from, to] = dates ?? [];
          if (from && to) onChange({ from: toLocalDate(from), to: toLocalDate(to) });
        }}
        style={{ width: 250 }}
      />
    </>
  );
}
