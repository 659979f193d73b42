import { Button, Tooltip } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n';

/** `compact`: the icon only, for a phone's header. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Tooltip title={t('lang.switchTitle')}>
      <Button
        type="text"
        icon={<TranslationOutlined />}
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        data-testid="language-switch"
        aria-label={t('lang.switchTitle')}
      >
        {compact ? null : t('lang.switch')}
      </Button>
    </Tooltip>
  );
}
