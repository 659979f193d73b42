import { useState } from 'react';
import { Button } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { usePermission } from '../../app/auth';
import { useIncidentText } from './incident-text';
import { OpenIncidentModal, type PostChoice } from './OpenIncidentModal';

/**
 * 开启舆情事件 from posts on a page (舆情信息, an alert's sample posts): they are offered and the
 * user ticks those about one matter. Shown only to those who may open incidents, and only with
 * posts to offer.
 */
export function OpenIncidentFromPosts({ posts }: { posts: PostChoice[] }) {
  const text = useIncidentText();
  const has = usePermission();
  const [open, setOpen] = useState(false);
  if (!has('incidents.manage') || posts.length === 0) return null;
  return (
    <>
      <Button
        icon={<AlertOutlined />}
        onClick={() => setOpen(true)}
        data-testid="open-incident-from-posts"
      >
        {text('openFromPosts')}
      </Button>
      {open ? <OpenIncidentModal posts={posts} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
