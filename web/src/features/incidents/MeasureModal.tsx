import { DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useApi } from '../../app/use-api';
import { ActModal } from './ActModal';
import { useIncidentText } from './incident-text';
import {
  addMeasure,
  listOwners,
  MEASURE_KINDS,
  type IncidentDetail,
  type MeasureKind,
} from './incidents.api';
import { fromWall, wallNow } from '../../app/wall-time';
import { colon } from '../../app/i18n/i18n';

interface Values {
  kind: MeasureKind;
  description: string;
  takenAt: Dayjs;
  ownerUserId?: number;
  ownerUnit?: string;
  url?: string;
}

/** 登记处置措施: what was actually done, when, and who answers for it (a person or a unit). */
export function MeasureModal({
  incident,
  onClose,
  onDone,
}: {
  incident: IncidentDetail;
  onClose: () => void;
  onDone: (incident: IncidentDetail) => void;
}) {
  const text = useIncidentText();
  const [form] = Form.useForm<Values>();
  const { data: owners } = useApi(listOwners);
  return (
    <ActModal<Values>
      title={`${text('measureTitle')}${colon()}${incident.title}`}
      okText={text('addMeasure')}
      form={form}
      initialValues={{ kind: 'official_reply', takenAt: wallNow() }}
      testId="measure"
      submit={(values) =>
        addMeasure(incident.id, {
          version: incident.version,
          kind: values.kind,
          description: values.description,
          takenAt: fromWall(values.takenAt),
          ownerUserId: values.ownerUserId,
          ownerUnit: values.ownerUnit?.trim() || undefined,
          url: values.url?.trim() || undefined,
        })
      }
      done={text('measured')}
      onClose={onClose}
      onDone={onDone}
    >
      <Flex gap={16} wrap>
        <Form.Item name="kind" label={text('measureKind')} style={{ minWidth: 180 }}>
          <Select
            data-testid="measure-kind"
            options={MEASURE_KINDS.map((k) => ({ value: k, label: text(`measure.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="takenAt"
          label={text('takenAt')}
          rules={[{ required: true, message: text('takenAtRequired') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isAfter(wallNow(), 'day')}
          />
        </Form.Item>
      </Flex>
      <Form.Item
        name="description"
        label={text('description')}
        rules={[{ required: true, whitespace: true, message: text('descriptionRequired') }]}
      >
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item
          name="ownerUnit"
          label={text('ownerUnit')}
          style={{ minWidth: 200 }}
          dependencies={['ownerUserId']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value?.trim() || getFieldValue('ownerUserId')
                  ? Promise.resolve()
                  : Promise.reject(new Error(text('ownerNeeded'))),
            }),
          ]}
        >
          <Input maxLength={100} placeholder={text('ownerUnitPlaceholder')} />
        </Form.Item>
        <Form.Item name="ownerUserId" label={text('ownerUser')} style={{ minWidth: 180 }}>
          <Select
            allowClear
            options={(owners ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      </Flex>
      <Form.Item name="url" label={text('url')}>
        <Input maxLength={2000} placeholder={text('urlPlaceholder')} />
      </Form.Item>
    </ActModal>
  );
}
