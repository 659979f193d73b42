import { useState } from 'react';
import { App, Button } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { copyText } from './clipboard';
import { useT } from './i18n/i18n';

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  const onClick = async () => {
    if (await copyText(text)) {
      setCopied(true);
      void message.success(t('common.copied'));
    } else {
      void message.error(t('common.copyFailed'));
    }
  };
  return (
    <Button icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={() => void onClick()}>
      {label ?? (copied ? t('common.copied') : t('common.copy'))}
    </Button>
  );
}
