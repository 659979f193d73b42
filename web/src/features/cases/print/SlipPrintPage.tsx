import { Button, Result, Spin } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { useT } from '../../../app/i18n/i18n';
import { LoadError, NotFound } from '../../../app/results';
import type { CaseDetail } from '../cases.api';
import { useCase } from '../case/use-case';
import { PrintFrame, chineseDate } from './PrintFrame';
import { LinkButton } from '../../../app/LinkButton';

// The sheet is the paper form 《网络舆情抄告单》, which exists in Chinese only, as does its
// .docx: its words are the form's, not the interface's, and do not follow the UI language.

function handlingLimit(d: CaseDetail): string {
  const kind = d.urgent ? '紧急件' : '普通件';
  const extended = d.extension?.state === 'granted' ? '（已批准延期）' : '';
  return d.handlingDueAt
    ? `${kind}：${formatDateTime(d.handlingDueAt)} 前报送书面回复${extended}`
    : kind;
}

function replyLimit(d: CaseDetail): string {
  const extended = d.extension?.state === 'granted' ? '（已批准延期）' : '';
  return `${formatDateTime(d.replyDueAt)} 前公开答复${extended}`;
}

/** The bordered form, six columns as on paper: label / value pairs two to a row. */
function SlipSheet({ d }: { d: CaseDetail }) {
  const lead = d.units.filter((u) => u.role === 'lead');
  const co = d.units.filter((u) => u.role === 'co');
  const author = d.post.author?.trim() || '（未署名）';
  const signature = [d.assignedBy ? `批示人：${d.assignedBy}` : '', chineseDate(d.assignedAt)]
    .filter(Boolean)
    .join('\u3000\u3000');
  // Blank lines to sign on when the slip names no units.
  const receipts = d.units.length > 0 ? d.units : [null, null];
  return (
    <div className="yq-paper" data-testid="slip-sheet">
      <h1 className="yq-paper-title">网络舆情抄告单</h1>
      <div className="yq-paper-meta">
        <span />
        <span>
          编号：<span data-testid="slip-no">{d.slipNo ?? '（未编号）'}</span>
          {d.assignedAt ? `\u3000\u3000${chineseDate(d.assignedAt)}` : ''}
        </span>
      </div>
      <table className="yq-paper-table">
        <colgroup>
          <col style={{ width: '15%' }} />
          <col style={{ width: '18%' }} />
          <col style={{ width: '17%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '17%' }} />
          <col style={{ width: '18%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th>编号</th>
            <td colSpan={2}>{d.slipNo ?? ''}</td>
            <th>来源</th>
            <td colSpan={2}>{d.post.source}</td>
          </tr>
          <tr>
            <th>发帖时间</th>
            <td colSpan={2}>{formatDateTime(d.post.postedAt)}</td>
            <th>网民</th>
            <td colSpan={2}>
              {author}
              {d.post.contact ? `\n联系方式：${d.post.contact}` : ''}
            </td>
          </tr>
          <tr>
            <th>留言标题</th>
            <td colSpan={5}>{d.post.title?.trim() || d.title}</td>
          </tr>
          <tr>
            <th>留言内容</th>
            <td colSpan={5} className="tall">
              <div className="indent">{d.post.body}</div>
              {d.post.url ? (
                // On paper a relative address (this system's board) means nothing: made whole.
                <div className="small">
                  原文链接：{new URL(d.post.url, window.location.origin).href}
                </div>
              ) : null}
            </td>
          </tr>
          <tr>
            <th>领导批示</th>
            <td colSpan={5} className="tall">
              <div className="indent">{d.instruction ?? ''}</div>
              {signature ? <div className="signature">{signature}</div> : null}
            </td>
          </tr>
          <tr>
            <th>牵头单位</th>
            <td colSpan={5}>{lead.map((u) => u.name).join('、')}</td>
          </tr>
          <tr>
            <th>协办单位</th>
            <td colSpan={5}>{co.map((u) => u.name).join('、') || '无'}</td>
          </tr>
          <tr>
            <th>办理时限</th>
            <td colSpan={2}>{handlingLimit(d)}</td>
            <th>回复时限</th>
            <td colSpan={2}>{replyLimit(d)}</td>
          </tr>
          <tr>
            <th rowSpan={receipts.length + 1}>签收回执</th>
            <th colSpan={2}>签收单位</th>
            <th>签收人</th>
            <th colSpan={2}>签收时间</th>
          </tr>
          {receipts.map((u, i) => (
            <tr key={u?.unitId ?? `blank-${i}`} style={{ height: '3em' }}>
              <td colSpan={2}>{u ? `${u.name}（${u.role === 'lead' ? '牵头' : '协办'}）` : ''}</td>
              <td>{u?.signedBy ?? ''}</td>
              <td colSpan={2}>{u?.signedAt ? formatDateTime(u.signedAt) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="yq-paper-notes">
        <p>
          <strong>说明：</strong>
        </p>
        <p>1. 承办单位收到本抄告单后应即时签收，及时调查核实，依法依规处理。</p>
        <p>2. 请于办理时限前报送书面回复；牵头单位负责汇总协办单位意见，统一回复。</p>
        <p>3. 确需延期的，应在办理时限内说明理由并申请延期，延期以一次为限。</p>
      </div>
    </div>
  );
}

/** 《网络舆情抄告单》 as it looks on paper, to print from the browser. */
export default function SlipPrintPage() {
  const t = useT();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const { detail, error, reload } = useCase(valid ? id : null);

  if (!valid || (error instanceof ApiError && error.status === 404)) return <NotFound />;
  if (!detail) {
    return error ? (
      <LoadError error={error} onRetry={reload} />
    ) : (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin />
      </div>
    );
  }
  if (!detail.slipNo) {
    return (
      <Result
        status="info"
        title={t('print.noSlip')}
        extra={
          <LinkButton to={`/cases/${detail.id} `} type="primary">
            {t('print.backToCase')}
          </LinkButton>
        }
      />
    );
  }
  return (
    <PrintFrame
      title={t('cases.slipName', { no: detail.slipNo })}
      backTo={`/cases/${detail.id}`}
      actions={
        <Button icon={<FileWordOutlined />} href={`/api/cases/${detail.id}/slip.docx`} download>
          {t('cases.slipDocx')}
        </Button>
      }
    >
      <SlipSheet d={detail} />
    </PrintFrame>
  );
}
