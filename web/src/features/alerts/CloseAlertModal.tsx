import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { useNotifyError } from '../../app/notify';
import { useAlertText } from './alert-text';
import { closeAlert, type AlertDetail, type AlertSummary } from './alerts.api';
import { colon } from '../../app/i18n/i18n';
import { useReturnFocus } from '../../app/use-return-focus';

/** 关闭预警 with a note of what was done. */
export function CloseAlertModal({
  alert,
  onClose,
  onClosed,
}: {
  alert: AlertSummary;
  onClose: () => void;
  onClosed: (alert: AlertDetail) => void;
}) {
  useReturnFocus();
  const text = useAlertText();
  const notifyError = useNotifyError();
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    try {
      onClosed(await closeAlert(alert.id, note.trim()));
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`${text('close')}${colon()}${alert.ruleName}`}
      okText={text('close')}
      // What was done is the record of the alert: closing needs it.
      okButtonProps={{ danger: true, loading: saving, disabled: note.trim() === '' }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={text('closeNote')} required>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            showCount
            autoSize={{ minRows: 3, maxRows: 6 }}
            placeholder={text('closeNotePlaceholder')}
            autoFocus
            data-testid="close-alert-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
