import { Alert, Button, Drawer, Flex, Grid, Steps, Typography, Upload } from 'antd';
import {
  CheckCircleOutlined,
  DownloadOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useT } from '../../../app/i18n/i18n';
import { useNotifyError } from '../../../app/notify';
import { useCheckedImport } from '../../../app/use-checked-import';
import { ImportReport } from './ImportReport';
import { TEMPLATE_URL, importOrg } from './import.api';
import type { ImportResult } from './import.api';

/**
 * Import of units and users from the Excel template: a dry run first, then the real import of
 * the same file. The passwords generated for new users are shown once, here.
 */
export function ImportDrawer({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const t = useT();
  const notifyError = useNotifyError();
  const screens = Grid.useBreakpoint();
  const { file, fileList, result, busy, runs, reset, pick, run, imported, checked, current } =
    useCheckedImport(importOrg, onImported);

  return (
    <Drawer
      open={open}
      title={t('import.title')}
      size={screens.md ? 760 : '100%'}
      onClose={() => {
        // The passwords are shown once: closing after an import forgets them.
        if (imported) reset();
        onClose();
      }}
      extra={
        imported ? (
          <Button onClick={reset}>{t('common.reset')}</Button>
        ) : (
          <Flex gap={8}>
            <Button
              icon={<SafetyCertificateOutlined />}
              disabled={!file}
              loading={busy === 'dry'}
              onClick={() => void run(true)}
            >
              {t('import.dryRun')}
            </Button>
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              disabled={!checked || busy !== null}
              loading={busy === 'commit'}
              onClick={() => void run(false)}
            >
              {t('import.commit')}
            </Button>
          </Flex>
        )
      }
    >
      <Steps
        size="small"
        current={current}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('import.step1') },
          { title: t('import.step2') },
          { title: t('import.step3') },
        ]}
      />
      <Flex vertical gap={16}>
        <div>
          <Button icon={<DownloadOutlined />} href={TEMPLATE_URL} download>
            {t('import.template')}
          </Button>
        </div>
        {!imported ? (
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(picked) => {
              if (!picked.name.toLowerCase().endsWith('.xlsx')) {
                notifyError(new Error(t('import.onlyXlsx')));
                return Upload.LIST_IGNORE;
              }
              pick(picked, picked.uid);
              return false;
            }}
            onRemove={() => {
              reset();
              return true;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.pick')}</p>
            <p className="ant-upload-hint">{t('import.pickHint')}</p>
          </Upload.Dragger>
        ) : null}
        {result ? <ResultSummary result={result} /> : null}
        {result ? <ImportReport key={runs} result={result} /> : null}
        {!result && file ? (
          <Typography.Text type="secondary">{t('import.step3')}</Typography.Text>
        ) : null}
      </Flex>
    </Drawer>
  );
}

function ResultSummary({ result }: { result: ImportResult }) {
  const t = useT();
  const problems = result.rows.filter((row) => !row.ok).length;
  const counts = { units: result.created.units, users: result.created.users };
  if (result.ok && result.rows.length === 0 && counts.units + counts.users === 0) {
    return <Alert type="warning" showIcon title={t('import.noRows')} />;
  }
  if (result.dryRun) {
    // A passed check reports what the import would create.
    return result.ok ? (
      <Alert type="success" showIcon title={t('import.dryRunOk', counts)} />
    ) : (
      <Alert type="error" showIcon title={t('import.dryRunFailed', { count: problems })} />
    );
  }
  return result.ok ? (
    <Alert type="success" showIcon title={t('import.commitOk', counts)} />
  ) : (
    <Alert type="error" showIcon title={t('import.commitFailed', { count: problems })} />
  );
}
