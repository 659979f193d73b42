import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider } from './auth';
import { I18nProvider, useI18n } from './i18n/i18n';
import { router } from './router';
import { TOUCH_THEME, useTouchScreen } from './touch-theme';

const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"WenQuanYi Micro Hei"',
  '"Noto Sans CJK SC"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

/**
 * antd's default colours fall short of WCAG 2.1 AA's 4.5:1 contrast for normal text (GB/T 37668
 * asks the same of government systems): #1677ff on white is 4.1:1, secondary grey 3.4:1, the
 * success and gold tags 2.2:1 and 2.8:1. These seeds and text colours are a shade darker, each at
 * least 4.5:1 on white and on its own tag's light background (axe-core checks them in
 * tests/e2e/accessibility.e2e.test.ts).
 */
const ACCESSIBLE_COLOURS = {
  colorPrimary: '#0958d9',
  colorInfo: '#0958d9',
  colorLink: '#0958d9',
  colorSuccess: '#237804',
  colorWarning: '#8a5a00',
  colorError: '#cf1322',
  colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  // The halo round a focused input, select or button: antd's 10% tint was hard to see (2.4.7).
  controlOutline: 'rgba(9, 88, 217, 0.35)',
  // Derived from the darker seeds these would be grey; antd's own light tints instead.
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarningBg: '#fffbe6',
  colorWarningBorder: '#ffe58f',
  colorErrorBg: '#fff2f0',
  colorErrorBorder: '#ffccc7',
} as const;

/** An off switch's words (紧急/普通) are white on 25% grey, 2:1; on 55% grey they are 4.7:1. */
const SWITCH_COLOURS = {
  colorTextQuaternary: 'rgba(0, 0, 0, 0.55)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
} as const;

function Themed() {
  const { lang } = useI18n();
  const touch = useTouchScreen();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{
        token: {
          fontFamily: FONT_FAMILY,
          borderRadius: 4,
          ...ACCESSIBLE_COLOURS,
          ...(touch ? TOUCH_THEME.token : {}),
        },
        components: {
          ...(touch ? TOUCH_THEME.components : {}),
          Switch: { ...SWITCH_COLOURS, ...(touch ? TOUCH_THEME.components?.Switch : {}) },
        },
      }}
    >
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
