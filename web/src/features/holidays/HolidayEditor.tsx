import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Space,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { parseHolidayNotice } from '../../../../src/lib/holiday-notice.js';
import { joinList, useT } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { useReturnFocus } from '../../app/use-return-focus';
import { saveHolidays } from './holidays.api';
import type { Festival, HolidayOverview } from './holidays.api';

interface Row {
  name: string;
  off: [Dayjs, Dayjs] | null;
  workdays: Dayjs[];
}

interface Values {
  festivals: Row[];
}

/** The festivals every notice names, in its order: a new year starts from these, dates to fill in. */
// i18n-allow: festival names are the notice's own words, stored and shown as such.
const USUAL_FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];

const DAY = 'YYYY-MM-DD';

function toRows(festivals: Festival[]): Row[] {
  return festivals.map((f) => ({
    name: f.name,
    off: [dayjs(f.from), dayjs(f.to)],
    workdays: f.workdays.map((w) => dayjs(w)),
  }));
}

const isWeekend = (d: Dayjs) => d.day() === 0 || d.day() === 6;

/**
 * Enters or corrects a year's holidays: festival by festival, or read from the State Council's
 * notice pasted in (the rows it reads can be checked and changed before saving).
 */
export function HolidayEditor({
  year,
  festivals,
  onClose,
  onSaved,
}: {
  year: number;
  festivals: Festival[];
  onClose: () => void;
  onSaved: (overview: HolidayOverview) => void;
}) {
  useReturnFocus();
  const t = useT();
  const notifyError = useNotifyError();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState('');
  const [readResult, setReadResult] = useState<{
    type: 'success' | 'warning';
    text: string;
  } | null>(null);

  const initial: Row[] =
    festivals.length > 0
      ? toRows(festivals)
      : USUAL_FESTIVALS.map((name) => ({ name, off: null, workdays: [] }));

  const readNotice = () => {
    const parsed = parseHolidayNotice(notice, year);
    if (parsed.year !== null && parsed.year !== year) {
      setReadResult({
        type: 'warning',
        text: t('holidays.noticeOtherYear', { year: parsed.year }),
      });
      return;
    }
    const unread = parsed.problems.map((p) => p.item).filter((i): i is string => i !== null);
    if (parsed.festivals.length === 0) {
      setReadResult({
        type: 'warning',
        text:
          unread.length > 0
            ? t('holidays.noticeNoDates', { items: joinList(unread) })
            : t('holidays.noticeNothing'),
      });
      return;
    }
    form.setFieldsValue({ festivals: toRows(parsed.festivals) });
    setReadResult({
      type: unread.length > 0 ? 'warning' : 'success',
      text:
        t('holidays.noticeRead', { count: parsed.festivals.length }) +
        (unread.length > 0 ? t('holidays.noticeNoDates', { items: joinList(unread) }) : ''),
    });
  };

  const onFinish = async (values: Values) => {
    setSaving(true);
    try {
      const input: Festival[] = values.festivals.map((r) => ({
        name: r.name.trim(),
        from: (r.off as [Dayjs, Dayjs])[0].format(DAY),
        to: (r.off as [Dayjs, Dayjs])[1].format(DAY),
        workdays: (r.workdays ?? []).map((d) => d.format(DAY)),
      }));
      onSaved(await saveHolidays(year, input));
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  // The months a year's arrangement may touch: 元旦 can begin in the December before.
  const pickerDefault = dayjs(`${year}-01-01`);
  const outside = (d: Dayjs) =>
    d.isBefore(dayjs(`${year - 1}-12-01`)) || d.isAfter(dayjs(`${year}-12-31`));

  return (
    <Drawer
      open
      title={t('holidays.editTitle', { year })}
      size={screens.md ? 720 : '100%'}
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
      <Card size="small" title={t('holidays.pasteTitle')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('holidays.pasteHelp')}
        </Typography.Paragraph>
        <Input.TextArea
          aria-label={t('holidays.pasteTitle')}
          value={notice}
          onChange={(e) => setNotice(e.target.value)}
          autoSize={{ minRows: 4, maxRows: 10 }}
          maxLength={10_000}
          placeholder={t('holidays.pastePlaceholder')}
        />
        <Space style={{ marginTop: 8 }} wrap>
          <Button onClick={readNotice} disabled={notice.trim() === ''}>
            {t('holidays.readNotice')}
          </Button>
        </Space>
        {readResult ? (
          <Alert style={{ marginTop: 8 }} type={readResult.type} showIcon title={readResult.text} />
        ) : null}
      </Card>
      <Form<Values>
        form={form}
        layout="vertical"
        name="holidays"
        initialValues={{ festivals: initial }}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.List name="festivals">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={t('holidays.itemTitle', { n: index + 1 })}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('holidays.removeItem', { n: index + 1 })}
                      onClick={() => remove(field.name)}
                      disabled={fields.length === 1}
                    />
                  }
                >
                  <Flex wrap gap="0 16px">
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('holidays.festival')}
                      rules={[
                        { required: true, whitespace: true, message: t('holidays.nameRequired') },
                      ]}
                    >
                      <Input maxLength={20} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'off']}
                      label={t('holidays.daysOff')}
                      rules={[{ required: true, message: t('holidays.daysOffRequired') }]}
                    >
                      <DatePicker.RangePicker
                        defaultPickerValue={[pickerDefault, pickerDefault]}
                        disabledDate={outside}
                        style={{ width: 260 }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'workdays']}
                      label={t('holidays.workdays')}
                      extra={t('holidays.workdaysHelp')}
                    >
                      <DatePicker
                        multiple
                        maxTagCount="responsive"
                        defaultPickerValue={pickerDefault}
                        disabledDate={(d) => outside(d) || !isWeekend(d)}
                        style={{ width: 260 }}
                      />
                    </Form.Item>
                  </Flex>
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', off: null, workdays: [] })}
                disabled={fields.length >= 12}
              >
                {t('holidays.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
