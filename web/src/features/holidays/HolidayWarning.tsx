import { useCallback } from 'react';
import { Alert, Col } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../app/i18n/i18n';
import { useApi } from '../../app/use-api';
import { getHolidays } from './holidays.api';
import { missingText } from './holiday-text';

/**
 * On the 工作台 of those who keep 节假日安排: that this year's, or from November next year's,
 * public holidays are not known yet, with the way to enter them. Nothing when all is known.
 */
export function HolidayWarning() {
  const t = useT();
  const load = useCallback((signal: AbortSignal) => getHolidays(signal), []);
  const { data } = useApi(load);
  const text = data ? missingText(t, data) : null;
  if (!text) return null;
  return (
    <Col span={24}>
      <Alert
        type="warning"
        showIcon
        title={text}
        action={
          <Link to="/admin/holidays" className="tap-target">
            {t('holidays.homeAction')}
          </Link>
        }
      />
    </Col>
  );
}
