import { useState } from 'react';
import { Button, Flex, Switch, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { CopyButton } from '../../../app/CopyButton';
import { useT } from '../../../app/i18n/i18n';
import type { ImportResult, ImportRow } from './import.api';
import { AccountSlipsModal } from '../slips/AccountSlipsModal';

type Password = ImportResult['passwords'][number];

/** The row-by-row answer of an import, and the initial passwords of the users it created. */
export function ImportReport({ result }: { result: ImportResult }) {
  const t = useT();
  const [onlyErrors, setOnlyErrors] = useState(!result.ok);
  const [printing, setPrinting] = useState(false);
  // One spreadsheet row may carry several messages: key by position, not by row number.
  const keyed = result.rows.map((row, index) => ({ ...row, key: index }));
  const rows = onlyErrors ? keyed.filter((row) => !row.ok) : keyed;

  const columns: TableColumnsType<ImportRow & { key: number }> = [
    { title: t('import.sheet'), dataIndex: 'sheet', key: 'sheet', width: 120 },
    { title: t('import.row'), dataIndex: 'row', key: 'row', width: 80, align: 'right' },
    {
      title: t('import.result'),
      dataIndex: 'ok',
      key: 'ok',
      width: 90,
      render: (ok: boolean) =>
        ok ? (
          <Tag color="success">{t('import.rowOk')}</Tag>
        ) : (
          <Tag color="error">{t('import.rowError')}</Tag>
        ),
    },
    { title: t('import.message'), dataIndex: 'message', key: 'message' },
  ];

  const passwordColumns: TableColumnsType<Password> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    {
      title: t('once.password'),
      dataIndex: 'password',
      key: 'password',
      render: (password: string) => <Typography.Text code>{password}</Typography.Text>,
    },
  ];

  const allPasswords = result.passwords.map((p) => `${p.username}\t${p.password}`).join('\n');

  return (
    <Flex vertical gap={16}>
      {result.passwords.length > 0 ? (
        <div data-testid="import-passwords">
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }} wrap gap={8}>
            <Typography.Text strong type="warning">
              {t('import.passwords')}
            </Typography.Text>
            <Flex gap={8} wrap>
              <CopyButton text={allPasswords} label={t('import.copyAll')} />
              <Button
                icon={<PrinterOutlined />}
                onClick={() => setPrinting(true)}
                data-testid="import-print-slips"
              >
                {t('slips.print')}
              </Button>
            </Flex>
          </Flex>
          <Table<Password>
            rowKey="username"
            size="small"
            columns={passwordColumns}
            dataSource={result.passwords}
            pagination={false}
          />
          <AccountSlipsModal
            open={printing}
            slips={result.passwords}
            onClose={() => setPrinting(false)}
          />
        </div>
      ) : null}
      {result.rows.length > 0 ? (
        <div>
          <Flex justify="flex-end" align="center" gap={8} style={{ marginBottom: 8 }}>
            <Switch size="small" checked={onlyErrors} onChange={setOnlyErrors} />
            <Typography.Text>{t('import.onlyErrors')}</Typography.Text>
          </Flex>
          <Table<ImportRow & { key: number }>
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 560 }}
            data-testid="import-report"
          />
        </div>
      ) : null}
    </Flex>
  );
}
