import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Col,
  Divider,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { INTERVAL_PRESETS, intervalLabel, kindLabel } from './source-labels';
import { PreviewPanel } from './PreviewPanel';
import {
  CREATABLE_KINDS,
  createSource,
  getSource,
  isFetched,
  previewSource,
  updateSource,
} from './sources.api';
import type {
  CreatableKind,
  PreviewResult,
  SourceConfig,
  SourceDetail,
  SourceSummary,
} from './sources.api';
import { useReturnFocus } from '../../app/use-return-focus';

interface Values {
  name: string;
  kind: CreatableKind;
  url?: string;
  intervalMinutes: number;
  enabled: boolean;
  config?: SourceConfig;
}

const URL_RULE = /^https?:\/\/\S+$/i;
const HTML_SELECTORS = [
  'itemLink',
  'nextPage',
  'title',
  'body',
  'author',
  'time',
  'likes',
] as const;
const REQUIRED_SELECTORS = new Set(['itemLink', 'title', 'body']);
const JSON_FIELDS = ['id', 'title', 'body', 'url', 'author', 'time', 'likes'] as const;
const JSON_LABELS = {
  id: 'sources.json.id',
  title: 'sources.sel.title',
  body: 'sources.sel.body',
  url: 'sources.json.url',
  author: 'sources.sel.author',
  time: 'sources.sel.time',
  likes: 'sources.sel.likes',
} as const;

