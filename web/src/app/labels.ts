import { AUDIT_ACTIONS } from '../../../src/modules/audit/action-names.js';
import type { Translate } from './i18n/i18n';
import { isMessageKey } from './i18n/i18n';
import { ROLES } from './types';
import type { Role } from './types';

export function roleLabel(t: Translate, role: Role): string {
  return t(`role.${role}`);
}

export function roleOptions(t: Translate): { value: Role; label: string }[] {
  return ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }));
}

export const ROLE_COLORS: Record<Role, string> = {
  admin: 'red',
  monitor: 'blue',
  leader: 'gold',
  liaison: 'green',
  office: 'purple',
  viewer: 'default',
};

/** The audit page's filter offers every action the server records. */
export const KNOWN_ACTIONS = AUDIT_ACTIONS;

/** The Chinese (or English) label of a known audit action, the raw action otherwise. */
export function actionLabel(t: Translate, action: string): string {
  const key = `action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

export function entityTypeLabel(t: Translate, entityType: string): string {
  const key = `entity.${entityType}`;
  return isMessageKey(key) ? t(key) : entityType;
}
