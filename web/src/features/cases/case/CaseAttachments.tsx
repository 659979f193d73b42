import { useState } from 'react';
import { App, Button, Card, Flex, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { useI18n } from '../../../app/i18n/i18n';
import type { Lang } from '../../../app/i18n/i18n';
import { MAX_ATTACHMENT_BYTES, attachmentUrl, uploadAttachment } from '../cases.api';
import type { CaseDetail } from '../cases.api';
import { useTouchScreen } from '../../../app/touch-theme';

function fileSize(bytes: number, lang: Lang): string {
  const number = (n: number) =>
    new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 }).format(
      n,
    );
  if (bytes < 1024) return `${number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024)} KB`;
  return `${number(bytes / 1024 / 1024)} MB`;
}

/**
 * The case's attachments, each a download; those who may act on the case upload more, one file
 * at a time, up to 10 MB.
 */
export function CaseAttachments({
  detail,
  onUploaded,
}: {
  detail: CaseDetail;
  onUploaded: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  // The liaison's way to add a site photo from the phone: a finger-sized button there.
  const touch = useTouchScreen();
  const attachments = detail.attachments ?? [];
  // The server offers `attach` to those who handle cases, on any case they see until it is archived.
  const canAttach = detail.actions.includes('attach');
  if (attachments.length === 0 && !canAttach) return null;

  const upload = async (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      void message.error(t('attachments.tooLarge', { name: file.name }));
      return;
    }
    setUploading(true);
    try {
      await uploadAttachment(detail.id, file);
      void message.success(t('attachments.uploaded', { name: file.name }));
      onUploaded();
    } catch (cause) {
      void message.error(errorMessage(cause));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('attachments.title')}
      extra={
        canAttach ? (
          <Upload
            showUploadList={false}
            multiple={false}
            beforeUpload={(file) => {
              void upload(file);
              // We send it ourselves: the API client adds the CSRF header.
              return false;
            }}
          >
            <Button
              size={touch ? 'middle' : 'small'}
              icon={<UploadOutlined />}
              loading={uploading}
              data-testid="attachment-upload"
            >
              {t('attachments.upload')}
            </Button>
          </Upload>
        ) : null
      }
      style={{ marginBottom: 16 }}
      data-testid="case-attachments"
    >
      {attachments.length > 0 ? (
        <Flex vertical gap={8}>
          {attachments.map((a) => (
            <div key={a.id} data-testid={`attachment-${a.id}`}>
              <Typography.Link
                href={attachmentUrl(detail.id, a.id)}
                download={a.filename}
                className="tap-target"
                style={{ wordBreak: 'break-all' }}
              >
                <PaperClipOutlined /> {a.filename}
              </Typography.Link>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fileSize(a.size, lang)} · {a.uploadedBy ?? '—'} · {formatDateTime(a.uploadedAt)}
                </Typography.Text>
              </div>
            </div>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('attachments.empty')}</Typography.Text>
      )}
    </Card>
  );
}
