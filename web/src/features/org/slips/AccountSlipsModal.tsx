import { useCallback } from 'react';
import { Button, Modal, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useT } from '../../../app/i18n/i18n';
import { useApi } from '../../../app/use-api';
import { getWorkingGroup } from '../working-group/working-group.api';
import { AccountSlipSheets, SLIPS_PER_PAGE, type AccountSlip } from './AccountSlipSheet';
import './account-slips.css';

/**
 * The print view of the 账号开通单, opened from the view that shows new passwords once. It is a
 * window over the page, not a page of its own: the passwords stay in this page's memory, as in
 * the one-time view, and are in no address, no storage and no request. Printing prints the
 * slips alone (account-slips.css).
 */
export function AccountSlipsModal({
  slips,
  reset = false,
  open,
  onClose,
}: {
  slips: AccountSlip[];
  reset?: boolean;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const load = useCallback((signal: AbortSignal) => getWorkingGroup(signal), []);
  const group = useApi(open ? load : null);
  return (
    <Modal
      open={open}
      title={t('slips.title', { n: slips.length })}
      onCancel={onClose}
      width="min(calc(100vw - 32px), 250mm)"
      rootClassName="yq-slips-root"
      footer={[
        <Button key="close" onClick={onClose}>
          {t('common.close')}
        </Button>,
        <Button
          key="print"
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="slips-print"
        >
          {t('print.print')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary" className="yq-slips-hint">
        {t('slips.hint', { n: SLIPS_PER_PAGE })}
      </Typography.Paragraph>
      <AccountSlipSheets
        slips={slips}
        orgName={group.data?.orgName ?? null}
        origin={window.location.origin}
        reset={reset}
        now={new Date()}
      />
    </Modal>
  );
}
