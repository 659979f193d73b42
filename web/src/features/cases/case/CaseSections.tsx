import type { CSSProperties, ReactNode } from 'react';
import { Card, Descriptions, Empty, Flex, Tag, Typography, theme } from 'antd';
import { formatDateTime } from '../../../app/format';
import { useT } from '../../../app/i18n/i18n';
import { extensionLabel, ratingLabel } from '../case-labels';
import type { CaseDetail, CaseReply } from '../cases.api';

const PRE: CSSProperties = { whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0 };

/** Text written by people, kept as they wrote it (line breaks and all). */
export function Prose({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Typography.Paragraph style={PRE} data-testid={testId}>
      {children}
    </Typography.Paragraph>
  );
}

function Byline({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {children}
    </Typography.Text>
  );
}

function Section({
  title,
  extra,
  children,
  testId,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card
      title={title}
      extra={extra}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={testId}
    >
      {children}
    </Card>
  );
}

export function PostSection({ detail }: { detail: CaseDetail }) {
  const t = useT();
  return (
    <Section title={t('cases.postSection')} testId="case-post">
      {detail.post.title ? (
        <Typography.Title level={2} style={{ marginTop: 0, fontSize: 16, lineHeight: 1.5 }}>
          {detail.post.title}
        </Typography.Title>
      ) : null}
      <Prose>{detail.post.body}</Prose>
      <Byline>
        {detail.post.author ?? t('cases.anonymous')} · {formatDateTime(detail.post.postedAt)} ·{' '}
        {detail.post.source}
      </Byline>
    </Section>
  );
}

export function InstructionSection({ detail }: { detail: CaseDetail }) {
  const t = useT();
  if (!detail.instruction) return null;
  return (
    <Section title={t('cases.instruction')} testId="case-instruction">
      <Prose>{detail.instruction}</Prose>
      <Byline>
        {detail.assignedBy ?? '—'} · {formatDateTime(detail.assignedAt)}
      </Byline>
    </Section>
  );
}

/** Co-units' input, which the lead unit merges into the one reply. */
export function ContributionsSection({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const co = detail.units.filter((u) => u.role === 'co');
  if (co.length === 0) return null;
  return (
    <Section title={t('cases.contributions')} testId="case-contributions">
      <Flex vertical gap={12}>
        {co.map((unit) => (
          <div key={unit.unitId}>
            <Typography.Text strong>{unit.name}</Typography.Text>
            {unit.contribution ? (
              <>
                <Prose>{unit.contribution}</Prose>
                <Byline>{formatDateTime(unit.contributedAt)}</Byline>
              </>
            ) : (
              <div>
                {/* A case of the past ledger: no input recorded, not input still owed. */}
                <Typography.Text type="secondary">
                  {t(detail.imported ? 'cases.contributionNotInLedger' : 'cases.noContribution')}
                </Typography.Text>
              </div>
            )}
          </div>
        ))}
      </Flex>
    </Section>
  );
}

function DecisionTag({ reply }: { reply: CaseReply }) {
  const t = useT();
  if (reply.decision === 'approved') return <Tag color="success">{t('cases.replyApproved')}</Tag>;
  if (reply.decision === 'returned') return <Tag color="error">{t('cases.replyReturned')}</Tag>;
  return <Tag color="gold">{t('cases.replyPending')}</Tag>;
}

/** Every submitted reply, newest first, with the leader's decision and comments. */
export function RepliesSection({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const { token } = theme.useToken();
  if (detail.replies.length === 0) return null;
  const rounds = [...detail.replies].sort((a, b) => b.round - a.round);
  return (
    <Section title={t('cases.replies')} testId="case-replies">
      <Flex vertical gap={16}>
        {rounds.map((reply) => (
          <div key={reply.round} data-testid={`reply-round-${reply.round}`}>
            <Flex gap={8} align="center" wrap style={{ marginBottom: 4 }}>
              <Typography.Text strong>{t('cases.round', { round: reply.round })}</Typography.Text>
              <DecisionTag reply={reply} />
              <Byline>
                {reply.submittedBy ?? '—'} · {formatDateTime(reply.submittedAt)}
              </Byline>
            </Flex>
            <Prose>{reply.text}</Prose>
            {reply.decidedAt ? (
              <div
                style={{
                  borderInlineStart: `3px solid ${reply.decision === 'returned' ? token.colorError : token.colorSuccess}`,
                  paddingInlineStart: 12,
                  marginTop: 8,
                }}
              >
                <Typography.Text type="secondary">{t('cases.leaderComment')}</Typography.Text>
                <Prose>{reply.comment ?? t('cases.noComment')}</Prose>
                <Byline>
                  {reply.decidedBy ?? '—'} · {formatDateTime(reply.decidedAt)}
                </Byline>
              </div>
            ) : null}
          </div>
        ))}
      </Flex>
    </Section>
  );
}

export function ExtensionSection({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const ext = detail.extension;
  if (!ext) return null;
  return (
    <Section title={t('cases.extensionSection')} testId="case-extension">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'state',
            label: t('cases.state'),
            children: extensionLabel(t, ext.state),
          },
          { key: 'until', label: t('cases.extensionUntil'), children: formatDateTime(ext.until) },
          { key: 'reason', label: t('cases.reason'), children: <Prose>{ext.reason}</Prose> },
          ...(ext.comment
            ? [{ key: 'comment', label: t('cases.leaderComment'), children: ext.comment }]
            : []),
        ]}
      />
    </Section>
  );
}

/** What the citizen has been told: 已收悉, the published reply and their rating. */
export function ResponseSection({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const items = [];
  if (detail.acknowledgement) {
    items.push({
      key: 'ack',
      label: t('cases.acknowledgement'),
      children: (
        <div>
          <Prose>{detail.acknowledgement}</Prose>
          <Byline>{formatDateTime(detail.acknowledgedAt)}</Byline>
        </div>
      ),
    });
  }
  if (detail.publishedUrl) {
    items.push({
      key: 'published',
      label: t('cases.publication'),
      children: (
        <div>
          <Typography.Link
            href={detail.publishedUrl}
            target="_blank"
            rel="noopener noreferrer"
            className="tap-target"
            style={{ wordBreak: 'break-all' }}
          >
            {detail.publishedUrl}
          </Typography.Link>
          <div>
            <Byline>{formatDateTime(detail.publishedAt)}</Byline>
          </div>
        </div>
      ),
    });
  }
  if (detail.publishedUrl && detail.replyText && detail.state !== 'handling') {
    items.push({
      key: 'reply',
      label: t('cases.publishedReply'),
      children: <Prose>{detail.replyText}</Prose>,
    });
  }
  if (detail.rating) {
    items.push({
      key: 'rating',
      label: t('cases.rating'),
      children: (
        <div>
          <Tag
            color={
              detail.rating === 'satisfied'
                ? 'success'
                : detail.rating === 'basically'
                  ? 'processing'
                  : 'error'
            }
          >
            {ratingLabel(t, detail.rating)}
          </Tag>
          {detail.ratingNote ? <Prose>{detail.ratingNote}</Prose> : null}
        </div>
      ),
    });
  }
  if (detail.closedReason) {
    items.push({
      key: 'closed',
      label: t('cases.closedReason'),
      children: <Prose>{detail.closedReason}</Prose>,
    });
  }
  if (items.length === 0) return null;
  return (
    <Section title={t('cases.response')} testId="case-response">
      <Descriptions size="small" column={1} items={items} />
    </Section>
  );
}

export function NothingYet() {
  const t = useT();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.noEvents')} />;
}
