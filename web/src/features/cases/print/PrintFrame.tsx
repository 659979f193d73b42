import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { TIME_ZONE } from '../../../app/format';
import { useT } from '../../../app/i18n/i18n';
import './print.css';

const chineseDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** 2026年11月26日, as dates are written on official papers. */
export function chineseDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of chineseDateFormat.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year ?? ''}年${parts.month ?? ''}月${parts.day ?? ''}日`;
}

/**
 * A paper document's print view (DESIGN §9): a toolbar (back, 打印, the file download) that
 * stays off the paper, and the A4 sheet itself, which is all that prints.
 */
export function PrintFrame({
  title,
  backTo,
  actions,
  children,
}: {
  /** The browser tab's title; the sheet carries its own heading. */
  title: string;
  backTo: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  const navigate = useNavigate();
  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="yq-print">
      <div className="yq-print-toolbar">
        <Typography.Text type="secondary">{t('print.hint')}</Typography.Text>
        <Flex wrap gap={8}>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            data-testid="print"
          >
            {t('print.print')}
          </Button>
          {actions}
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => void (window.history.length > 1 ? navigate(-1) : navigate(backTo))}
          >
            {t('cases.back')}
          </Button>
        </Flex>
      </div>
      {children}
    </div>
  );
}
