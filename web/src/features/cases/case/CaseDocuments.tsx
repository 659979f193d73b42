import { Card, Flex, Typography } from 'antd';
import { FileWordOutlined, FileZipOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useT } from '../../../app/i18n/i18n';
import type { CaseDetail } from '../cases.api';

/**
 * The case's papers as files: the 抄告单 once a slip is issued, the case file (卷宗) and the
 * machine-readable bundle. The server masks the contact for readers not handling the case.
 */
export function CaseDocuments({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const base = `/api/cases/${detail.id}`;
  return (
    <Card
      size="small"
      title={t('cases.documents')}
      style={{ marginBottom: 16 }}
      data-testid="case-documents"
    >
      <Flex vertical gap={8}>
        {detail.slipNo ? (
          <Flex wrap gap={16}>
            <Typography.Link href={`${base}/slip.docx`} download className="tap-target">
              <FileWordOutlined /> {t('cases.slipDocx')}
            </Typography.Link>
            <Link
              to={`/cases/${detail.id}/slip/print`}
              className="tap-target"
              data-testid="slip-print-link"
            >
              <PrinterOutlined /> {t('print.slip')}
            </Link>
          </Flex>
        ) : null}
        <Typography.Link href={`${base}/file.docx`} download className="tap-target">
          <FileWordOutlined /> {t('cases.fileDocx')}
        </Typography.Link>
        <Typography.Link href={`${base}/bundle.zip`} download className="tap-target">
          <FileZipOutlined /> {t('cases.bundleZip')}
        </Typography.Link>
      </Flex>
    </Card>
  );
}
