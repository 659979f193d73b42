import { useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { useT } from '../../../app/i18n/i18n';
import { roleOptions } from '../../../app/labels';
import { useNotifyError } from '../../../app/notify';
import type { Role } from '../../../app/types';
import { UnitTreeSelect } from '../shared/UnitTreeSelect';
import type { Unit } from '../units/units.api';
import { createUser, updateUser } from './users.api';
import type { User } from './users.api';
import { useReturnFocus } from '../../../app/use-return-focus';

interface Values {
  username: string;
  name: string;
  unitId: number | null;
  roles: Role[];
  phone: string;
  email: string;
  password: string;
}

const USERNAME = /^[A-Za-z0-9_.-]{2,32}$/;
const PHONE = /^[0-9+\-() ]{3,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates (`user` null) or edits a user; a new user's generated password goes to `onSaved`. */
export function UserFormModal({
  user,
  units,
  onClose,
  onSaved,
}: {
  user: User | null;
  units: Unit[];
  onClose: () => void;
  onSaved: (user: User, initialPassword: string | null) => void;
}) {
  useReturnFocus();
  const t = useT();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const initialValues: Partial<Values> = user
    ? {
        username: user.username,
        name: user.name,
        unitId: user.unitId,
        roles: user.roles,
        phone: user.phone ?? '',
        email: user.email ?? '',
      }
    : { unitId: null, roles: [], phone: '', email: '', password: '' };

  const onFinish = async (values: Values) => {
    setSaving(true);
    const phone = values.phone.trim() || null;
    const email = values.email.trim() || null;
    try {
      if (user) {
        const saved = await updateUser(user.id, {
          name: values.name.trim(),
          unitId: values.unitId ?? null,
          roles: values.roles,
          phone,
          email,
        });
        onSaved(saved, null);
      } else {
        const answer = await createUser({
          username: values.username.trim(),
          name: values.name.trim(),
          roles: values.roles,
          ...(values.unitId !== null ? { unitId: values.unitId } : {}),
          ...(phone ? { phone } : {}),
          ...(email ? { email } : {}),
          ...(values.password ? { password: values.password } : {}),
        });
        onSaved(answer.user, answer.initialPassword);
      }
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={user ? t('users.edit') : t('users.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values>
        form={form}
        name="user"
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            { pattern: USERNAME, message: t('users.usernameInvalid') },
          ]}
        >
          <Input disabled={user !== null} autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('users.name')}
          rules={[
            { required: true, whitespace: true, message: t('users.nameRequired') },
            { max: 30, message: t('users.nameTooLong') },
          ]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('users.unit')}
          dependencies={['roles']}
          rules={[
            // A liaison signs for the slips of a unit: the server refuses one without.
            ({ getFieldValue }) => ({
              required: ((getFieldValue('roles') as string[] | undefined) ?? []).includes(
                'liaison',
              ),
              message: t('users.liaisonNeedsUnit'),
            }),
          ]}
        >
          <UnitTreeSelect units={units} placeholder={t('users.unitSelect')} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
        >
          <Select mode="multiple" options={roleOptions(t)} allowClear />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          rules={[{ pattern: PHONE, message: t('units.phoneInvalid') }]}
        >
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('users.email')}
          rules={[{ pattern: EMAIL, message: t('users.emailInvalid') }]}
        >
          <Input maxLength={254} inputMode="email" autoComplete="off" />
        </Form.Item>
        {user ? null : (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={t('users.initialPasswordHint')}
            rules={[
              { min: 8, max: 128, message: t('password.tooShort') },
              { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: t('password.needsMix') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
