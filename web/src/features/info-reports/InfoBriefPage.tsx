import { useCallback, useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  List,
  Popconfirm,
  Tag,
  Typography,
} from 'antd';
import {
  ArrowLeftOutlined,
  CheckOutlined,
  EditOutlined,
  FileWordOutlined,
  RollbackOutlined,
  SendOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { useMe, usePermission } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { LoadError, NotFound } from '../../app/results';
import { useApi } from '../../app/use-api';
import { BriefActModal, type BriefAct } from './BriefActModal';
import { BriefEditorModal } from './BriefEditorModal';
import { briefDocxUrl, getBrief, reviewBrief, sendForReview } from './info-reports.api';
import type { Brief } from './info-reports.api';
import { levelLabel, useInfoText } from './info-text';
import { StatusTag } from './StatusTag';
import { LinkButton } from '../../app/LinkButton';
import { inParens } from '../../app/i18n/i18n';

/** One brief: its text, review, submission and outcomes, with the acts its status allows. */
export default function InfoBriefPage() {
  const text = useInfoText();
  const has = usePermission();
  const me = useMe();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const id = Number(useParams().id);
  const load = useCallback((signal: AbortSignal) => getBrief(id, signal), [id]);
  const { data, error, loading, reload } = useApi(load);
  const [editing, setEditing] = useState(false);
  const [act, setAct] = useState<BriefAct | null>(null);
  const [busy, setBusy] = useState(false);

  if (!data) {
    if (error instanceof ApiError && error.status === 404) return <NotFound />;
    if (error) return <LoadError error={error} onRetry={reload} />;
    return <Card loading={loading} />;
  }
  const brief = data;
  const mine = brief.author.id === me.id;
  const editable = mine && (brief.status === 'draft' || brief.status === 'returned');

  const run = async (action: () => Promise<Brief>, done: 'done.send' | 'done.approve') => {
    setBusy(true);
    try {
      await action();
      void message.success(text(done));
      reload();
    } catch (cause) {
      notifyError(cause);
    } finally {
      setBusy(false);
    }
  };
  const done = () => {
    void message.success(act ? text(`done.${act}`) : text('saved'));
    setAct(null);
    setEditing(false);
    reload();
  };

  return (
    <Page
      title={brief.title}
      extra={
        <>
          <LinkButton to="/info-briefs" icon={<ArrowLeftOutlined />}>
            {text('back')}
          </LinkButton>
          {editable ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {text('edit')}
              </Button>
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={busy}
                onClick={() => void run(() => sendForReview(brief.id, brief.version), 'done.send')}
                data-testid="brief-send"
              >
                {text('send')}
              </Button>
            </>
          ) : null}
          {brief.status === 'reviewing' && has('info.review') ? (
            <>
              <Button icon={<RollbackOutlined />} onClick={() => setAct('return')}>
                {text('return')}
              </Button>
              <Popconfirm
                title={text('approveConfirm')}
                okText={text('approve')}
                onConfirm={() =>
                  void run(
                    () => reviewBrief(brief.id, { decision: 'approve', version: brief.version }),
                    'done.approve',
                  )
                }
              >
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={busy}
                  data-testid="brief-approve"
                >
                  {text('approve')}
                </Button>
              </Popconfirm>
            </>
          ) : null}
          {brief.status === 'approved' && has('info.write') ? (
            <Button type="primary" icon={<SendOutlined />} onClick={() => setAct('submit')}>
              {text('submit')}
            </Button>
          ) : null}
          {brief.status === 'submitted' && has('info.write') ? (
            <Button icon={<TrophyOutlined />} onClick={() => setAct('outcome')}>
              {text('addOutcome')}
            </Button>
          ) : null}
          <Typography.Link href={briefDocxUrl(brief.id)} download>
            <Button icon={<FileWordOutlined />}>{text('docx')}</Button>
          </Typography.Link>
        </>
      }
    >
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'status', label: text('status'), children: <StatusTag status={brief.status} /> },
            {
              key: 'author',
              label: text('author'),
              children: `${brief.author.name}${brief.unitName ? inParens(brief.unitName) : ''}`,
            },
            ...(brief.sourceKind && brief.sourceId !== null
              ? [
                  {
                    key: 'source',
                    label: text('source'),
                    // A topic or an incident opens; a post has no page of its own.
                    children:
                      brief.sourceKind === 'topic' || brief.sourceKind === 'incident' ? (
                        <Link
                          to={`/${brief.sourceKind === 'topic' ? 'monitoring/topics' : 'incidents'}/${brief.sourceId}`}
                        >
                          {text(`source.${brief.sourceKind}`, { id: brief.sourceId })}
                        </Link>
                      ) : (
                        text(`source.${brief.sourceKind}`, { id: brief.sourceId })
                      ),
                  },
                ]
              : []),
            ...(brief.reviewerName && brief.reviewedAt
              ? [
                  {
                    key: 'review',
                    // The last review's outcome: a returned brief was not 审核通过.
                    label: text(brief.status === 'returned' ? 'reviewReturned' : 'review'),
                    children: (
                      <Flex vertical>
                        <span>
                          {text('reviewedBy', {
                            name: brief.reviewerName,
                            at: formatDateTime(brief.reviewedAt),
                          })}
                        </span>
                        {brief.reviewComment ? (
                          <Typography.Text type="warning">
                            {text('reviewComment', { comment: brief.reviewComment })}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                    ),
                  },
                ]
              : []),
            ...(brief.submittedAt
              ? [
                  {
                    key: 'submitted',
                    label: text('submit'),
                    children: `${brief.issueNo !== null ? `${text('issue', { n: brief.issueNo })} ` : ''}${text(
                      'submittedInfo',
                      { at: formatDateTime(brief.submittedAt), to: brief.submittedTo ?? '' },
                    )}`,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card title={text('body')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="brief-text">
          {brief.body}
        </Typography.Paragraph>
      </Card>
      {brief.status === 'submitted' ? (
        <Card title={text('outcomes')}>
          {brief.outcomes.length === 0 ? (
            <Empty description={text('noOutcomes')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              dataSource={brief.outcomes}
              renderItem={(o) => (
                <List.Item key={o.id}>
                  <Flex gap={8} wrap>
                    <Tag color={o.kind === 'instruction' ? 'red' : 'gold'}>
                      {text(`outcome.${o.kind}`)}
                    </Tag>
                    <span>
                      {levelLabel(text, o.level)} · {o.byWhom}
                    </span>
                    {o.note ? <Typography.Text type="secondary">{o.note}</Typography.Text> : null}
                    <Typography.Text type="secondary">
                      {formatDateTime(o.recordedAt)}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      ) : null}
      <BriefEditorModal
        brief={brief}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={done}
      />
      <BriefActModal brief={brief} act={act} onClose={() => setAct(null)} onDone={done} />
    </Page>
  );
}
