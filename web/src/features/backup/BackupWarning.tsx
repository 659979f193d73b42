import { useCallback } from 'react';
import { Alert, Col } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../app/i18n/i18n';
import { useApi } from '../../app/use-api';
import { getBackupStatus, staleTitle } from './backup.api';

/**
 * On the admins' 工作台: no successful backup for more than 48 hours (or none since installation),
 * with the way to the 数据备份 page. Nothing while backups are being made.
 */
export function BackupWarning() {
  const t = useT();
  const load = useCallback((signal: AbortSignal) => getBackupStatus(signal), []);
  const { data } = useApi(load);
  if (!data?.stale) return null;
  return (
    <Col span={24}>
      <Alert
        type="error"
        showIcon
        data-testid="backup-warning"
        title={staleTitle(t, data)}
        action={
          <Link to="/admin/backup" className="tap-target">
            {t('backup.homeAction')}
          </Link>
        }
      />
    </Col>
  );
}
