import { useEffect, useRef, useState } from 'react';
import { Button, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n/i18n';
import { roleOptions } from '../../app/labels';
import { useNotifyError } from '../../app/notify';
import type { Role } from '../../app/types';
import { durationLabel, LEVEL_COLORS } from './alert-labels';
import { useAlertText } from './alert-text';
import {
  ALERT_LEVELS,
  createAlertRule,
  testDraftRule,
  updateAlertRule,
  type AlertLevel,
  type AlertRule,
  type AlertRuleInput,
  type TestResult,
} from './alerts.api';
import { DryRunResult } from './DryRunResult';
import { ExpressionInput } from './ExpressionInput';
import { useReturnFocus } from '../../app/use-return-focus';

interface Values {
  name: string;
  expression: string;
  level: AlertLevel;
  windowMinutes: number;
  minCount: number;
  /** Percent in the form, a share (0–1) on the wire. */
  negativePercent: number | null;
  burstFactor: number | null;
  onlyRelevant: boolean;
  enabled: boolean;
  notifyRoles: Role[];
  cooldownMinutes: number;
}

const WINDOWS = [30, 60, 120, 360, 720, 1440, 4320, 10080];

function toInput(v: Values): AlertRuleInput {
  return {
    name: v.name.trim(),
    expression: v.expression.trim(),
    level: v.level,
    windowMinutes: v.windowMinutes,
    minCount: v.minCount,
    minNegativeShare: v.negativePercent === null ? null : v.negativePercent / 100,
    burstFactor: v.burstFactor,
    onlyRelevant: v.onlyRelevant,
    enabled: v.enabled,
    notifyRoles: v.notifyRoles,
    cooldownMinutes: v.cooldownMinutes,
  };
}

/** Adds (`rule` null) or edits an alert rule; 试运行 tries the form as it stands, unsaved. */
export function RuleFormDrawer({
  rule,
  onClose,
  onSaved,
}: {
  rule: AlertRule | null;
  onClose: () => void;
  onSaved: (rule: AlertRule) => void;
}) {
  useReturnFocus();
  const { t, lang } = useI18n();
  const text = useAlertText();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [trying, setTrying] = useState(false);
  const [dryRun, setDryRun] = useState<TestResult | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  // The result is below the form: bring it into view when it arrives.
  useEffect(() => {
    if (dryRun) resultRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [dryRun]);

  const initialValues: Values = rule
    ? {
        name: rule.name,
        expression: rule.expression,
        level: rule.level,
        windowMinutes: rule.windowMinutes,
        minCount: rule.minCount,
        negativePercent:
          rule.minNegativeShare === null ? null : Math.round(rule.minNegativeShare * 1000) / 10,
        burstFactor: rule.burstFactor,
        onlyRelevant: rule.onlyRelevant,
        enabled: rule.enabled,
        notifyRoles: rule.notifyRoles,
        cooldownMinutes: rule.cooldownMinutes,
      }
    : {
        name: '',
        expression: '',
        level: 'yellow',
        windowMinutes: 60,
        minCount: 3,
        negativePercent: null,
        burstFactor: null,
        onlyRelevant: true,
        enabled: true,
        notifyRoles: ['leader', 'monitor'],
        cooldownMinutes: 60,
      };
  const windows = WINDOWS.includes(initialValues.windowMinutes)
    ? WINDOWS
    : [...WINDOWS, initialValues.windowMinutes].sort((a, b) => a - b);

  const save = async (values: Values) => {
    setSaving(true);
    try {
      const input = toInput(values);
      onSaved(rule ? await updateAlertRule(rule.id, input) : await createAlertRule(input));
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  const tryOut = async () => {
    let values: Values;
    try {
      values = await form.validateFields([
        'expression',
        'level',
        'windowMinutes',
        'minCount',
        'negativePercent',
        'burstFactor',
        'onlyRelevant',
      ]);
    } catch {
      return;
    }
    setTrying(true);
    try {
      const {
        name: _n,
        enabled: _e,
        notifyRoles: _r,
        cooldownMinutes: _c,
        ...draft
      } = toInput({
        ...initialValues,
        ...values,
      });
      setDryRun(await testDraftRule(draft));
    } catch (cause) {
      notifyError(cause);
    } finally {
      setTrying(false);
    }
  };

  return (
    <Drawer
      open
      title={rule ? text('editRule') : text('addRule')}
      size={640}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            icon={<ExperimentOutlined />}
            loading={trying}
            onClick={() => void tryOut()}
            data-testid="rule-dry-run"
          >
            {text('dryRunDraft')}
          </Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="alert-rule"
        initialValues={initialValues}
        onFinish={(values) => void save(values)}
      >
        <Form.Item
          name="name"
          label={text('name')}
          rules={[{ required: true, whitespace: true, message: text('nameRequired') }]}
        >
          <Input maxLength={60} showCount placeholder={text('namePlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item name="level" label={text('level')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={ALERT_LEVELS.map((level) => ({
              value: level,
              label: (
                <span
                  style={{
                    color: LEVEL_COLORS[level] === 'gold' ? '#d4b106' : LEVEL_COLORS[level],
                  }}
                >
                  ● {text(`level.${level}`)}
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="expression"
          label={text('expression')}
          rules={[
            { required: true, whitespace: true, message: text('expressionRequired') },
            { max: 2000, message: text('expressionTooLong') },
          ]}
        >
          <ExpressionInput text={text} />
        </Form.Item>
        <Space wrap size={16} align="start">
          <Form.Item name="windowMinutes" label={text('window')} extra={text('windowHint')}>
            <Select
              style={{ width: 160 }}
              options={windows.map((m) => ({ value: m, label: durationLabel(m, lang) }))}
            />
          </Form.Item>
          <Form.Item
            name="minCount"
            label={text('minCount')}
            extra={text('minCountHint')}
            rules={[{ required: true, type: 'integer', min: 1, max: 100000 }]}
          >
            <InputNumber min={1} max={100000} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Space wrap size={16} align="start">
          <Form.Item
            name="negativePercent"
            label={text('negativeShare')}
            extra={text('negativeShareHint')}
          >
            <InputNumber min={1} max={100} precision={1} suffix="%" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="burstFactor" label={text('burstFactor')} extra={text('burstFactorHint')}>
            <InputNumber
              min={1}
              max={100}
              step={0.5}
              precision={1}
              suffix="×"
              style={{ width: 140 }}
            />
          </Form.Item>
        </Space>
        <Space wrap size={24}>
          <Form.Item name="onlyRelevant" label={text('onlyRelevant')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="enabled" label={text('enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item
          name="notifyRoles"
          label={text('notifyRoles')}
          rules={[{ required: true, type: 'array', min: 1, message: text('notifyRolesRequired') }]}
        >
          <Select mode="multiple" options={roleOptions(t)} />
        </Form.Item>
        <Form.Item
          name="cooldownMinutes"
          label={text('cooldown')}
          extra={text('cooldownHint')}
          rules={[{ required: true, type: 'integer', min: 0, max: 43200 }]}
        >
          <InputNumber
            min={0}
            max={43200}
            precision={0}
            suffix={text('minutes')}
            style={{ width: 160 }}
          />
        </Form.Item>
      </Form>
      <div ref={resultRef}>{dryRun ? <DryRunResult result={dryRun} text={text} /> : null}</div>
    </Drawer>
  );
}
