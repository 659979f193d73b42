import { TIME_ZONE } from '../../../app/format';
import { zh } from '../../../app/i18n/zh';
import type { Role } from '../../../app/types';

// The slip is a paper form handed to each person, in Chinese whatever the screen's language (as
// the 抄告单 is): its words are the form's, and the roles are named as on the Chinese screens.

/** One new account, as the one-time view holds it: never stored, never sent anywhere. */
export interface AccountSlip {
  username: string;
  name: string;
  unit: string | null;
  roles: Role[];
  password: string;
}

/** Slips on one A4 sheet: two across, four down, each about 95 × 69 mm. */
export const SLIPS_PER_PAGE = 8;

const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

function Slip({
  slip,
  heading,
  signInUrl,
  date,
  reset,
}: {
  slip: AccountSlip;
  heading: string;
  signInUrl: string;
  date: string;
  reset: boolean;
}) {
  const roles = slip.roles.map((r) => zh[`role.${r}`]).join('、');
  return (
    <section className="yq-slip" data-testid="account-slip">
      <header className="yq-slip-head">
        <span className="yq-slip-org">{heading}</span>
        <span className="yq-slip-kind">{reset ? '密码重置单' : '账号开通单'}</span>
      </header>
      <dl className="yq-slip-fields">
        <dt>姓名</dt>
        <dd>{slip.name}</dd>
        <dt>用户名</dt>
        <dd className="yq-slip-mono" data-testid="slip-username">
          {slip.username}
        </dd>
        <dt>单位</dt>
        <dd>{slip.unit ?? '—'}</dd>
        <dt>角色</dt>
        <dd>{roles}</dd>
        <dt>{reset ? '新密码' : '初始密码'}</dt>
        <dd className="yq-slip-password" data-testid="slip-password">
          {slip.password}
        </dd>
        <dt>登录地址</dt>
        <dd className="yq-slip-mono yq-slip-url">{signInUrl}</dd>
      </dl>
      <p className="yq-slip-note">
        首次登录时须修改此密码。密码仅限本人使用，不得告诉他人，不得转借账号；本单阅后请妥善销毁。
      </p>
      <p className="yq-slip-date">
        {reset ? '重置日期' : '开通日期'}：{date}
      </p>
    </section>
  );
}

/**
 * The 账号开通单 as printed: A4 sheets of eight slips with dashed cut lines. `orgName` heads each
 * slip (云溪镇网络舆情管理系统); `origin` is the address the admin's browser reached the server at.
 */
export function AccountSlipSheets({
  slips,
  orgName,
  origin,
  reset,
  now,
}: {
  slips: AccountSlip[];
  orgName: string | null;
  origin: string;
  reset: boolean;
  now: Date;
}) {
  const heading = `${orgName?.trim() ?? ''}网络舆情管理系统`;
  const date = dateFormat.format(now);
  const signInUrl = `${origin}/login`;
  const pages: AccountSlip[][] = [];
  for (let i = 0; i < slips.length; i += SLIPS_PER_PAGE) {
    pages.push(slips.slice(i, i + SLIPS_PER_PAGE));
  }
  return (
    <div className="yq-slip-sheets">
      {pages.map((page, index) => (
        <div className="yq-slip-page" key={index} data-testid="slip-page">
          {page.map((slip) => (
            <Slip
              key={slip.username}
              slip={slip}
              heading={heading}
              signInUrl={signInUrl}
              date={date}
              reset={reset}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
