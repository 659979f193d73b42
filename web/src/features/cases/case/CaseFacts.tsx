import { Badge, Descriptions, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { countedReplyAt } from './counted-reply';
import type { DescriptionsProps } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../../app/format';
import { useT } from '../../../app/i18n/i18n';
import type { Translate } from '../../../app/i18n/i18n';
import { StateTag, UrgentTag, extensionLabel } from '../case-labels';
import type { CaseDetail, CaseUnit } from '../cases.api';
import { DeadlineTag } from '../DeadlineTag';

function minutesText(t: Translate, minutes: number): string {
  const m = Math.max(0, minutes);
  const [days, hours, rest] = [Math.floor(m / 1440), Math.floor((m % 1440) / 60), m % 60];
  if (days > 0) {
    return hours > 0
      ? `${t('deadline.days', { n: days })} ${t('deadline.hours', { n: hours })}`
      : t('deadline.days', { n: days });
  }
  if (hours > 0) {
    return rest > 0
      ? `${t('deadline.hours', { n: hours })} ${t('deadline.minutes', { n: rest })}`
      : t('deadline.hours', { n: hours });
  }
  return t('deadline.minutes', { n: rest });
}

/**
 * A deadline whose clock no longer runs (the reply is in, the case archived): the due time stays
 * on the record, with whether it was met, instead of a bare —.
 */
function StoppedClock({
  t,
  dueAt,
  doneAt,
}: {
  t: Translate;
  dueAt: string | null;
  doneAt: string | null;
}) {
  if (!dueAt) return <>—</>;
  const met = doneAt === null ? null : new Date(doneAt).getTime() <= new Date(dueAt).getTime();
  return (
    <Typography.Text type="secondary" data-testid="stopped-clock">
      {formatDateTime(dueAt)}
      {met === null ? null : (
        <Tag color={met ? 'success' : 'error'} style={{ marginInlineStart: 8 }}>
          {t(met ? 'cases.clockMet' : 'cases.clockMissed')}
        </Tag>
      )}
    </Typography.Text>
  );
}

function UnitSigned({ unit }: { unit: CaseUnit }) {
  const t = useT();
  return (
    <span data-testid={`case-unit-${unit.unitId}`}>
      <Typography.Text>{unit.name}</Typography.Text>{' '}
      {unit.signedAt ? (
        <Tooltip title={formatDateTime(unit.signedAt)}>
          <Badge status="success" text={t('cases.signed')} />
        </Tooltip>
      ) : (
        <Badge status="warning" text={t('cases.unsigned')} />
      )}
    </span>
  );
}

/** The key facts at the top of the case page (DESIGN §9). */
export function CaseFacts({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const lead = detail.units.filter((u) => u.role === 'lead');
  const co = detail.units.filter((u) => u.role === 'co');
  const items: DescriptionsProps['items'] = [
    {
      key: 'state',
      label: t('cases.state'),
      children: (
        <Space size={[6, 4]} wrap>
          <StateTag state={detail.state} />
          {detail.urgent ? <UrgentTag /> : null}
          {detail.extension ? (
            <Tag color={detail.extension.state === 'granted' ? 'green' : 'orange'}>
              {extensionLabel(t, detail.extension.state)}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'slipNo',
      label: t('cases.slipNo'),
      children: detail.slipNo ?? (
        <Typography.Text type="secondary">
          {t(
            detail.state === 'closed' || detail.state === 'archived'
              ? 'cases.noSlipClosed'
              : 'cases.noSlip',
          )}
        </Typography.Text>
      ),
    },
    {
      key: 'source',
      label: t('cases.source'),
      children: (
        <Space size={6} wrap>
          <span>{detail.post.source}</span>
          {detail.post.url ? (
            <Typography.Link
              href={detail.post.url}
              target="_blank"
              rel="noopener noreferrer"
              className="tap-target"
            >
              <LinkOutlined /> {t('cases.openOriginal')}
            </Typography.Link>
          ) : null}
        </Space>
      ),
    },
    { key: 'postedAt', label: t('cases.postedAt'), children: formatDateTime(detail.postedAt) },
    { key: 'author', label: t('cases.author'), children: detail.post.author ?? '—' },
    {
      key: 'contact',
      label: t('cases.contact'),
      children: detail.post.contact ?? '—',
    },
    {
      key: 'replyClock',
      label: t('cases.replyClock'),
      children: detail.replyClock ? (
        <DeadlineTag clock={detail.replyClock} />
      ) : (
        <StoppedClock t={t} dueAt={detail.replyDueAt} doneAt={detail.publishedAt} />
      ),
    },
    {
      key: 'handlingClock',
      label: t('cases.handlingClock'),
      children: detail.handlingClock ? (
        <DeadlineTag clock={detail.handlingClock} />
      ) : (
        <StoppedClock t={t} dueAt={detail.handlingDueAt} doneAt={countedReplyAt(detail.replies)} />
      ),
    },
    {
      key: 'registeredAt',
      label: t('cases.registeredAt'),
      children: formatDateTime(detail.registeredAt),
    },
  ];
  if (lead.length > 0) {
    items.push({
      key: 'lead',
      label: t('cases.leadUnit'),
      children: (
        <Flex vertical gap={4}>
          {lead.map((unit) => (
            <UnitSigned key={unit.unitId} unit={unit} />
          ))}
        </Flex>
      ),
    });
    items.push({
      key: 'co',
      label: t('cases.coUnits'),
      children:
        co.length > 0 ? (
          <Flex vertical gap={4}>
            {co.map((unit) => (
              <UnitSigned key={unit.unitId} unit={unit} />
            ))}
          </Flex>
        ) : (
          '—'
        ),
    });
  }
  if (detail.assignedAt) {
    items.push({
      key: 'assigned',
      label: t('cases.assigned'),
      children: `${detail.assignedBy ?? '—'} · ${formatDateTime(detail.assignedAt)}`,
    });
  }
  if (detail.firstResponseMinutes !== null) {
    items.push({
      key: 'firstResponse',
      label: t('cases.firstResponse'),
      children: minutesText(t, detail.firstResponseMinutes),
    });
  }
  if (detail.archivedAt) {
    items.push({
      key: 'archivedAt',
      label: t('cases.archivedAt'),
      children: formatDateTime(detail.archivedAt),
    });
  }
  if (detail.imported) {
    items.push({
      key: 'imported',
      label: t('ledger.importedFrom'),
      children: (
        <span data-testid="case-imported">
          <Tag color="purple">{t('ledger.tag')}</Tag>
          {t('ledger.importedRow', {
            file: detail.imported.fileName,
            row: detail.imported.row,
          })}
        </span>
      ),
    });
  }
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 2, xl: 3 }}
      items={items}
      data-testid="case-facts"
    />
  );
}
