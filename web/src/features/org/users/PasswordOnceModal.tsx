import { useState } from 'react';
import { Alert, Button, Descriptions, Flex, Modal, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { CopyButton } from '../../../app/CopyButton';
import { inParens, useT } from '../../../app/i18n/i18n';
import type { AccountSlip } from '../slips/AccountSlipSheet';
import { AccountSlipsModal } from '../slips/AccountSlipsModal';

export interface OncePassword extends AccountSlip {
  reset: boolean;
}

/** A generated password, shown this once: the server never returns it again. */
export function PasswordOnceModal({
  value,
  onClose,
}: {
  value: OncePassword | null;
  onClose: () => void;
}) {
  const t = useT();
  const [printing, setPrinting] = useState(false);
  const close = () => {
    setPrinting(false);
    onClose();
  };
  return (
    <>
      <Modal
        open={value !== null}
        title={value?.reset ? t('once.resetTitle') : t('once.title')}
        onCancel={close}
        mask={{ closable: false }}
        footer={[
          <Button
            key="slips"
            icon={<PrinterOutlined />}
            onClick={() => setPrinting(true)}
            data-testid="once-print-slip"
          >
            {t('slips.print')}
          </Button>,
          <Button key="close" type="primary" onClick={close}>
            {t('common.close')}
          </Button>,
        ]}
      >
        {value ? (
          <Flex vertical gap={16}>
            <Alert type="warning" showIcon title={t('once.warning')} />
            <Descriptions
              column={1}
              bordered
              size="small"
              items={[
                {
                  key: 'user',
                  label: t('once.user'),
                  children: `${value.name}${inParens(value.username)}`,
                },
                {
                  key: 'password',
                  label: t('once.password'),
                  children: (
                    <Flex align="center" gap={12} wrap>
                      <Typography.Text code style={{ fontSize: 18 }} data-testid="once-password">
                        {value.password}
                      </Typography.Text>
                      <CopyButton text={value.password} />
                    </Flex>
                  ),
                },
              ]}
            />
          </Flex>
        ) : null}
      </Modal>
      {value ? (
        <AccountSlipsModal
          open={printing}
          slips={[value]}
          reset={value.reset}
          onClose={() => setPrinting(false)}
        />
      ) : null}
    </>
  );
}
