import { useCallback, useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Input,
  List,
  Modal,
  Popconfirm,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useNotifyError } from '../../app/notify';
import { useApi } from '../../app/use-api';
import { StateTag } from '../cases/case-labels';
import { CASE_STATES, listCases, type CaseState } from '../cases/cases.api';
import type { IncidentText } from './incident-text';
import { addCases, removeCases, type IncidentDetail } from './incidents.api';
import { inParens } from '../../app/i18n/i18n';
import { useReturnFocus } from '../../app/use-return-focus';

const isCaseState = (s: string): s is CaseState => (CASE_STATES as readonly string[]).includes(s);

/** 关联办件: the cases on the matter (those of linked posts come on their own). */
export function IncidentCasesTab({
  incident,
  canAct,
  text,
  onChanged,
}: {
  incident: IncidentDetail;
  canAct: boolean;
  text: IncidentText;
  onChanged: (incident: IncidentDetail) => void;
}) {
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [adding, setAdding] = useState(false);
  const remove = async (caseId: number) => {
    try {
      onChanged(await removeCases(incident.id, incident.version, [caseId]));
      void message.success(text('removed'));
    } catch (cause) {
      notifyError(cause);
    }
  };
  return (
    <Card
      size="small"
      title={`${text('cases')}${inParens(incident.cases.length)}`}
      extra={
        canAct ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {text('addCases')}
          </Button>
        ) : null
      }
    >
      <List
        dataSource={incident.cases}
        data-testid="incident-cases"
        locale={{ emptyText: <Empty description={text('noCases')} /> }}
        renderItem={(c) => (
          <List.Item
            key={c.id}
            actions={
              canAct
                ? [
                    <Popconfirm
                      key="remove"
                      title={text('removeCaseConfirm')}
                      onConfirm={() => void remove(c.id)}
                    >
                      <Button type="link" size="small" danger>
                        {text('remove')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Flex wrap gap={12} align="center">
              {isCaseState(c.state) ? <StateTag state={c.state} /> : null}
              <Link to={`/cases/${c.id}`}>{c.slipNo ?? text('viewCase', { id: c.id })}</Link>
              <span>{c.title}</span>
            </Flex>
          </List.Item>
        )}
      />
      {adding ? (
        <AddCasesModal
          incident={incident}
          text={text}
          onClose={() => setAdding(false)}
          onDone={(updated) => {
            setAdding(false);
            void message.success(text('added'));
            onChanged(updated);
          }}
        />
      ) : null}
    </Card>
  );
}

function AddCasesModal({
  incident,
  text,
  onClose,
  onDone,
}: {
  incident: IncidentDetail;
  text: IncidentText;
  onClose: () => void;
  onDone: (incident: IncidentDetail) => void;
}) {
  useReturnFocus();
  const notifyError = useNotifyError();
  const [q, setQ] = useState(incident.keywords[0] ?? '');
  const [selected, setSelected] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);
  const load = useCallback(
    (signal: AbortSignal) => listCases({ q: q || undefined, pageSize: 20 }, signal),
    [q],
  );
  const { data, loading } = useApi(load);
  const linked = new Set(incident.cases.map((c) => c.id));
  const submit = async () => {
    setSaving(true);
    try {
      onDone(await addCases(incident.id, incident.version, selected));
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={text('addCases')}
      okText={text('addSelected')}
      okButtonProps={{ disabled: selected.length === 0, loading: saving }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={680}
    >
      <Input.Search
        defaultValue={q}
        placeholder={text('searchCases')}
        allowClear
        enterButton
        onSearch={(value) => setQ(value.trim())}
        style={{ marginBottom: 12 }}
      />
      <List
        loading={loading}
        dataSource={(data?.items ?? []).filter((c) => !linked.has(c.id))}
        style={{ maxHeight: 420, overflowY: 'auto' }}
        renderItem={(c) => (
          <List.Item key={c.id}>
            <Flex gap={12} align="center" wrap>
              <Checkbox
                checked={selected.includes(c.id)}
                onChange={(e) =>
                  setSelected((s) =>
                    e.target.checked ? [...s, c.id] : s.filter((id) => id !== c.id),
                  )
                }
              />
              <StateTag state={c.state} />
              <span>{c.slipNo ?? `#${c.id}`}</span>
              <span>{c.title}</span>
              <Typography.Text type="secondary">{formatDateTime(c.registeredAt)}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Modal>
  );
}
