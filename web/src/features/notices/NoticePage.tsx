import { useCallback } from 'react';
import { Button, Card, Descriptions, Flex, Grid, Result, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import type { Lang, MessageKey, Translate } from '../../app/i18n/i18n';
import { Page } from '../../app/Page';
import { LoadError, NotFound } from '../../app/results';
import { useApi } from '../../app/use-api';
import { UNIT_ROLE_KEYS, caseName } from '../cases/case-labels';
import { remainingText } from '../cases/DeadlineTag';
import { periodText } from '../stats/period';
import { getNotice, noticeDocxUrl } from './notices.api';
import type { Notice, NoticeCase, NoticeUnit } from './notices.api';
import { LinkButton } from '../../app/LinkButton';

const DEADLINE_KEYS: Record<NoticeCase['deadline'], MessageKey> = {
  handling: 'notices.deadlineHandling',
  reply: 'notices.deadlineReply',
};

/** 超期 1 天 3 小时 in the UI's language: the server's words in Chinese, ours otherwise. */
function lateWords(t: Translate, lang: Lang, c: NoticeCase): string {
  if (lang === 'zh') return c.lateText;
  const minutes = Math.max(0, c.lateMinutes);
  return remainingText(t, new Date(0).toISOString(), minutes * 60_000);
}

function useCaseColumns(): TableColumnsType<NoticeCase> {
  const { t, lang } = useI18n();
  const deadlineLabel = (c: NoticeCase) =>
    lang === 'zh' ? c.deadlineLabel : t(DEADLINE_KEYS[c.deadline]);
  const late = (c: NoticeCase) => (
    <Tag color="error" style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}>
      {lateWords(t, lang, c)}
    </Tag>
  );
  const role = (c: NoticeCase) => (
    <Tag color={c.role === 'lead' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
      {t(UNIT_ROLE_KEYS[c.role])}
    </Tag>
  );
  return [
    {
      title: t('notices.case'),
      key: 'phone',
      responsive: ['xs'],
      render: (_v, c) => (
        <Flex vertical gap={4}>
          <Flex gap={6} wrap align="center">
            <Link to={`/cases/${c.caseId}`}>{c.title}</Link>
            {role(c)}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {caseName(t, { id: c.caseId, slipNo: c.slipNo })} · {deadlineLabel(c)}{' '}
            {formatDateTime(c.dueAt)}
          </Typography.Text>
          <Flex gap={6} wrap align="center">
            {late(c)}
            <Typography.Text>{c.status}</Typography.Text>
          </Flex>
        </Flex>
      ),
    },
    {
      title: t('cases.slipNo'),
      key: 'slip',
      width: 110,
      responsive: ['sm'],
      render: (_v, c) => <Link to={`/cases/${c.caseId}`}>{c.slipNo ?? `#${c.caseId}`}</Link>,
    },
    {
      title: t('cases.caseTitle'),
      key: 'title',
      responsive: ['sm'],
      render: (_v, c) => (
        <Flex gap={6} align="center" wrap style={{ minWidth: 180 }}>
          <Link to={`/cases/${c.caseId}`}>{c.title}</Link>
          {role(c)}
        </Flex>
      ),
    },
    {
      title: t('notices.deadline'),
      key: 'deadline',
      width: 170,
      responsive: ['sm'],
      render: (_v, c) => (
        <Flex vertical>
          <span>{deadlineLabel(c)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(c.dueAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('notices.late'),
      key: 'late',
      width: 150,
      responsive: ['sm'],
      render: (_v, c) => late(c),
    },
    {
      title: t('notices.status'),
      key: 'status',
      width: 170,
      responsive: ['sm'],
      render: (_v, c) => (
        <Flex vertical>
          <span>{c.status}</span>
          {c.doneAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(c.doneAt)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
  ];
}

function UnitCard({ unit }: { unit: NoticeUnit }) {
  const { t, lang } = useI18n();
  const wide = Boolean(Grid.useBreakpoint().sm);
  const columns = useCaseColumns();
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{unit.unitName}</span>
          <Tag color="error">
            {t('notices.caseTotal', { n: formatNumber(unit.cases.length, lang) })}
          </Tag>
        </Flex>
      }
      extra={<Link to={`/cases?unitId=${unit.unitId}`}>{t('notices.unitCases')}</Link>}
      style={{ marginBottom: 16 }}
      styles={{ body: { padding: 0 } }}
      data-testid={`notice-unit-${unit.unitId}`}
    >
      <Table<NoticeCase>
        rowKey={(c) => `${c.caseId}-${c.deadline}`}
        columns={columns}
        dataSource={unit.cases}
        pagination={false}
        size="small"
        scroll={wide ? { x: 'max-content' } : undefined}
      />
    </Card>
  );
}

function NoticeFacts({ notice }: { notice: Notice }) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, xl: 3 }}
        data-testid="notice-facts"
        items={[
          { key: 'title', label: t('notices.title'), span: 'filled', children: notice.title },
          { key: 'number', label: t('notices.number'), children: notice.number },
          {
            key: 'period',
            label: t('notices.period'),
            children: periodText(t, notice.periodFrom, notice.periodTo),
          },
          {
            key: 'created',
            label: t('notices.createdAt'),
            children: `${formatDateTime(notice.createdAt)}${notice.createdBy ? ` · ${notice.createdBy}` : ''}`,
          },
          {
            key: 'count',
            label: t('notices.scope'),
            children: t('notices.unitsAndCases', {
              units: formatNumber(notice.unitCount, lang),
              cases: formatNumber(notice.caseCount, lang),
            }),
          },
        ]}
      />
    </Card>
  );
}

/** One 通报: the units named, each with its late cases and how late. */
export default function NoticePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const load = useCallback((signal: AbortSignal) => getNotice(id, signal), [id]);
  const { data: notice, error, reload } = useApi(valid ? load : null);

  if (!valid || (error instanceof ApiError && error.status === 404)) return <NotFound />;

  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => void (window.history.length > 1 ? navigate(-1) : navigate('/notices'))}
    >
      {t('cases.back')}
    </Button>
  );

  if (!notice || notice.id !== id) {
    return (
      <Page title={t('notices.pageTitle')} extra={back}>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <div style={{ textAlign: 'center', padding: 48 }}>
            <Spin />
          </div>
        )}
      </Page>
    );
  }

  return (
    <Page
      title={t('notices.name', { number: notice.number })}
      extra={
        <>
          <LinkButton to={`/notices/${notice.id} /print`} icon={<PrinterOutlined />}>
            {t('print.view')}
          </LinkButton>
          <Button
            icon={<FileWordOutlined />}
            href={noticeDocxUrl(notice.id)}
            download
            data-testid="notice-docx"
          >
            {t('notices.docx')}
          </Button>
          {back}
        </>
      }
    >
      <NoticeFacts notice={notice} />
      {notice.units.length === 0 ? (
        <Card>
          <Result status="success" title={t('notices.clean')} />
        </Card>
      ) : (
        notice.units.map((unit) => <UnitCard key={unit.unitId} unit={unit} />)
      )}
    </Page>
  );
}
