/**
 * Every action the audit log records, with its Chinese name: one list for the audit page's filter
 * and dictionary (web/src/app/i18n/zh.ts spreads ACTION_MESSAGES; en.ts, typed against it, must
 * name each in English) and for the 操作 column of the audit .xlsx. A test checks that every
 * action the server records is here.
 */
export const AUDIT_ACTION_NAMES = {
  'unit.create': '新增单位',
  'unit.update': '修改单位',
  'unit.delete': '删除单位',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.reset-password': '重置密码',
  'user.unlock': '解锁用户',
  'auth.login': '登录',
  'auth.logout': '退出',
  'auth.login-failed': '登录失败',
  'auth.password-change': '修改密码',
  'working-group.update': '修改工作小组',
  'org.import': '导入组织',
  'demo.seed': '创建演示数据',
  'audit.export': '导出审计日志',
  'notification.settings-update': '修改通知设置',
  'notification.test': '发送通知测试',
  'notification.retry': '重新发送失败的通知',
  'post.review': '研判帖子',
  'case.register': '受理办件',
  'case.acknowledge': '告知已收悉',
  'case.assign': '批办',
  'case.close': '办件办结',
  'case.start': '开始办理',
  'case.sign': '签收抄告单',
  'case.contribute': '提交协办意见',
  'case.reply': '提交书面回复',
  'case.extension.request': '申请延期',
  'case.return-slip': '退回抄告单',
  'case.withdraw-slip': '收回抄告单',
  'case.decline-co': '退出协办',
  'case.extension.decide': '审批延期',
  'case.approve': '审定回复',
  'case.return': '退回回复',
  'case.publish': '发布回复',
  'case.rate': '记录评价',
  'case.reopen': '重新办理',
  'case.urge': '催办',
  'case.archive': '归档',
  'case.import-ledger': '历史台账导入',
  'case.transfer-export': '批量导出卷宗（归档移交）',
  'case.postpone-for-holidays': '期限随节假日顺延',
  'jurisdiction_term.create': '新增管辖词',
  'jurisdiction_term.delete': '删除管辖词',
  'jurisdiction_term.bulk-delete': '批量删除管辖词',
  'source.create': '新增信息源',
  'source.update': '修改信息源',
  'source.enable': '启用信息源',
  'source.disable': '停用信息源',
  'source.delete': '删除信息源',
  'source.run': '立即抓取',
  'post.enter': '人工录入帖子',
  'posts.import': '批量导入帖子',
  'board.message': '网络问政留言',
  'watch-period.create': '新增重点时段',
  'watch-period.update': '修改重点时段',
  'watch-period.delete': '删除重点时段',
  'watch-duties.replace': '更新值班表',
  'case.remind': '到期提醒',
  'case.remind-overdue': '超期提醒',
  'incident.open': '新建舆情事件',
  'incident.update': '修改舆情事件',
  'incident.assess': '研判',
  'incident.measure': '记录处置措施',
  'incident.close': '事件结案',
  'incident.cases.add': '关联办件',
  'incident.cases.remove': '取消关联办件',
  'incident.posts.add': '加入帖子',
  'incident.posts.remove': '移出帖子',
  'incident.suggestions.accept': '采纳推荐帖子',
  'incident.suggestions.dismiss': '忽略推荐帖子',
  'incident.report.immediate': '即时报告',
  'info.write': '撰写信息',
  'info.edit': '修改信息',
  'info.send-for-review': '提交审核',
  'info.approve': '信息审核通过',
  'info.return': '退回信息',
  'info.submit': '报送信息',
  'info.outcome': '登记采用和批示',
  'info.quota': '设置任务数',
  'watch.handover': '值班交接',
  'report.generate': '生成报告',
  'report.regenerate': '重新生成报告',
  'reports.settings': '修改报告设置',
  'holidays.update': '录入节假日安排',
  'holidays.reset': '撤销节假日安排',
  'alert.raise': '触发预警',
  'alert.escalate': '预警升级',
  'alert.acknowledge': '确认预警',
  'alert.close': '关闭预警',
  'alert-rule.create': '新增预警规则',
  'alert-rule.update': '修改预警规则',
  'alert-rule.disable': '停用预警规则',
  'alert-rule.delete': '删除预警规则',
  'category.create': '新增分类',
  'category.update': '修改分类',
  'category-model.retrain': '重新训练分类模型',
  'post.category': '更正分类',
  'system.backup': '数据备份',
  'system.backup-failed': '数据备份失败',
  'system.backup-requested': '立即备份',
  'notification.read': '已读通知',
  'notification.read-all': '全部标为已读',
  'case.attach': '上传附件',
  'notice.issue': '生成通报',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_NAMES;

/** The actions under a prefix, without it: `ActionsUnder<'incident'>` is 'close' | 'update' | …. */
export type ActionsUnder<P extends string> = AuditAction extends infer A
  ? A extends `${P}.${infer R}`
    ? R
    : never
  : never;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_NAMES) as AuditAction[];

type ActionMessages = {
  readonly [K in AuditAction as `action.${K}`]: (typeof AUDIT_ACTION_NAMES)[K];
};

/** The names as the web dictionary's keys, `action.<action>`. */
export const ACTION_MESSAGES = Object.fromEntries(
  AUDIT_ACTIONS.map((action) => [`action.${action}`, AUDIT_ACTION_NAMES[action]]),
) as ActionMessages;

export function auditActionName(action: string): string | null {
  return action in AUDIT_ACTION_NAMES ? AUDIT_ACTION_NAMES[action as AuditAction] : null;
}
