import { useState } from 'react';
import { Button } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { usePermission } from '../../app/auth';
import { useIncidentText } from './incident-text';
import { OpenIncidentModal } from './OpenIncidentModal';

/**
 * 开启舆情事件 from a hot topic (its page mounts this): all its posts are linked and its new
 * posts suggested. Shown only to those who may open incidents.
 */
export function OpenIncidentButton({ topic }: { topic: { id: number; label: string } }) {
  const text = useIncidentText();
  const has = usePermission();
  const [open, setOpen] = useState(false);
  if (!has('incidents.manage')) return null;
  return (
    <>
      <Button icon={<AlertOutlined />} onClick={() => setOpen(true)} data-testid="open-incident">
        {text('openIncident')}
      </Button>
      {open ? <OpenIncidentModal topic={topic} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
