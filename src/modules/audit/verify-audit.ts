import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { auditHash, GENESIS_HASH } from './audit-hash.js';

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The id of the first row whose link or content does not match. */
  brokenAt: number | null;
  message: string;
}

const PAGE = 2000;

/** Walks the chain in id order; an edited row fails its hash, a deleted row breaks the link. */
export async function verifyAudit(db: Kysely<DB>): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const expected = auditHash(row.prev_hash, {
        at: row.at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        summary: row.summary,
        before: row.before,
        after: row.after,
        ip: row.ip,
      });
      if (row.prev_hash !== prevHash) {
        return broken(checked, row.id, `第 ${row.id} 条记录之前的记录缺失或被改动（链接不符）`);
      }
      if (row.hash !== expected) {
        return broken(checked, row.id, `第 ${row.id} 条记录的内容被改动（哈希不符）`);
      }
      prevHash = row.hash;
      checked += 1;
      afterId = row.id;
    }
    if (rows.length < PAGE) break;
  }
  return { ok: true, checked, brokenAt: null, message: `审计日志完整，共校验 ${checked} 条记录` };
}

function broken(checked: number, id: number, message: string): AuditVerification {
  return { ok: false, checked, brokenAt: id, message };
}
