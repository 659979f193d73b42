import { Timeline, Typography } from 'antd';
import { formatDateTime } from '../../../app/format';
import { useT } from '../../../app/i18n/i18n';
import { actLabel } from '../case-labels';
import type { CaseEvent } from '../cases.api';

const COLORS: Record<string, string> = {
  register: 'blue',
  assign: 'blue',
  approve: 'green',
  publish: 'green',
  archive: 'gray',
  close: 'gray',
  return: 'red',
  reopen: 'red',
  urge: 'orange',
  'extension.request': 'orange',
};

/** The case's history, oldest first, as the case file reads. */
export function CaseTimeline({ events }: { events: CaseEvent[] }) {
  const t = useT();
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((event) => ({
        key: event.id,
        color: COLORS[event.action] ?? 'blue',
        content: (
          <div data-action={event.action}>
            <Typography.Text strong>{actLabel(t, event.action, event.label)}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(event.at)} · {event.actorName}
                {event.unitName ? ` · ${event.unitName}` : ''}
              </Typography.Text>
            </div>
            {event.comment ? (
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: '4px 0 0' }}
                ellipsis={{ rows: 4, expandable: true, symbol: t('cases.more') }}
              >
                {event.comment}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
