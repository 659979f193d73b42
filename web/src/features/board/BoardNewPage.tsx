import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Progress, Result, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { LinkButton } from '../../app/LinkButton';
import { CopyButton } from '../../app/CopyButton';
import { errorMessage, isAbort } from '../../app/api';
import { useT } from '../../app/i18n/i18n';
import { charCount, sendMessage, type MessageInput, type MessageReceipt } from './board.api';
import { useBoard, useBoardTitle } from './BoardLayout';
import { proveWork } from './pow';

// The server's limits (also answered by /api/board/about); the form checks the same.
const FALLBACK_LIMITS = {
  title: { min: 4, max: 60 },
  body: { min: 10, max: 2000 },
  contact: { max: 60 },
  nickname: { max: 20 },
};

const PHONE = /^\+?[\d\s()-]{7,24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const looksLikeContact = (value: string) =>
  (PHONE.test(value) && value.replace(/\D/g, '').length >= 7) || EMAIL.test(value);

type Phase = { kind: 'idle' } | { kind: 'verifying'; progress: number } | { kind: 'sending' };

/** /board/new: the citizen's form; the proof of work runs here, in small steps, before sending. */
export default function BoardNewPage() {
  const t = useT();
  useBoardTitle(t('board.form.title'));
  const { about } = useBoard();
  const limits = about?.limits ?? FALLBACK_LIMITS;
  const [form] = Form.useForm<MessageInput>();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [failure, setFailure] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<MessageReceipt | null>(null);
  // The query code stays in the address, so a reload (or a phone's pull to refresh) still shows it.
  const [params, setParams] = useSearchParams();
  const kept = params.get('code');
  const shown: MessageReceipt | null =
    receipt ?? (kept && /^[A-Za-z0-9]{4,16}$/.test(kept) ? { code: kept, duplicate: false } : null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const submit = async (values: MessageInput) => {
    setFailure(null);
    const controller = new AbortController();
    abort.current = controller;
    try {
      setPhase({ kind: 'verifying', progress: 0 });
      const proof = await proveWork(
        (progress) => setPhase({ kind: 'verifying', progress }),
        controller.signal,
      );
      setPhase({ kind: 'sending' });
      const result = await sendMessage({
        title: values.title,
        body: values.body,
        ...(values.nickname?.trim() ? { nickname: values.nickname.trim() } : {}),
        ...(values.contact?.trim() ? { contact: values.contact.trim() } : {}),
        ...proof,
      });
      setReceipt(result);
      if (result.code && !result.duplicate) setParams({ code: result.code }, { replace: true });
      window.scrollTo({ top: 0 });
    } catch (error) {
      if (!isAbort(error)) setFailure(errorMessage(error));
    } finally {
      if (!controller.signal.aborted) setPhase({ kind: 'idle' });
    }
  };

  const again = () => {
    form.resetFields();
    setReceipt(null);
    setParams({}, { replace: true });
  };

  if (shown) return <Receipt receipt={shown} onAnother={again} />;

  const busy = phase.kind !== 'idle';
  const lengthRule = (min: number, max: number, message: string) => ({
    validator: (_: unknown, value: string | undefined) => {
      const n = charCount((value ?? '').trim());
      return n === 0 || (n >= min && n <= max)
        ? Promise.resolve()
        : Promise.reject(new Error(message));
    },
  });
  const counter = (max: number) => ({ show: true, max, strategy: charCount });

  return (
    <Card title={t('board.form.title')} size="small">
      <Typography.Paragraph type="secondary">{t('board.form.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        disabled={busy}
        onFinish={(values) => void submit(values)}
        scrollToFirstError={{ focus: true }}
        requiredMark
      >
        <Form.Item
          name="title"
          label={t('board.form.subject')}
          rules={[
            { required: true, whitespace: true, message: t('board.form.subjectRequired') },
            lengthRule(
              limits.title.min,
              limits.title.max,
              t('board.form.subjectLength', limits.title),
            ),
          ]}
        >
          <Input
            placeholder={t('board.form.subjectPlaceholder')}
            count={counter(limits.title.max)}
          />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('board.form.body')}
          rules={[
            { required: true, whitespace: true, message: t('board.form.bodyRequired') },
            lengthRule(limits.body.min, limits.body.max, t('board.form.bodyLength', limits.body)),
          ]}
        >
          <Input.TextArea
            placeholder={t('board.form.bodyPlaceholder')}
            autoSize={{ minRows: 6, maxRows: 16 }}
            count={counter(limits.body.max)}
          />
        </Form.Item>
        <Form.Item name="nickname" label={t('board.form.nickname')}>
          <Input
            placeholder={t('board.form.nicknamePlaceholder')}
            count={counter(limits.nickname.max)}
          />
        </Form.Item>
        <Form.Item
          name="contact"
          label={t('board.form.contact')}
          extra={t('board.form.contactHint')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                !value?.trim() || looksLikeContact(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('board.form.contactInvalid'))),
            },
          ]}
        >
          <Input
            placeholder={t('board.form.contactPlaceholder')}
            count={counter(limits.contact.max)}
            autoComplete="tel"
          />
        </Form.Item>
        {failure ? (
          <Alert
            type="error"
            showIcon
            message={t('board.form.failed')}
            description={failure}
            style={{ marginBottom: 16 }}
            data-testid="board-error"
          />
        ) : null}
        {phase.kind === 'verifying' ? (
          <div style={{ marginBottom: 16 }} data-testid="board-verifying">
            <Typography.Text>{t('board.form.verifying')}</Typography.Text>
            <Progress
              percent={Math.min(99, Math.round(phase.progress * 100))}
              size="small"
              aria-label={t('board.form.verifying')}
            />
          </div>
        ) : null}
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" size="large" loading={busy}>
            {phase.kind === 'sending' ? t('board.form.sending') : t('board.form.submit')}
          </Button>
          <LinkButton to="/board" size="large">
            {t('board.backToList')}
          </LinkButton>
        </Flex>
      </Form>
    </Card>
  );
}

