import { useState, type ReactNode } from 'react';
import { App, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useNotifyError } from '../../app/notify';
import type { IncidentDetail } from './incidents.api';
import { useReturnFocus } from '../../app/use-return-focus';

/**
 * The frame of every act's form: submit, say so, hand the updated incident back. A failure (a
 * stale page's 409 included) shows the server's message and keeps the form open.
 */
export function ActModal<V extends object>({
  title,
  okText,
  danger,
  form,
  initialValues,
  width,
  testId,
  submit,
  done,
  onClose,
  onDone,
  children,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  width?: number;
  testId: string;
  submit: (values: V) => Promise<IncidentDetail>;
  /** Said when it worked. */
  done: string;
  onClose: () => void;
  onDone: (incident: IncidentDetail) => void;
  children: ReactNode;
}) {
  useReturnFocus();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [saving, setSaving] = useState(false);
  const run = async (values: V) => {
    setSaving(true);
    try {
      const incident = await submit(values);
      void message.success(done);
      onDone(incident);
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: saving, 'data-testid': `${testId}-submit` }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={width ?? 560}
    >
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void run(values)}
        data-testid={testId}
      >
        {children}
      </Form>
    </Modal>
  );
}