/** Creates (`source` null) or edits a source; 试抓取 shows what the form would extract. */
export function SourceFormDrawer({
  source,
  onClose,
  onSaved,
}: {
  source: SourceSummary | null;
  onClose: () => void;
  onSaved: (source: SourceSummary, created: boolean) => void;
}) {
  useReturnFocus();
  const t = useT();
  const notifyError = useNotifyError();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? source?.kind ?? 'rss';
  const [saving, setSaving] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [preview, setPreview] = useState<PreviewResult | null>(null);

  // The list has no config: an edit loads the source first.
  const id = source?.id;
  const loadDetail = useCallback((signal: AbortSignal) => getSource(id ?? 0, signal), [id]);
  const detail = useApi<SourceDetail>(id !== undefined ? loadDetail : null);

  useEffect(() => {
    if (!detail.data) return;
    form.setFieldsValue({
      name: detail.data.name,
      kind: detail.data.kind as CreatableKind,
      url: detail.data.url ?? '',
      intervalMinutes: detail.data.intervalMinutes,
      enabled: detail.data.enabled,
      config: detail.data.config,
    });
  }, [detail.data, form]);

  const fetched = isFetched(kind);
  const definition = (values: Values) => ({
    url: fetched ? (values.url ?? '').trim() : null,
    config: fetched ? (values.config ?? {}) : {},
  });

  const onFinish = async (values: Values) => {
    setSaving(true);
    try {
      const def = definition(values);
      const saved = source
        ? await updateSource(source.id, {
            name: values.name.trim(),
            intervalMinutes: values.intervalMinutes,
            enabled: values.enabled,
            ...(fetched ? def : {}),
          })
        : await createSource({
            name: values.name.trim(),
            kind: values.kind,
            intervalMinutes: values.intervalMinutes,
            enabled: values.enabled,
            ...def,
          });
      onSaved(saved, !source);
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  const tryIt = async () => {
    let values: Values;
    try {
      // Trying an address needs no name yet: every field but 名称 is checked.
      const fields = form
        .getFieldsError()
        .map((f) => f.name)
        .filter((n) => n.join('.') !== 'name');
      await form.validateFields(fields);
      values = form.getFieldsValue(true) as Values;
    } catch {
      return;
    }
    if (!isFetched(values.kind)) return;
    setPreviewing(true);
    setPreview(null);
    try {
      const def = definition(values);
      setPreview(
        await previewSource({ kind: values.kind, url: def.url ?? '', config: def.config }),
      );
    } catch (cause) {
      notifyError(cause);
    } finally {
      setPreviewing(false);
    }
  };

  const selector = (name: string, label: string, required: boolean) => (
    <Col xs={24} sm={12} key={name}>
      <Form.Item
        name={['config', name]}
        label={label}
        rules={
          required ? [{ required: true, whitespace: true, message: t('sources.required') }] : []
        }
      >
        <Input allowClear style={{ fontFamily: 'monospace' }} />
      </Form.Item>
    </Col>
  );

  const urlLabel =
    kind === 'html'
      ? t('sources.urlHtml')
      : kind === 'json'
        ? t('sources.urlJson')
        : t('sources.urlRss');

  const body =
    id !== undefined && !detail.data ? (
      detail.error ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : (
        <Skeleton active />
      )
    ) : (
      <Form<Values>
        form={form}
        layout="vertical"
        name="source-form"
        onFinish={(values) => void onFinish(values)}
        onValuesChange={() => setPreview(null)}
        initialValues={{ kind: 'rss', intervalMinutes: 1440, enabled: true, url: '', config: {} }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('sources.name')}
              rules={[{ required: true, whitespace: true, message: t('sources.nameRequired') }]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('sources.kind')}>
              <Select
                disabled={source !== null}
                options={CREATABLE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {fetched ? (
          <>
            <Form.Item
              name="url"
              label={urlLabel}
              rules={[{ required: true, pattern: URL_RULE, message: t('sources.urlRequired') }]}
            >
              <Input placeholder="https://" />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="intervalMinutes" label={t('sources.interval')}>
                  <Select
                    options={INTERVAL_PRESETS.map((m) => ({
                      value: m,
                      label: intervalLabel(t, m),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="enabled" label={t('sources.enabled')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : (
          <Alert
            type="info"
            showIcon
            title={t('sources.noFetchHint')}
            style={{ marginBottom: 16 }}
          />
        )}
        {kind === 'rss' ? (
          <Form.Item name={['config', 'maxItems']} label={t('sources.sel.maxItems')}>
            <InputNumber min={1} max={500} style={{ width: 160 }} />
          </Form.Item>
        ) : null}
        {kind === 'html' ? (
          <>
            <Divider titlePlacement="start">{t('sources.selectors')}</Divider>
            <Typography.Paragraph type="secondary">
              {t('sources.selectorsHint')}
            </Typography.Paragraph>
            <Row gutter={16}>
              {HTML_SELECTORS.map((name) =>
                selector(name, t(`sources.sel.${name}`), REQUIRED_SELECTORS.has(name)),
              )}
              <Col xs={24} sm={12}>
                <Form.Item name={['config', 'maxPages']} label={t('sources.sel.maxPages')}>
                  <InputNumber min={1} max={50} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : null}
        {kind === 'json' ? (
          <>
            <Form.Item
              name={['config', 'itemsPath']}
              label={t('sources.json.itemsPath')}
              extra={t('sources.json.itemsPathHint')}
            >
              <Input style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Divider titlePlacement="start">{t('sources.json.fields')}</Divider>
            <Typography.Paragraph type="secondary">
              {t('sources.json.fieldsHint')}
            </Typography.Paragraph>
            <Row gutter={16}>
              {JSON_FIELDS.map((name) => (
                <Col xs={24} sm={12} key={name}>
                  <Form.Item
                    name={['config', 'fields', name]}
                    label={t(JSON_LABELS[name])}
                    rules={
                      name === 'body'
                        ? [{ required: true, whitespace: true, message: t('sources.required') }]
                        : []
                    }
                  >
                    <Input allowClear style={{ fontFamily: 'monospace' }} />
                  </Form.Item>
                </Col>
              ))}
              <Col xs={24} sm={12}>
                <Form.Item
                  name={['config', 'pageParam']}
                  label={t('sources.json.pageParam')}
                  extra={t('sources.json.pageParamHint')}
                >
                  <Input allowClear style={{ fontFamily: 'monospace' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name={['config', 'maxPages']} label={t('sources.sel.maxPages')}>
                  <InputNumber min={1} max={50} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : null}
        {fetched ? (
          <Flex vertical gap={12}>
            <Flex align="center" gap={12} wrap>
              <Button
                icon={<ExperimentOutlined />}
                loading={previewing}
                onClick={() => void tryIt()}
                data-testid="source-preview-button"
              >
                {t('sources.preview')}
              </Button>
              <Typography.Text type="secondary">{t('sources.previewHint')}</Typography.Text>
            </Flex>
            {preview ? <PreviewPanel result={preview} /> : null}
          </Flex>
        ) : null}
      </Form>
    );

  return (
    <Drawer
      open
      title={source ? t('sources.edit') : t('sources.add')}
      size={screens.md ? 860 : '100%'}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {body}
    </Drawer>
  );
}
