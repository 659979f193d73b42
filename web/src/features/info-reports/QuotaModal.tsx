import { useCallback, useEffect, useState } from 'react';
import { App, Button, Form, InputNumber, Modal, Radio, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNotifyError } from '../../app/notify';
import { useApi } from '../../app/use-api';
import {
  getQuotaTargets,
  getRanking,
  setQuota,
  setUnitQuotas,
  type RankingRow,
} from './info-reports.api';
import { useInfoText } from './info-text';
import { inParens } from '../../app/i18n/i18n';

interface Values {
  userId: number;
  quota: number;
}

/**
 * 任务数: the office sets the month's briefs owed, for every unit at once in a grid (with last
 * month's figures a click away), or for one person.
 */
export function QuotaModal({
  month,
  open,
  current,
  onClose,
  onSaved,
}: {
  month: string;
  open: boolean;
  /** The month's ranking rows of units: their quotas fill the grid. */
  current: readonly RankingRow[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const text = useInfoText();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [target, setTarget] = useState<'unit' | 'user'>('unit');
  const [saving, setSaving] = useState(false);
  const [grid, setGrid] = useState<Map<number, number | null>>(new Map());
  const [copying, setCopying] = useState(false);
  // Only units and people who can write briefs: the server refuses a quota for anyone else.
  const targets = useApi(useCallback((signal: AbortSignal) => getQuotaTargets(signal), []));
  const before = useCallback(
    (unitId: number) => current.find((r) => r.id === unitId)?.quota ?? 0,
    [current],
  );

  useEffect(() => {
    if (open) {
      setTarget('unit');
      setGrid(new Map(current.map((r) => [r.id, r.quota])));
    }
  }, [open, current]);

  const previousMonth = dayjs(`${month}-01`).subtract(1, 'month').format('YYYY-MM');
  const copyPrevious = async () => {
    setCopying(true);
    try {
      const previous = await getRanking(previousMonth);
      const quotas = previous.units.filter((r) => r.quota !== null);
      if (quotas.length === 0) {
        void message.info(text('noPreviousQuota').replace('{month}', previousMonth));
        return;
      }
      setGrid((g) => new Map([...g, ...quotas.map((r) => [r.id, r.quota] as const)]));
    } catch (error) {
      notifyError(error);
    } finally {
      setCopying(false);
    }
  };

  const saveGrid = async () => {
    const quotas = [...grid]
      .map(([unitId, quota]) => ({ unitId, quota: quota ?? 0 }))
      .filter((q) => q.quota !== before(q.unitId));
    if (quotas.length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    try {
      const { changed } = await setUnitQuotas({ month, quotas });
      void message.success(text('quotasSaved').replace('{n}', String(changed)));
      onSaved();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const save = async () => {
    if (target === 'unit') return saveGrid();
    const v = await form.validateFields();
    setSaving(true);
    try {
      await setQuota({ month, quota: v.quota, userId: v.userId });
      onSaved();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  // A unit that had a quota before it lost its writers stays listed, so it can be cleared.
  const gridUnits = [
    ...(targets.data?.units ?? []),
    ...current
      .filter((r) => r.quota !== null && !targets.data?.units.some((u) => u.id === r.id))
      .map((r) => ({ id: r.id, name: r.name })),
  ];

  return (
    <Modal
      title={`${text('setQuota')}${inParens(month)}`}
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={saving}
      width={target === 'unit' ? 640 : 520}
      destroyOnHidden
    >
      <Radio.Group
        value={target}
        onChange={(e) => setTarget(e.target.value as 'unit' | 'user')}
        style={{ marginBottom: 16 }}
        options={[
          { value: 'unit', label: text('target.unit') },
          { value: 'user', label: text('target.user') },
        ]}
      />
      {target === 'unit' ? (
        <>
          <Typography.Paragraph type="secondary">
            {text('quotaGridHint')}{' '}
            <Button
              size="small"
              loading={copying}
              onClick={() => void copyPrevious()}
              data-testid="quota-copy-previous"
            >
              {text('copyPreviousQuota').replace('{month}', previousMonth)}
            </Button>
          </Typography.Paragraph>
          <Table
            rowKey="id"
            size="small"
            loading={targets.loading}
            pagination={false}
            scroll={{ y: 420 }}
            dataSource={gridUnits}
            data-testid="quota-grid"
            columns={[
              { title: text('target.unit'), dataIndex: 'name', key: 'name' },
              {
                title: text('quota'),
                key: 'quota',
                width: 140,
                render: (_v, u) => (
                  <InputNumber
                    min={0}
                    max={10000}
                    precision={0}
                    placeholder="—"
                    aria-label={`${u.name} ${text('quota')}`}
                    value={grid.get(u.id) ?? null}
                    onChange={(v) => setGrid((g) => new Map(g).set(u.id, v))}
                  />
                ),
              },
            ]}
          />
        </>
      ) : (
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="userId" label={text('target.user')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={targets.loading}
              options={(targets.data?.users ?? []).map((u) => ({
                value: u.id,
                label: u.unitName ? `${u.name}${inParens(u.unitName)}` : u.name,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="quota"
            label={text('quota')}
            extra={text('quotaHint')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={10000} precision={0} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
