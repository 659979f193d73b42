import { useCallback, useMemo, useState } from 'react';
import type { Key } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { useT } from '../../../app/i18n/i18n';
import type { Translate } from '../../../app/i18n/i18n';
import { useNotifyError } from '../../../app/notify';
import { Page } from '../../../app/Page';
import { LoadError } from '../../../app/results';
import { useApi } from '../../../app/use-api';
import { addTerm, deleteTerm, deleteTerms, listTerms, TERM_KINDS } from '../monitoring.api';
import type { JurisdictionTerm, TermKind } from '../monitoring.api';

const KIND_COLORS: Record<TermKind, string> = { place: 'green', unit: 'blue', keyword: 'purple' };

/** What separates the terms of a pasted list: 、，,；; and white space (an Excel column's lines). */
const TERM_SEPARATORS = /[、，,；;\s]+/u;

const kindLabel = (t: Translate, kind: TermKind) => t(`dictionary.kind.${kind}`);

/** 管辖词典: the place names, unit names and keywords that make a post relevant. */
export default function DictionaryPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ term: string; kind: TermKind }>();
  const [saving, setSaving] = useState(false);
  const load = useCallback((signal: AbortSignal) => listTerms(signal), []);
  const { data, error, loading, reload } = useApi(load);
  const [picked, setPicked] = useState<Key[]>([]);
  // Only what is still listed: a term deleted (or a reload) drops out of the selection.
  const selected = useMemo(
    () => (data?.items ?? []).filter((item) => picked.includes(item.id)),
    [data, picked],
  );

  const onBulkDelete = () => {
    const terms = selected;
    if (terms.length === 0) return;
    const sep = t('common.listSeparator');
    const shown = terms.slice(0, 10).map((x) => x.term);
    modal.confirm({
      title: t('dictionary.confirmBulkDelete', { n: terms.length }),
      content:
        terms.length > shown.length
          ? t('dictionary.bulkDeleteListMore', { terms: shown.join(sep), n: terms.length })
          : shown.join(sep),
      okText: t('dictionary.bulkDeleteOk', { n: terms.length }),
      okButtonProps: { danger: true, 'data-testid': 'dictionary-bulk-confirm' },
      onOk: async () => {
        try {
          const { deleted } = await deleteTerms(terms.map((x) => x.id));
          void message.success(t('dictionary.bulkDeleted', { n: deleted }));
          setPicked([]);
        } catch (cause) {
          notifyError(cause);
        } finally {
          reload();
        }
      },
    });
  };

  const onAdd = async (values: { term: string; kind: TermKind }) => {
    // A list pasted from a document or an Excel column (柳塘村、石桥村 or one a line) is added
    // term by term: stored whole it would be in no post.
    const terms = [...new Set(values.term.split(TERM_SEPARATORS).filter(Boolean))];
    setSaving(true);
    const added: string[] = [];
    const present: string[] = [];
    try {
      for (const term of terms) {
        try {
          added.push((await addTerm({ term, kind: values.kind })).term);
        } catch (cause) {
          if (cause instanceof ApiError && cause.code === 'CONFLICT') present.push(term);
          else throw cause;
        }
      }
      form.resetFields(['term']);
    } catch (cause) {
      notifyError(cause);
      // What was not added stays in the box, to be corrected and added again.
      form.setFieldValue(
        'term',
        terms.filter((x) => !added.includes(x) && !present.includes(x)).join('\n'),
      );
    } finally {
      setSaving(false);
      if (added.length === 1 && present.length === 0) {
        void message.success(t('dictionary.added', { term: added[0] ?? '' }));
      } else if (added.length > 0 || present.length > 0) {
        void message.success(
          t('dictionary.addedMany', { count: added.length }) +
            (present.length > 0
              ? t('dictionary.alreadyPresent', { terms: present.join(t('common.listSeparator')) })
              : ''),
        );
      }
      if (added.length > 0) reload();
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
              {
                validator: (_, value?: string) =>
                  (value ?? '').split(TERM_SEPARATORS).some((x) => x.length > 30)
                    ? Promise.reject(new Error(t('dictionary.termTooLong')))
                    : Promise.resolve(),
              },
            ]}
            extra={t('dictionary.termMany')}
            style={{ marginBottom: 16 }}
          >
            <Input.TextArea
              placeholder={t('dictionary.termPlaceholder')}
              autoSize={{ minRows: 1, maxRows: 8 }}
              // Enter adds, as in a one-line box; Shift+Enter or a pasted list gives several lines.
              onPressEnter={(event) => {
                if (event.shiftKey) return;
                event.preventDefault();
                form.submit();
              }}
              style={{ width: 260 }}
            />
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
        <Typography.Paragraph type="secondary">{t('dictionary.hint')}</Typography.Paragraph>
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
        {(data?.items.length ?? 0) > 0 ? (
          <Flex align="center" gap={12} wrap style={{ padding: '12px 16px 0' }}>
            <Typography.Text type="secondary" data-testid="dictionary-selected">
              {t('dictionary.selected', { n: selected.length })}
            </Typography.Text>
            <Button
              danger
              size="small"
              icon={<DeleteOutlined />}
              disabled={selected.length === 0}
              onClick={onBulkDelete}
              data-testid="dictionary-bulk-delete"
            >
              {t('dictionary.bulkDelete')}
            </Button>
          </Flex>
        ) : null}
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<JurisdictionTerm>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            rowSelection={{
              selectedRowKeys: selected.map((x) => x.id),
              onChange: setPicked,
              // 全选所有 (every page), as well as the page's own checkbox.
              selections: [Table.SELECTION_ALL, Table.SELECTION_INVERT, Table.SELECTION_NONE],
            }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, style: { marginInline: 16 } }}
            locale={{ emptyText: <Empty description={t('dictionary.empty')} /> }}
            data-testid="dictionary-table"
          />
        )}
      </Card>
    </Page>
  );
}
