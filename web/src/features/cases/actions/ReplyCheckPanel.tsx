import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Flex, Form, Progress, Skeleton, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../../app/api';
import { useI18n, type Lang } from '../../../app/i18n/i18n';
import { useApi } from '../../../app/use-api';

/** Mirrors ReplyCheckResult in src/modules/analysis/reply-check.routes.ts. */
export interface ReplyCheckResult {
  relevance: number;
  completeness: number;
  explanation: number;
  tone: number;
  score: number;
  points: { text: string; answered: boolean }[];
  reasons: string[];
}

export function checkReply(
  input: { title?: string | null; body: string; reply: string },
  signal?: AbortSignal,
): Promise<ReplyCheckResult> {
  return api<ReplyCheckResult>('/api/analysis/reply-check', {
    method: 'POST',
    body: input,
    signal,
  });
}

// The panel's own words, beside it (as the alert pages keep theirs): only this panel shows them.
const TEXT = {
  zh: {
    title: '答复质量检查',
    relevance: '相关性',
    completeness: '完整性',
    explanation: '说明依据',
    tone: '语气',
    score: '综合',
    points: '留言诉求',
    answered: '已回应',
    unanswered: '未回应',
    reasons: '说明',
    failed: '答复质量检查失败',
    empty: '答复意见为空，暂无法检查',
  },
  en: {
    title: 'Reply quality check',
    relevance: 'Relevance',
    completeness: 'Completeness',
    explanation: 'Basis explained',
    tone: 'Tone',
    score: 'Overall',
    points: 'Points raised',
    answered: 'Answered',
    unanswered: 'Not answered',
    reasons: 'Notes',
    failed: 'The reply check failed',
    empty: 'The reply is empty: nothing to check',
  },
} satisfies Record<Lang, Record<string, string>>;

const FIGURES = ['relevance', 'completeness', 'explanation', 'tone', 'score'] as const;

const colour = (v: number) => (v >= 0.7 ? '#52c41a' : v >= 0.4 ? '#faad14' : '#ff4d4f');

/** Waits until the text has stopped changing for a moment, so typing does not ask on each key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * 答复质量检查 before a leader approves a reply: relevance, completeness, basis and tone as bars,
 * the points of the message with whether the reply answers them, and the reasons.
 */
export function ReplyCheckPanel({
  title,
  body,
  reply,
}: {
  title?: string | null;
  body: string;
  reply: string;
}) {
  const { lang } = useI18n();
  const text = TEXT[lang];
  const input = useSettled(JSON.stringify({ title: title ?? null, body, reply }), 400);
  const load = useCallback(
    (signal: AbortSignal) =>
      checkReply(
        JSON.parse(input) as { title: string | null; body: string; reply: string },
        signal,
      ),
    [input],
  );
  const blank = !reply.trim() || !body.trim();
  const { data, error, loading } = useApi(blank ? null : load);

  return (
    <Card size="small" title={text.title} data-testid="reply-check">
      {blank ? (
        <Typography.Text type="secondary">{text.empty}</Typography.Text>
      ) : error ? (
        <Alert type="error" showIcon title={text.failed} description={errorMessage(error)} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <Flex vertical gap={12} style={{ opacity: loading ? 0.6 : 1 }} aria-busy={loading}>
          <Flex vertical gap={4}>
            {FIGURES.map((key) => (
              <Flex key={key} align="center" gap={8} data-figure={key}>
                <Typography.Text strong={key === 'score'} style={{ width: 72, flex: 'none' }}>
                  {text[key]}
                </Typography.Text>
                <Progress
                  percent={Math.round(data[key] * 100)}
                  strokeColor={colour(data[key])}
                  size="small"
                  aria-label={text[key]}
                  style={{ margin: 0, flex: 1 }}
                />
              </Flex>
            ))}
          </Flex>
          {data.points.length > 0 ? (
            <div>
              <Typography.Text type="secondary">{text.points}</Typography.Text>
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                {data.points.map((p, i) => (
                  <li key={i}>
                    <Tag
                      color={p.answered ? 'success' : 'warning'}
                      icon={p.answered ? <CheckCircleOutlined /> : <ExclamationCircleOutlined />}
                    >
                      {p.answered ? text.answered : text.unanswered}
                    </Tag>
                    {p.text}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div>
            <Typography.Text type="secondary">{text.reasons}</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
              {data.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </div>
        </Flex>
      )}
    </Card>
  );
}

/** The check of the reply being written (the form's `text`), once there is enough to judge. */
export function DraftReplyCheck({ title, body }: { title?: string | null; body: string }) {
  const text = Form.useWatch<string | undefined>('text');
  if (!text || text.trim().length < 20) return null;
  return <ReplyCheckPanel title={title} body={body} reply={text} />;
}
