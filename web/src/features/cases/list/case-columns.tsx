import { Flex, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../app/i18n/i18n';
import { StateTag, UrgentTag } from '../case-labels';
import type { CaseSummary } from '../cases.api';
import { DeadlineTag } from '../DeadlineTag';

/** Orders the server can sort the case list by, besides the newest first. */
export type CaseSort = 'replyDue' | 'handlingDue';

/**
 * The columns of the case table; the less telling ones give way on a phone. The two deadlines
 * sort the list (on the server) by the one that ends first.
 */
export function useCaseColumns(sort?: CaseSort): TableColumnsType<CaseSummary> {
  const t = useT();
  return [
    {
      title: t('cases.slipNo'),
      dataIndex: 'slipNo',
      key: 'slipNo',
      width: 110,
      responsive: ['sm'],
      render: (slipNo: string | null, c) =>
        slipNo ?? <Typography.Text type="secondary">#{c.id}</Typography.Text>,
    },
    {
      // A phone has room for one column: the case as a small card.
      title: t('cases.caseTitle'),
      key: 'phone',
      responsive: ['xs'],
      render: (_v, c) => (
        <Flex vertical gap={6}>
          <Flex gap={6} align="center" wrap>
            {c.urgent ? <UrgentTag /> : null}
            <Link
              to={`/cases/${c.id}`}
              className="tap-target"
              onClick={(event) => event.stopPropagation()}
            >
              {c.title}
            </Link>
          </Flex>
          <Flex gap={6} align="center" wrap>
            <StateTag state={c.state} />
            <Typography.Text type="secondary">
              {c.slipNo ?? `#${c.id}`}
              {c.leadUnitName ? ` · ${c.leadUnitName}` : ''}
            </Typography.Text>
          </Flex>
          {c.handlingClock || c.replyClock ? (
            <Flex gap={6} wrap>
              {c.handlingClock ? (
                <DeadlineTag clock={c.handlingClock} label={t('cases.handlingShort')} />
              ) : null}
              {c.replyClock ? (
                <DeadlineTag clock={c.replyClock} label={t('cases.replyShort')} />
              ) : null}
            </Flex>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('cases.caseTitle'),
      dataIndex: 'title',
      key: 'title',
      responsive: ['sm'],
      render: (title: string, c) => (
        <Flex gap={6} align="center" style={{ minWidth: 200, maxWidth: 320 }}>
          {c.urgent ? <UrgentTag /> : null}
          <Link
            to={`/cases/${c.id}`}
            className="tap-target"
            onClick={(event) => event.stopPropagation()}
          >
            {title}
          </Link>
        </Flex>
      ),
    },
    {
      title: t('cases.source'),
      dataIndex: 'source',
      key: 'source',
      width: 130,
      responsive: ['lg'],
    },
    {
      title: t('cases.state'),
      dataIndex: 'state',
      key: 'state',
      width: 90,
      responsive: ['sm'],
      render: (_state, c) => <StateTag state={c.state} />,
    },
    {
      title: t('cases.leadUnit'),
      dataIndex: 'leadUnitName',
      key: 'leadUnit',
      width: 120,
      responsive: ['md'],
      render: (name: string | null) => name ?? '—',
    },
    {
      title: t('cases.replyClock'),
      dataIndex: 'replyClock',
      key: 'replyDue',
      width: 150,
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sort === 'replyDue' ? 'ascend' : null,
      responsive: ['sm'],
      render: (_clock, c) => <DeadlineTag clock={c.replyClock} />,
    },
    {
      title: t('cases.handlingClock'),
      dataIndex: 'handlingClock',
      key: 'handlingDue',
      width: 150,
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sort === 'handlingDue' ? 'ascend' : null,
      responsive: ['md'],
      render: (_clock, c) => <DeadlineTag clock={c.handlingClock} />,
    },
  ];
}
