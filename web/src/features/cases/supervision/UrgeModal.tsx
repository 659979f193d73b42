import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { ApiError, errorMessage } from '../../../app/api';
import { colon, useT } from '../../../app/i18n/i18n';
import { caseName } from '../case-labels';
import { actOnCase } from '../cases.api';
import type { SupervisionRow } from '../cases.api';
import { useReturnFocus } from '../../../app/use-return-focus';

/** 催办 one unit on one slip, with the version of the case the board showed. */
export function UrgeModal({
  row,
  onClose,
  onDone,
}: {
  row: SupervisionRow;
  onClose: () => void;
  /** Called after success and after a 409 alike: either way the board must be read again. */
  onDone: () => void;
}) {
  useReturnFocus();
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async ({ comment }: { comment?: string }) => {
    setSaving(true);
    setError(null);
    try {
      await actOnCase(
        row.caseId,
        'urge',
        { unitId: row.unitId, comment: comment?.trim() || undefined },
        row.version,
      );
      void message.success(t('supervision.urged', { unit: row.unitName }));
      onDone();
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 409) {
        void message.error(errorMessage(cause));
        onDone();
      } else {
        setError(errorMessage(cause));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('supervision.urgeTitle', { unit: row.unitName })}
      okText={t('caseAct.urge')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph>
        {caseName(t, { id: row.caseId, slipNo: row.slipNo })}
        {colon()}
        {row.title}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="urge" onFinish={(v) => void onFinish(v)}>
        <Form.Item
          name="comment"
          label={t('cases.comment')}
          rules={[{ max: 500, message: t('cases.tooLong', { max: 500 }) }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={500}
            placeholder={t('supervision.urgePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
