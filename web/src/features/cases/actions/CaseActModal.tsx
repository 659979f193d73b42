import { useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../../../app/api';
import { useMe } from '../../../app/auth';
import { useT } from '../../../app/i18n/i18n';
import { actLabel } from '../case-labels';
import type { CaseDetail, FormAct } from '../cases.api';
import { ActFields } from './ActFields';
import { DANGER_ACTS, initialValues, sendAct } from './act-values';
import type { ActValues } from './act-values';
import { useReturnFocus } from '../../../app/use-return-focus';

const WIDE: ReadonlySet<FormAct> = new Set(['assign', 'reply', 'approve', 'return', 'contribute']);

/**
 * One act on the case in a small modal. A 409 means the case moved on since the page showed it:
 * the server's message is shown and the case reloaded, so the user decides again on what is true.
 */
export function CaseActModal({
  act,
  detail,
  onClose,
  onDone,
  onStale,
}: {
  act: FormAct;
  detail: CaseDetail;
  onClose: () => void;
  onDone: (next: CaseDetail) => void;
  onStale: () => void;
}) {
  useReturnFocus();
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ActValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (values: ActValues) => {
    setSaving(true);
    setError(null);
    try {
      const next = await sendAct(detail, act, values, me);
      if (next === null) {
        // The slip went back, or the co-unit left it: the case is no longer this unit's, and its
        // page would say 不存在.
        void message.success(
          t(act === 'decline-co' ? 'cases.coDeclinedDone' : 'cases.slipReturnedDone'),
        );
        void navigate('/cases/todo', { replace: true });
        return;
      }
      void message.success(t('cases.actDone', { act: actLabel(t, act) }));
      onDone(next);
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 409) {
        void message.error(errorMessage(cause));
        onStale();
      } else {
        setError(errorMessage(cause));
      }
    } finally {
      setSaving(false);
    }
  };

  // A written reply or instruction is not thrown away by a stray 取消 or Esc.
  const cancel = () => {
    const typed = Object.values(form.getFieldsValue(true) as Record<string, unknown>).some(
      (v) => typeof v === 'string' && v.trim().length > 0,
    );
    if (!typed || !form.isFieldsTouched()) {
      onClose();
      return;
    }
    modal.confirm({
      title: t('cases.discardTitle'),
      content: t('cases.discardHint'),
      okText: t('cases.discard'),
      okButtonProps: { danger: true },
      cancelText: t('cases.keepEditing'),
      onOk: onClose,
    });
  };

  const label = actLabel(t, act);
  return (
    <Modal
      open
      title={label}
      okText={label}
      okButtonProps={{ danger: DANGER_ACTS.has(act) }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={cancel}
      destroyOnHidden
      mask={{ closable: false }}
      width={WIDE.has(act) ? 680 : 520}
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />
      ) : null}
      <Form<ActValues>
        form={form}
        layout="vertical"
        name={`case-act-${act.replace('.', '-')}`}
        initialValues={initialValues(act, detail)}
        onFinish={(values) => void onFinish(values)}
        scrollToFirstError={{ focus: true }}
      >
        <ActFields act={act} detail={detail} />
      </Form>
    </Modal>
  );
}
