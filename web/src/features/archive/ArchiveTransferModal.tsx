import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Modal, Space, Spin, Typography } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../app/api';
import { useI18n } from '../../app/i18n/i18n';
import { formatNumber } from '../../app/format';
import { useApi } from '../../app/use-api';
import {
  lastYear,
  localToday,
  periodText,
  thisYear,
  toLocalDate,
  type DateRange,
} from '../stats/period';
import { countTransfer, transferUrl, type TransferFilters } from './archive-transfer.api';

/** Early in the year the office hands over last year's files; later, this year's so far. */
const defaultRange = (): DateRange =>
  Number(localToday().slice(5, 7)) <= 3 ? lastYear() : thisYear();

/**
 * 归档移交: every archived case of a period, with the archive list's filters, in one .zip. The
 * download is a plain link: the server streams it and the browser shows its progress and can
 * keep it running while the user works on.
 */
export function ArchiveTransferModal({
  open,
  onClose,
  q,
  unitName,
  unitId,
}: {
  open: boolean;
  onClose: () => void;
  q: string | undefined;
  unitName: string | undefined;
  unitId: number | undefined;
}) {
  const { t, lang } = useI18n();
  const [range, setRange] = useState<DateRange>(defaultRange);
  const [started, setStarted] = useState(false);
  useEffect(() => {
    if (open) setStarted(false);
  }, [open]);
  const filters: TransferFilters = {
    from: toLocalDate(range[0]),
    to: toLocalDate(range[1]),
    q,
    unitId,
  };
  const { from, to } = filters;
  const load = useCallback(
    (signal: AbortSignal) => countTransfer({ from, to, q, unitId }, signal),
    [from, to, q, unitId],
  );
  const { data, error, loading } = useApi(open ? load : null);
  const tooMany = data ? data.count > data.limit : false;
  const none = data ? data.count === 0 : true;

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('transfer.title')}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{started ? t('common.close') : t('common.cancel')}</Button>
          <Button
            type="primary"
            icon={<CloudDownloadOutlined />}
            href={loading || error || none || tooMany ? undefined : transferUrl(filters)}
            download
            disabled={loading || Boolean(error) || none || tooMany}
            onClick={() => setStarted(true)}
            data-testid="transfer-download"
          >
            {t('transfer.download')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('transfer.intro')}
        </Typography.Paragraph>
        <Space wrap>
          <Typography.Text>{t('transfer.period')}</Typography.Text>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(value) => {
              if (value?.[0] && value[1]) setRange([value[0], value[1]]);
            }}
            presets={[
              { label: t('transfer.lastYear'), value: lastYear() },
              { label: t('transfer.thisYear'), value: thisYear() },
            ]}
            aria-label={t('transfer.period')}
            data-testid="transfer-period"
          />
        </Space>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('transfer.period')}>
            {periodText(t, filters.from, filters.to)}
          </Descriptions.Item>
          <Descriptions.Item label={t('transfer.filters')}>
            {[
              q ? t('transfer.keyword', { q }) : null,
              unitName ? t('transfer.unit', { unit: unitName }) : null,
            ]
              .filter(Boolean)
              .join(t('common.listSeparator')) || t('transfer.noFilters')}
          </Descriptions.Item>
          <Descriptions.Item label={t('transfer.count')}>
            {loading ? (
              <Spin size="small" />
            ) : data ? (
              t('transfer.cases', { count: formatNumber(data.count, lang) })
            ) : (
              '—'
            )}
          </Descriptions.Item>
        </Descriptions>
        {error ? <Alert type="error" showIcon message={errorMessage(error)} /> : null}
        {data && tooMany ? (
          <Alert
            type="warning"
            showIcon
            message={t('transfer.tooMany', {
              count: formatNumber(data.count, lang),
              limit: formatNumber(data.limit, lang),
            })}
          />
        ) : null}
        {data && none && !loading ? (
          <Alert type="info" showIcon message={t('transfer.none')} />
        ) : null}
        {started ? (
          <Alert
            type="success"
            showIcon
            message={t('transfer.started')}
            description={t('transfer.startedHint', { count: formatNumber(data?.count ?? 0, lang) })}
            data-testid="transfer-started"
          />
        ) : (
          <Typography.Text type="secondary">{t('transfer.contents')}</Typography.Text>
        )}
      </Space>
    </Modal>
  );
}
