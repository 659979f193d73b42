import { useCallback } from 'react';
import { Button, Spin } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { LoadError, NotFound } from '../../app/results';
import { useApi } from '../../app/use-api';
import { PrintFrame, chineseDate } from '../cases/print/PrintFrame';
import { getNotice, noticeDocxUrl } from './notices.api';
import type { Notice } from './notices.api';

// Like the .docx (notice-docx.ts), the sheet is an official paper in Chinese: its words do not
// follow the UI, and its masthead and signature carry the township's name.
const issuerOf = (notice: Notice) => `${notice.orgName ?? ''}网络舆情工作小组`;

function periodWords(notice: Notice): string {
  const cn = (d: string) =>
    `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return notice.periodFrom === notice.periodTo
    ? cn(notice.periodFrom)
    : `${cn(notice.periodFrom)}至${cn(notice.periodTo)}`;
}

function NoticeSheet({ notice }: { notice: Notice }) {
  let no = 0;
  const issuer = issuerOf(notice);
  return (
    <div className="yq-paper" data-testid="notice-sheet">
      <div className="yq-masthead">{notice.orgName ?? ''}网络舆情工作通报</div>
      <div className="yq-masthead-number">{notice.number}</div>
      <div className="yq-masthead-rule">
        <span>{issuer}</span>
        <span>{chineseDate(notice.createdAt)}</span>
      </div>
      <h1 className="yq-paper-title yq-paper-subject">{notice.title}</h1>
      <div className="yq-paper-body">
        <p className="flush">各有关单位：</p>
        <p>
          根据网络舆情管理工作制度有关规定，现将{periodWords(notice)}
          网络舆情办件办理超期情况通报如下。
        </p>
        {notice.units.length > 0 ? (
          <>
            <h3>一、超期未回复情况</h3>
            <p>
              经督查，本期共有 {notice.unitCount} 个单位、{notice.caseCount}{' '}
              件办件超过办理期限：期限内既未提交书面回复或协办意见，也未说明理由或申请延期（含期限后补交的）。具体如下：
            </p>
            <table className="yq-paper-table" style={{ fontSize: 13 }}>
              <colgroup>
                <col style={{ width: '7%' }} />
                <col style={{ width: '15%' }} />
                <col style={{ width: '13%' }} />
                <col style={{ width: '25%' }} />
                <col style={{ width: '20%' }} />
                <col style={{ width: '20%' }} />
              </colgroup>
              <thead>
                <tr>
                  <th>序号</th>
                  <th>单位</th>
                  <th>抄告单编号</th>
                  <th>留言标题</th>
                  <th>超过的期限</th>
                  <th>办理情况</th>
                </tr>
              </thead>
              <tbody>
                {notice.units.flatMap((unit) =>
                  unit.cases.map((c, i) => {
                    no += 1;
                    return (
                      <tr key={`${unit.unitId}-${c.caseId}-${c.deadline}`}>
                        <td style={{ textAlign: 'center' }}>{no}</td>
                        {i === 0 ? <td rowSpan={unit.cases.length}>{unit.unitName}</td> : null}
                        <td style={{ textAlign: 'center' }}>{c.slipNo ?? `#${c.caseId}`}</td>
                        <td>
                          {c.title}（{c.role === 'lead' ? '牵头' : '协办'}）
                        </td>
                        <td>
                          {c.deadlineLabel}
                          {'\n'}
                          {formatDateTime(c.dueAt)}
                        </td>
                        <td>
                          {c.lateText}
                          {'\n'}
                          {c.status}
                        </td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
            <h3>二、有关要求</h3>
            <p>
              请上述单位高度重视，对尚未办结的办件立即办理，并向网络舆情工作小组书面说明超期原因。各单位要严格落实网络舆情办理时限要求，确需延期的，应在期限内说明理由并申请延期。
            </p>
          </>
        ) : (
          <p>经督查，本期各单位均在期限内回复或已说明理由，未发现超期未回复情况。</p>
        )}
        <div className="yq-paper-signoff">
          <div>{issuer}</div>
          <div>{chineseDate(notice.createdAt)}</div>
        </div>
      </div>
    </div>
  );
}

/** 通报 as it looks on paper: the red masthead, the body, the table of late cases. */
export default function NoticePrintPage() {
  const t = useT();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const load = useCallback((signal: AbortSignal) => getNotice(id, signal), [id]);
  const { data: notice, error, reload } = useApi(valid ? load : null);

  if (!valid || (error instanceof ApiError && error.status === 404)) return <NotFound />;
  if (!notice || notice.id !== id) {
    return error ? (
      <LoadError error={error} onRetry={reload} />
    ) : (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin />
      </div>
    );
  }
  return (
    <PrintFrame
      title={t('notices.name', { number: notice.number })}
      backTo={`/notices/${notice.id}`}
      actions={
        <Button icon={<FileWordOutlined />} href={noticeDocxUrl(notice.id)} download>
          {t('notices.docx')}
        </Button>
      }
    >
      <NoticeSheet notice={notice} />
    </PrintFrame>
  );
}
