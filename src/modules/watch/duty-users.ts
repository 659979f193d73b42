import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RowProblem } from './roster.js';
import { findUsers } from './watch.queries.js';

/**
 * Who may stand a watch: active monitors (舆情管理员), leaders (值班领导, often the night watch by
 * phone) and office staff. Returns their names, and a problem per row whose person may not,
 * naming the row as the office sees it.
 */
export const DUTY_ROLES = ['monitor', 'leader', 'office'] as const;

export async function checkDutyUsers(
  db: Kysely<DB> | Transaction<DB>,
  rows: readonly { userId: number }[],
  rowLabel: (index: number) => string,
): Promise<{ names: Map<number, string>; problems: RowProblem[] }> {
  const users = await findUsers(db, [...new Set(rows.map((r) => r.userId))]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const names = new Map<number, string>();
  const problems: RowProblem[] = [];
  rows.forEach((r, index) => {
    const user = byId.get(r.userId);
    if (!user) {
      problems.push({ row: index + 1, text: `${rowLabel(index)}：用户 ${r.userId} 不存在` });
    } else if (!user.active || !DUTY_ROLES.some((role) => user.roles.includes(role))) {
      problems.push({
        row: index + 1,
        text: `${rowLabel(index)}：「${user.name}」不是启用的舆情管理员、领导或办公室人员，不能值班`,
      });
    } else {
      names.set(user.id, user.name);
    }
  });
  return { names, problems };
}
