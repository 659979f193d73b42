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

export const KNOWN_ACTIONS = [
  'unit.create',
  'unit.update',
  'unit.delete',
  'user.create',
  'user.update',
  'user.reset-password',
  'user.unlock',
  'auth.login',
  'auth.logout',
  'auth.login-failed',
  'auth.password-change',
  'working-group.update',
  'org.import',
  'demo.seed',
  'audit.export',
  'notification.settings-update',
  'notification.test',
  'notification.retry',
  'case.register',
  'case.acknowledge',
  'case.assign',
  'case.close',
  'case.sign',
  'case.contribute',
  'case.reply',
  'case.extension.request',
  'case.return-slip',
  'case.withdraw-slip',
  'case.extension.decide',
  'case.approve',
  'case.return',
  'case.publish',
  'case.rate',
  'case.reopen',
  'case.urge',
  'case.archive',
  'jurisdiction_term.create',
  'jurisdiction_term.delete',
  'source.create',
  'source.update',
  'source.enable',
  'source.disable',
  'source.delete',
  'source.run',
  'post.enter',
  'posts.import',
  'board.message',
  'watch-period.create',
  'watch-period.update',
  'watch-period.delete',
  'watch-duties.replace',
  'case.remind',
  'incident.open',
  'incident.update',
  'incident.assess',
  'incident.measure',
  'incident.close',
  'incident.cases.add',
  'incident.cases.remove',
  'incident.posts.add',
  'incident.posts.remove',
  'incident.suggestions.accept',
  'incident.suggestions.dismiss',
  'incident.report.immediate',
  'info.write',
  'info.edit',
  'info.send-for-review',
  'info.approve',
  'info.return',
  'info.submit',
  'info.outcome',
  'info.quota',
  'watch.handover',
  'report.generate',
  'report.regenerate',
  'reports.settings',
  'alert.raise',
  'alert.escalate',
  'alert.acknowledge',
  'alert.close',
  'alert-rule.create',
  'alert-rule.update',
  'alert-rule.disable',
  'alert-rule.delete',
  'category.create',
  'category.update',
  'category-model.retrain',
  'post.category',
  'system.backup',
  'system.backup-failed',
] as const;

/** The Chinese (or English) label of a known audit action, the raw action otherwise. */
export function actionLabel(t: Translate, action: string): string {
  const key = `action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

export function entityTypeLabel(t: Translate, entityType: string): string {
  const key = `entity.${entityType}`;
  return isMessageKey(key) ? t(key) : entityType;
}
