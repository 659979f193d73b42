import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Popconfirm, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../../app/format';
import { useT } from '../../../app/i18n/i18n';
import type { Translate } from '../../../app/i18n/i18n';
import { useNotifyError } from '../../../app/notify';
import { Page } from '../../../app/Page';
import { LoadError } from '../../../app/results';
import { useApi } from '../../../app/use-api';
import { addTerm, deleteTerm, listTerms, TERM_KINDS } from '../monitoring.api';
import type { JurisdictionTerm, TermKind } from '../monitoring.api';

const KIND_COLORS: Record<TermKind, string> = { place: 'green', unit: 'blue', keyword: 'purple' };

const kindLabel = (t: Translate, kind: TermKind) => t(`dictionary.kind.${kind}`);

/** 管辖词典: the place names, unit names and keywords that make a post relevant. */
export default function DictionaryPage() {
  const t = useT();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ term: string; kind: TermKind }>();
  const [saving, setSaving] = useState(false);
  const load = useCallback((signal: AbortSignal) => listTerms(signal), []);
  const { data, error, loading, reload } = useApi(load);

  const onAdd = async (values: { term: string; kind: TermKind }) => {
    setSaving(true);
    try {
      const term = await addTerm({ term: values.term.trim(), kind: values.kind });
      void message.success(t('dictionary.added', { term: term.term }));
      form.resetFields(['term']);
      reload();
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  const onDelete = async (term: JurisdictionTerm) => {
    try {
      await deleteTerm(term.id);
      void message.success(t('dictionary.deleted', { term: term.term }));
      reload();
    } catch (cause) {
      notifyError(cause);
    }
  };

  const columns = useMemo<TableColumnsType<JurisdictionTerm>>(
    () => [
      { title: t('dictionary.term'), dataIndex: 'term' },
      {
        title: t('dictionary.kindLabel'),
        dataIndex: 'kind',
        width: 120,
        filters: TERM_KINDS.map((k) => ({ text: kindLabel(t, k), value: k })),
        onFilter: (value, row) => row.kind === value,
        render: (kind: TermKind) => <Tag color={KIND_COLORS[kind]}>{kindLabel(t, kind)}</Tag>,
      },
      {
        title: t('dictionary.createdAt'),
        dataIndex: 'createdAt',
        width: 180,
        render: (value: string) => formatDateTime(value),
      },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 100,
        render: (_, row) => (
          <Popconfirm
            title={t('dictionary.confirmDelete', { term: row.term })}
            onConfirm={() => void onDelete(row)}
          >
            <Button type="link" danger size="small" icon={<DeleteOutlined />}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  );

  return (
    <Page title={t('dictionary.title')}>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form
          form={form}
          layout="inline"
          name="dictionary-add"
          initialValues={{ kind: 'place' }}
          onFinish={(values) => void onAdd(values)}
        >
          <Form.Item
            name="term"
            label={t('dictionary.term')}
            rules={[
              { required: true, whitespace: true, message: t('dictionary.termRequired') },
              { max: 30, message: t('dictionary.termTooLong') },
            ]}
            style={{ marginBottom: 16 }}
          >
            <Input placeholder={t('dictionary.termPlaceholder')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="kind" label={t('dictionary.kindLabel')} style={{ marginBottom: 16 }}>
            <Select
              style={{ width: 120 }}
              options={TERM_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 16 }}>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
              {t('dictionary.add')}
            </Button>
          </Form.Item>
        </Form>
        <p style={{ color: 'rgba(0,0,0,0.45)', marginTop: 0 }}>{t('dictionary.hint')}</p>
        {data?.rejudging ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="dictionary-rejudging"
            title={t('dictionary.rejudging')}
          />
        ) : null}
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<JurisdictionTerm>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            pagination={{ pageSize: 50, hideOnSinglePage: true, style: { marginInline: 16 } }}
            locale={{ emptyText: <Empty description={t('dictionary.empty')} /> }}
            data-testid="dictionary-table"
          />
        )}
      </Card>
    </Page>
  );
}
