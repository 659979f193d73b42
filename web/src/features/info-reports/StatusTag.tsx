import { Tag } from 'antd';
import type { BriefStatus } from './info-reports.api';
import { useInfoText } from './info-text';

const COLOR: Record<BriefStatus, string> = {
  draft: 'default',
  reviewing: 'processing',
  approved: 'cyan',
  submitted: 'success',
  returned: 'warning',
};

export function StatusTag({ status }: { status: BriefStatus }) {
  const text = useInfoText();
  return <Tag color={COLOR[status]}>{text(`status.${status}`)}</Tag>;
}
