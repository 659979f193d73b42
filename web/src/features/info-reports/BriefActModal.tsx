import { useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { useNotifyError } from '../../app/notify';
import { markSubmitted, recordOutcome, reviewBrief } from './info-reports.api';
import type { Brief, OutcomeKind } from './info-reports.api';
import { levelLabel, OUTCOME_LEVELS, useInfoText } from './info-text';

export type BriefAct = 'return' | 'submit' | 'outcome';

interface Values {
  comment?: string;
  submittedTo?: string;
  kind?: OutcomeKind;
  byWhom?: string;
  level?: string;
  note?: string;
}

/** The acts that need a few words: return (why), submit (to whom), outcome (what, by whom). */
export function BriefActModal({
  brief,
  act,
  onClose,
  onDone,
}: {
  brief: Brief;
  act: BriefAct | null;
  onClose: () => void;
  onDone: (brief: Brief) => void;
}) {
  const text = useInfoText();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, whitespace: true, message: text('required') }];

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const version = brief.version;
      const next =
        act === 'return'
          ? await reviewBrief(brief.id, { decision: 'return', comment: v.comment ?? '', version })
          : act === 'submit'
            ? await markSubmitted(brief.id, v.submittedTo ?? '', version)
            : await recordOutcome(brief.id, {
                kind: v.kind ?? 'adopted',
                byWhom: v.byWhom ?? '',
                level: v.level ?? '',
                ...(v.note ? { note: v.note } : {}),
                version,
              });
      onDone(next);
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const title =
    act === 'return' ? text('return') : act === 'submit' ? text('submit') : text('addOutcome');
  return (
    <Modal
      title={title}
      open={act !== null}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          submittedTo: text('submittedToDefault'),
          kind: 'adopted',
          level: OUTCOME_LEVELS[1],
        }}
      >
        {act === 'return' ? (
          <Form.Item name="comment" label={text('returnComment')} rules={required}>
            <Input.TextArea rows={4} maxLength={1000} data-testid="return-comment" />
          </Form.Item>
        ) : null}
        {act === 'submit' ? (
          <Form.Item name="submittedTo" label={text('submittedTo')} rules={required}>
            <Input maxLength={100} data-testid="submitted-to" />
          </Form.Item>
        ) : null}
        {act === 'outcome' ? (
          <>
            <Form.Item name="kind" label={text('outcomeKind')}>
              <Select
                options={(['adopted', 'instruction'] as const).map((k) => ({
                  value: k,
                  label: text(`outcome.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="byWhom" label={text('byWhom')} rules={required}>
              <Input maxLength={100} data-testid="outcome-by" />
            </Form.Item>
            <Form.Item name="level" label={text('level')} rules={required}>
              <Select
                options={OUTCOME_LEVELS.map((l) => ({ value: l, label: levelLabel(text, l) }))}
              />
            </Form.Item>
            <Form.Item name="note" label={text('note')}>
              <Input maxLength={1000} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
