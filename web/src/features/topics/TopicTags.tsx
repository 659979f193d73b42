import { Space, Tag, Tooltip } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../app/format';
import type { TopicText } from './topic-text';

export function KeywordTags({ keywords }: { keywords: string[] }) {
  return (
    <Space size={[0, 4]} wrap>
      {keywords.map((w) => (
        <Tag key={w} bordered={false}>
          {w}
        </Tag>
      ))}
    </Space>
  );
}

/** 突发, with when and how strong in its tooltip; nothing for a topic that never burst. */
export function BurstTag({
  burstAt,
  burstRatio,
  text,
}: {
  burstAt: string | null;
  burstRatio: number | null;
  text: TopicText;
}) {
  if (!burstAt) return null;
  return (
    <Tooltip
      title={text('burstAt', {
        time: formatDateTime(burstAt),
        ratio: Math.round((burstRatio ?? 0) * 10) / 10,
      })}
    >
      <Tag color="red" icon={<ThunderboltOutlined />} data-testid="burst-tag">
        {text('burst')}
      </Tag>
    </Tooltip>
  );
}
