import { useCallback, useState } from 'react';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Row,
  Select,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { useApi } from '../../app/use-api';
import { ImportReportCard } from './ImportReportCard';
import { IMPORT_FIELDS, importFile, inspectImport, listSources } from './sources.api';
import type { ColumnMapping, ImportResult, InspectResult } from './sources.api';

type MappingValues = Record<(typeof IMPORT_FIELDS)[number], string | undefined> & {
  sourceName: string;
};

/** 批量导入: upload → choose the columns → import → the row-by-row report. */
export default function ImportPage() {
  const { t, lang } = useI18n();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<MappingValues>();
  const [file, setFile] = useState<File | null>(null);
  const [inspected, setInspected] = useState<InspectResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const postedAt = Form.useWatch('postedAt', form);
  const loadSources = useCallback(
    (signal: AbortSignal) => listSources({ kind: 'import', page: 1, pageSize: 100 }, signal),
    [],
  );
  const sources = useApi(loadSources);

  const step = result ? 2 : inspected ? 1 : 0;

  const reset = () => {
    setFile(null);
    setInspected(null);
    setResult(null);
  };

  const inspect = async (picked: File) => {
    setBusy(true);
    try {
      const answer = await inspectImport(picked);
      setFile(picked);
      setInspected(answer);
    } catch (cause) {
      notifyError(cause);
    } finally {
      setBusy(false);
    }
  };

  const run = async (values: MappingValues) => {
    if (!file) return;
    setBusy(true);
    try {
      const mapping: ColumnMapping = {};
      for (const f of IMPORT_FIELDS) mapping[f] = values[f] ?? null;
      setResult(await importFile(file, mapping, values.sourceName.trim()));
      sources.reload();
    } catch (cause) {
      notifyError(cause);
    } finally {
      setBusy(false);
    }
  };

  const columnOptions = (inspected?.columns ?? []).map((c) => ({ value: c, label: c }));

  return (
    <Page title={t('sources.import.title')}>
      <Card>
        <Typography.Paragraph type="secondary">{t('sources.import.hint')}</Typography.Paragraph>
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 24, maxWidth: 720 }}
          items={[
            { title: t('sources.import.stepUpload') },
            { title: t('sources.import.stepMapping') },
            { title: t('sources.import.stepReport') },
          ]}
        />
        {step === 0 ? (
          <Upload.Dragger
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(picked) => {
              const name = picked.name.toLowerCase();
              if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) {
                notifyError(new Error(t('sources.import.onlyFiles')));
                return Upload.LIST_IGNORE;
              }
              void inspect(picked);
              return false;
            }}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('sources.import.pick')}</p>
            <p className="ant-upload-hint">{t('sources.import.pickHint')}</p>
          </Upload.Dragger>
        ) : null}
        {step === 1 && inspected && file ? (
          <Form<MappingValues>
            form={form}
            layout="vertical"
            name="import-mapping"
            initialValues={{
              ...Object.fromEntries(
                IMPORT_FIELDS.map((f) => [f, inspected.mapping[f] ?? undefined]),
              ),
              sourceName: t('sources.kind.import'),
            }}
            onFinish={(values) => void run(values)}
          >
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={
                t('sources.import.fileInfo', {
                  name: file.name,
                  rows: formatNumber(inspected.rowCount, lang),
                  columns: inspected.columns.length,
                }) +
                (inspected.encoding
                  ? `${t('common.clauseSeparator')}${t('sources.import.encoding', { encoding: inspected.encoding.toUpperCase() })}`
                  : '')
              }
            />
            <Row gutter={16}>
              {IMPORT_FIELDS.map((field) => (
                <Col xs={24} sm={12} md={6} key={field}>
                  <Form.Item
                    name={field}
                    label={t(`sources.import.field.${field}`)}
                    rules={
                      field === 'body'
                        ? [{ required: true, message: t('sources.import.bodyRequired') }]
                        : []
                    }
                  >
                    <Select
                      allowClear
                      placeholder={t('sources.import.notMapped')}
                      options={columnOptions}
                      data-testid={`map-${field}`}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            {!postedAt ? (
              <Alert
                type="warning"
                showIcon
                title={t('sources.import.noTime')}
                style={{ marginBottom: 16 }}
              />
            ) : null}
            <Form.Item
              name="sourceName"
              label={t('sources.import.sourceName')}
              extra={t('sources.import.sourceNameHint')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('sources.import.sourceNameRequired'),
                },
              ]}
            >
              <AutoComplete
                style={{ maxWidth: 360 }}
                options={(sources.data?.items ?? []).map((s) => ({ value: s.name }))}
              />
            </Form.Item>
            <Typography.Title level={2} style={{ fontSize: 16, lineHeight: 1.5 }}>
              {t('sources.import.samples', { n: inspected.samples.length })}
            </Typography.Title>
            <Table<{ key: number; cells: string[] }>
              size="small"
              bordered
              pagination={false}
              scroll={{ x: 'max-content' }}
              style={{ marginBottom: 16 }}
              dataSource={inspected.samples.map((cells, key) => ({ key, cells }))}
              columns={inspected.columns.map((c, i) => ({
                title: c,
                key: `${i}`,
                render: (_: unknown, row: { cells: string[] }) => (
                  <Typography.Text style={{ maxWidth: 260 }} ellipsis={{ tooltip: row.cells[i] }}>
                    {row.cells[i]}
                  </Typography.Text>
                ),
              }))}
            />
            <Flex gap={8}>
              <Button icon={<ArrowLeftOutlined />} onClick={reset} disabled={busy}>
                {t('sources.import.back')}
              </Button>
              <Button
                type="primary"
                htmlType="submit"
                icon={<CloudUploadOutlined />}
                loading={busy}
              >
                {t('sources.import.start')}
              </Button>
            </Flex>
          </Form>
        ) : null}
        {step === 2 && result ? <ImportReportCard result={result} onAgain={reset} /> : null}
      </Card>
    </Page>
  );
}
