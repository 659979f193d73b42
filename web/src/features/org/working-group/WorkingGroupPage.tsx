import { useCallback, useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Flex, Skeleton, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { usePermission } from '../../../app/auth';
import { inParens, useT } from '../../../app/i18n/i18n';
import { Page } from '../../../app/Page';
import { LoadError } from '../../../app/results';
import { useApi } from '../../../app/use-api';
import { WorkingGroupForm } from './WorkingGroupForm';
import { getWorkingGroup } from './working-group.api';
import type { Member } from './working-group.api';

function Members({ members, empty }: { members: Member[]; empty: string }) {
  if (members.length === 0) return <span style={{ color: 'rgba(0,0,0,0.45)' }}>{empty}</span>;
  return (
    <Flex wrap gap={8}>
      {members.map((m) => (
        <Tag key={m.userId} color="blue">
          {m.unitName ? `${m.name}${inParens(m.unitName)}` : m.name}
        </Tag>
      ))}
    </Flex>
  );
}

export default function WorkingGroupPage() {
  const t = useT();
  const has = usePermission();
  const canManage = has('org.manage');
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);

  const load = useCallback((signal: AbortSignal) => getWorkingGroup(signal), []);
  const { data, error, loading, reload } = useApi(load);

  const empty =
    data !== undefined &&
    data.orgName === null &&
    data.leaders.length === 0 &&
    data.deputies.length === 0 &&
    data.units.length === 0;

  return (
    <Page
      title={t('wg.title')}
      extra={
        canManage && data && !editing ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      <Card>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : !data || (loading && !data) ? (
          <Skeleton active />
        ) : editing ? (
          <WorkingGroupForm
            group={data}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              void message.success(t('wg.saved'));
              reload();
            }}
          />
        ) : empty ? (
          <Empty description={canManage ? t('wg.emptyHint') : t('wg.empty')} />
        ) : (
          <Descriptions
            column={1}
            bordered
            styles={{ label: { width: 140 } }}
            items={[
              {
                key: 'orgName',
                label: t('wg.orgName'),
                children: data.orgName ?? (
                  <span style={{ color: '#cf1322' }}>{t('wg.orgNameUnset')}</span>
                ),
              },
              {
                key: 'leaders',
                label: t('wg.leaders'),
                children: <Members members={data.leaders} empty={t('wg.empty')} />,
              },
              {
                key: 'deputies',
                label: t('wg.deputies'),
                children: <Members members={data.deputies} empty={t('wg.empty')} />,
              },
              {
                key: 'units',
                label: t('wg.units'),
                children:
                  data.units.length === 0 ? (
                    t('wg.empty')
                  ) : (
                    <Flex wrap gap={8}>
                      {data.units.map((u) => (
                        <Tag key={u.unitId}>{u.name}</Tag>
                      ))}
                    </Flex>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </Page>
  );
}
