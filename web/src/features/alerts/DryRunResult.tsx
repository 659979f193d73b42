import { Alert, Divider, List, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { formatDateTime } from '../../app/format';
import type { AlertText } from './alert-text';
import type { TestResult } from './alerts.api';
import { MatchedPostList } from './MatchedPostList';

/** 试运行: whether the rule would fire now, each threshold checked, and the recent matches. */
export function DryRunResult({ result, text }: { result: TestResult; text: AlertText }) {
  const m = result.measurement;
  return (
    <div data-testid="dry-run-result">
      <Alert
        type={result.wouldFire ? 'warning' : 'info'}
        showIcon
        title={result.wouldFire ? text('dryRunWould') : text('dryRunWouldNot')}
        description={`${formatDateTime(m.windowStart)} ~ ${formatDateTime(m.windowEnd)}`}
      />
      <List
        size="small"
        dataSource={m.checks}
        renderItem={(check) => (
          <List.Item>
            {check.met ? (
              <CheckCircleTwoTone twoToneColor="#52c41a" />
            ) : (
              <CloseCircleTwoTone twoToneColor="#bfbfbf" />
            )}{' '}
            {check.text}
          </List.Item>
        )}
      />
      <Divider titlePlacement="start" plain>
        {result.total === 0
          ? text('dryRunNone', { days: result.days })
          : text('dryRunPosts', { days: result.days, total: result.total }) +
            (result.total > result.posts.length
              ? text('dryRunShown', { shown: result.posts.length })
              : '')}
      </Divider>
      {result.total > 0 ? (
        <MatchedPostList
          posts={result.posts}
          text={text}
          empty={text('dryRunNone', { days: result.days })}
          testId="dry-run-posts"
        />
      ) : (
        <Typography.Text type="secondary">
          {text('dryRunNone', { days: result.days })}
        </Typography.Text>
      )}
    </div>
  );
}