function Receipt({ receipt, onAnother }: { receipt: MessageReceipt; onAnother: () => void }) {
  const t = useT();
  const code = receipt.code;
  // The form the citizen was in is gone: focus (and a screen reader) goes to the receipt and its
  // query code instead of being dropped at the top of the page.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  const view = code ? (
    <LinkButton to={`/board/m/${code}`} key="view" type="primary">
      {t('board.done.view')}
    </LinkButton>
  ) : null;
  if (receipt.duplicate) {
    return (
      <Card size="small" ref={box} tabIndex={-1} style={{ outline: 'none' }}>
        <Result
          status="info"
          title={t('board.duplicate.title')}
          subTitle={code ? t('board.duplicate.withCode', { code }) : t('board.duplicate.subtitle')}
          extra={[
            view,
            <Button key="another" onClick={onAnother}>
              {t('board.done.another')}
            </Button>,
          ]}
          data-testid="board-duplicate"
        />
      </Card>
    );
  }
  return (
    <Card size="small" ref={box} tabIndex={-1} style={{ outline: 'none' }}>
      <Result
        status="success"
        title={t('board.done.title')}
        subTitle={t('board.done.keep')}
        data-testid="board-done"
        extra={[
          view,
          <Button key="another" onClick={onAnother}>
            {t('board.done.another')}
          </Button>,
        ]}
      >
        <Flex vertical align="center" gap={8}>
          <Typography.Text type="secondary">{t('board.done.code')}</Typography.Text>
          <Typography.Text
            strong
            style={{ fontSize: 28, letterSpacing: 4, fontFamily: 'monospace' }}
            data-testid="board-code"
          >
            {code}
          </Typography.Text>
          {code ? <CopyButton text={code} /> : null}
        </Flex>
      </Result>
    </Card>
  );
}
