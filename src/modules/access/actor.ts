import { forbidden } from '../../server/errors.js';
import { permissionsOf, type Permission, type Role } from './roles.js';

/**
 * Who is acting: a signed-in user, the system itself (demo seeding, jobs, the CLI), or a citizen
 * on the public board, who has no account and no permission.
 */
export interface Actor {
  kind: 'user' | 'system' | 'citizen';
  id: number | null;
  username: string;
  name: string;
  roles: Role[];
  unitId: number | null;
  /** Units whose data a liaison may see: their own and those they are liaison of. */
  unitIds: number[];
  permissions: ReadonlySet<Permission>;
  ip: string | null;
}

export function systemActor(name = '系统', ip: string | null = null): Actor {
  return {
    kind: 'system',
    id: null,
    username: 'system',
    name,
    roles: ['admin'],
    unitId: null,
    unitIds: [],
    permissions: new Set(permissionsOf(['admin'])),
    ip,
  };
}

/**
 * A citizen acting on their own message through the board (查询码 in hand): recorded by this name
 * on the timeline and in the audit log; no address is kept, as the board keeps only its hash.
 */
export function citizenActor(name = '网民（网络问政）'): Actor {
  return {
    kind: 'citizen',
    id: null,
    username: 'citizen',
    name,
    roles: [],
    unitId: null,
    unitIds: [],
    permissions: new Set(),
    ip: null,
  };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}

/**
 * A liaison without a wider role is limited to the units they belong to; everyone else who may
 * read at all reads everything. Returns null when the actor may see every unit.
 */
export function unitScope(actor: Actor): number[] | null {
  const wide: Role[] = ['admin', 'monitor', 'leader', 'office', 'viewer'];
  if (actor.kind === 'system' || !actor.roles.includes('liaison')) return null;
  if (actor.roles.some((r) => wide.includes(r))) return null;
  return actor.unitIds;
}
