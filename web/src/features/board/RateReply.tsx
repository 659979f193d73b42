import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, Progress, Radio, Typography } from 'antd';
import { ApiError, errorMessage, isAbort } from '../../app/api';
import { useT } from '../../app/i18n/i18n';
import { charCount, rateReply, type BoardRating, type PublicMessage } from './board.api';
import { useBoard } from './BoardLayout';
import { proveWork } from './pow';

const RATINGS: BoardRating[] = ['satisfied', 'basically', 'unsatisfied'];
const FALLBACK_NOTE_MAX = 200;

type Phase = { kind: 'idle' } | { kind: 'verifying'; progress: number } | { kind: 'sending' };

interface RatingValues {
  rating?: BoardRating;
  note?: string;
}

/**
 * Under a published reply: the citizen's rating once given (here or recorded by staff), else the
 * form to give it, behind the same proof of work as a message. `onChange` gets the message as the
 * server now has it.
 */
export function RateReply({
  message,
  onChange,
  onStale,
}: {
  message: PublicMessage;
  onChange: (next: PublicMessage) => void;
  onStale: () => void;
}) {
  const t = useT();
  const { about } = useBoard();
  const noteMax = about?.limits.ratingNote.max ?? FALLBACK_NOTE_MAX;
  const [form] = Form.useForm<RatingValues>();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [failure, setFailure] = useState<string | null>(null);
  const [justRated, setJustRated] = useState(false);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const reply = message.reply;
  if (!reply) return null;
  if (reply.rating) {
    return (
      <Alert
        type={reply.rating === 'unsatisfied' ? 'warning' : 'success'}
        showIcon
        title={t('board.rate.yours', { rating: t(`board.rating.${reply.rating}`) })}
        description={
          reply.rating === 'unsatisfied' && justRated ? t('board.rate.unsatisfiedHint') : undefined
        }
        data-testid="board-rating"
      />
    );
  }
  if (!reply.rateable) return null;

  const submit = async (values: RatingValues) => {
    if (!values.rating) return;
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
      const note = values.note?.trim();
      const next = await rateReply(message.code ?? '', {
        rating: values.rating,
        ...(note ? { note } : {}),
        ...proof,
      });
      setJustRated(true);
      onChange(next);
    } catch (error) {
      if (isAbort(error)) return;
      setFailure(errorMessage(error));
      // Rated meanwhile (another tab, or staff) or archived: show what is true now.
      if (error instanceof ApiError && error.status === 409) onStale();
    } finally {
      if (!controller.signal.aborted) setPhase({ kind: 'idle' });
    }
  };

  const busy = phase.kind !== 'idle';
  return (
    <Card size="small" title={t('board.rate.title')} data-testid="board-rate">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('board.rate.hint')}
      </Typography.Paragraph>
      <Form<RatingValues>
        form={form}
        layout="vertical"
        disabled={busy}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="rating"
          label={t('board.rate.label')}
          rules={[{ required: true, message: t('board.rate.required') }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={RATINGS.map((value) => ({ value, label: t(`board.rating.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('board.rate.note')}
          rules={[
            {
              validator: (_: unknown, value: string | undefined) =>
                charCount((value ?? '').trim()) <= noteMax
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('board.rate.noteLength', { max: noteMax }))),
            },
          ]}
        >
          <Input.TextArea
            placeholder={t('board.rate.notePlaceholder')}
            autoSize={{ minRows: 2, maxRows: 5 }}
            count={{ show: true, max: noteMax, strategy: charCount }}
          />
        </Form.Item>
        {failure ? (
          <Alert
            type="error"
            showIcon
            title={failure}
            style={{ marginBottom: 16 }}
            data-testid="board-rate-error"
          />
        ) : null}
        {phase.kind === 'verifying' ? (
          <div style={{ marginBottom: 16 }}>
            <Typography.Text>{t('board.form.verifying')}</Typography.Text>
            <Progress
              percent={Math.min(99, Math.round(phase.progress * 100))}
              size="small"
              aria-label={t('board.form.verifying')}
            />
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" loading={busy}>
          {phase.kind === 'sending' ? t('board.form.sending') : t('board.rate.submit')}
        </Button>
      </Form>
    </Card>
  );
}
