import { Flex, Form, Input, Select } from 'antd';
import { useApi } from '../../app/use-api';
import { ActModal } from './ActModal';
import { useIncidentText } from './incident-text';
import {
  INCIDENT_LEVELS,
  listOwners,
  updateIncident,
  type IncidentDetail,
  type IncidentLevel,
} from './incidents.api';

interface Values {
  title: string;
  summary: string;
  level: IncidentLevel;
  ownerId: number;
  keywords: string[];
}

/** 修改事件信息: name, summary, level (升级 / 降级), owner and key words; only changes are sent. */
export function EditIncidentModal({
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
      title={text('editTitle')}
      okText={text('edit')}
      form={form}
      initialValues={{
        title: incident.title,
        summary: incident.summary,
        level: incident.level,
        ownerId: incident.ownerId,
        keywords: incident.keywords,
      }}
      testId="edit-incident"
      submit={(values) =>
        updateIncident(incident.id, {
          version: incident.version,
          ...(values.title.trim() !== incident.title ? { title: values.title } : {}),
          ...(values.summary !== incident.summary ? { summary: values.summary } : {}),
          ...(values.level !== incident.level ? { level: values.level } : {}),
          ...(values.ownerId !== incident.ownerId ? { ownerId: values.ownerId } : {}),
          ...(values.keywords.join('\n') !== incident.keywords.join('\n')
            ? { keywords: values.keywords }
            : {}),
        })
      }
      done={text('saved')}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item
        name="title"
        label={text('name')}
        rules={[{ required: true, whitespace: true, message: text('nameRequired') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="level" label={text('level')} style={{ minWidth: 160 }}>
          <Select options={INCIDENT_LEVELS.map((l) => ({ value: l, label: text(`level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="ownerId" label={text('owner')} style={{ minWidth: 200 }}>
          <Select options={(owners ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
      </Flex>
      <Form.Item name="summary" label={text('summary')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="keywords" label={text('keywords')} extra={text('keywordsHint')}>
        {/* i18n-allow: a full-width comma typed in Chinese separates words too */}
        <Select mode="tags" maxCount={8} open={false} tokenSeparators={[',', '，', ' ']} />
      </Form.Item>
    </ActModal>
  );
}
