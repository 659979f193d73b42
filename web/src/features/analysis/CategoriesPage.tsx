import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { errorMessage } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { Page } from '../../app/Page';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import {
  createCategory,
  listCategories,
  listCategoryModels,
  requestRetrain,
  updateCategory,
  type Category,
  type CategoryModelRun,
} from './analysis.api';

const RUN_COLORS: Record<CategoryModelRun['status'], string> = {
  queued: 'default',
  running: 'processing',
  ok: 'success',
  failed: 'error',
};

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 分类管理: the categories, renamed or added by admins, and the model retrained on confirmed labels. */
export default function CategoriesPage() {
  const t = useT();
  const { message } = App.useApp();
  const loadCategories = useCallback((signal: AbortSignal) => listCategories(signal), []);
  const categories = useApi(loadCategories);
  const loadRuns = useCallback((signal: AbortSignal) => listCategoryModels(signal), []);
  const runs = useApi(loadRuns);
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const pending = (runs.data ?? []).some((r) => r.status === 'queued' || r.status === 'running');
  const { reload: reloadRuns } = runs;
  const { reload: reloadCategories } = categories;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      reloadRuns();
      reloadCategories();
    }, 5000);
    return () => clearInterval(timer);
  }, [pending, reloadRuns, reloadCategories]);

  const save = async ({ name }: { name: string }) => {
    setSaving(true);
    try {
      if (editing === 'new') await createCategory(name);
      else if (editing) await updateCategory(editing.id, { name });
      void message.success(t('common.saved'));
      setEditing(null);
      categories.reload();
    } catch (cause) {
      void message.error(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  const toggle = async (c: Category, active: boolean) => {
    try {
      await updateCategory(c.id, { active });
      categories.reload();
    } catch (cause) {
      void message.error(errorMessage(cause));
    }
  };

  const retrain = async () => {
    try {
      await requestRetrain();
      void message.success(t('analysis.retrainQueued'));
      runs.reload();
    } catch (cause) {
      void message.error(errorMessage(cause));
    }
  };

  const open = (target: Category | 'new') => {
    form.setFieldsValue({ name: target === 'new' ? '' : target.name });
    setEditing(target);
  };

  return (
    <Page
      title={t('analysis.categoriesTitle')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          {t('analysis.addCategory')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('analysis.categoriesHint')}</Typography.Paragraph>
      {categories.error ? (
        <LoadError error={categories.error} onRetry={categories.reload} />
      ) : (
        <Table<Category>
          rowKey="id"
          size="small"
          loading={categories.loading}
          dataSource={categories.data ?? []}
          pagination={false}
          style={{ marginBottom: 24 }}
          columns={[
            { title: t('analysis.categoryName'), dataIndex: 'name' },
            {
              title: t('analysis.modelKnows'),
              render: (_, c) =>
                c.modelLabel ? (
                  <Tag color="blue">{t('analysis.shipped')}</Tag>
                ) : (
                  <Tag>{t('analysis.learntByRetraining')}</Tag>
                ),
            },
            { title: t('analysis.confirmedPosts'), dataIndex: 'confirmed', align: 'right' },
            {
              title: t('analysis.active'),
              render: (_, c) => (
                <Switch
                  size="small"
                  checked={c.active}
                  // i18n-allow: the model's own name of its fallback class
                  disabled={c.modelLabel === '其他'}
                  onChange={(v) => void toggle(c, v)}
                  aria-label={t('analysis.active')}
                />
              ),
            },
            {
              title: t('common.actions'),
              render: (_, c) => (
                <Button size="small" type="link" onClick={() => open(c)}>
                  {t('analysis.rename')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Card
        size="small"
        title={t('analysis.modelRuns')}
        extra={
          <Button
            icon={<SyncOutlined spin={pending} />}
            disabled={pending}
            onClick={() => void retrain()}
          >
            {pending ? t('analysis.retraining') : t('analysis.retrain')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('analysis.retrainHint')}</Typography.Paragraph>
        <Table<CategoryModelRun>
          rowKey="id"
          size="small"
          loading={runs.loading}
          dataSource={runs.data ?? []}
          pagination={false}
          locale={{ emptyText: t('analysis.noRuns') }}
          columns={[
            {
              title: t('analysis.runStatus'),
              render: (_, r) => (
                <Space>
                  <Tag color={RUN_COLORS[r.status]}>{t(`analysis.run.${r.status}`)}</Tag>
                  {r.inUse ? <Tag color="green">{t('analysis.inUse')}</Tag> : null}
                </Space>
              ),
            },
            {
              title: t('analysis.requested'),
              render: (_, r) =>
                `${formatDateTime(r.requestedAt)} · ${r.requestedBy ?? t(`analysis.trigger.${r.trigger}`)}`,
            },
            { title: t('analysis.samples'), dataIndex: 'samples', align: 'right' },
            {
              title: t('analysis.accuracy'),
              render: (_, r) =>
                r.holdoutAccuracy === null
                  ? '—'
                  : t('analysis.accuracyVs', {
                      now: percent(r.holdoutAccuracy),
                      before: percent(r.baselineAccuracy),
                    }),
            },
            {
              title: t('analysis.runDetail'),
              render: (_, r) =>
                r.error ??
                Object.entries(r.counts)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(t('common.listSeparator')),
            },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('analysis.addCategory') : t('analysis.rename')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item
            name="name"
            label={t('analysis.categoryName')}
            rules={[
              { required: true, whitespace: true, message: t('analysis.nameRequired') },
              { max: 20, message: t('cases.tooLong', { max: 20 }) },
            ]}
          >
            <Input autoFocus maxLength={20} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
