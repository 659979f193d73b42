import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../app/i18n/i18n';
import { useTouchScreen } from '../../app/touch-theme';
import { useUnreadCount } from './use-unread-count';

/** The header's bell: the unread count, and the way to the inbox. */
export function InboxBell() {
  const t = useT();
  const navigate = useNavigate();
  const count = useUnreadCount() ?? 0;
  // A tap is also a hover: on a phone the tooltip stayed over the inbox it had just opened.
  const touch = useTouchScreen();
  // The name begins with the badge's digits, the text a speech-input user sees (WCAG 2.5.3).
  const label = count > 0 ? t('inbox.bellUnread', { count }) : t('inbox.bell');
  return (
    <Tooltip title={label} open={touch ? false : undefined}>
      <Button
        type="text"
        href="/inbox"
        aria-label={label}
        data-testid="inbox-bell"
        onClick={(event) => {
          event.preventDefault();
          void navigate('/inbox');
        }}
        style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center' }}
      >
        <Badge count={count} overflowCount={99} size="small" data-testid="inbox-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Tooltip>
  );
}
