import { rejudgePostsJob } from '../ingest/rejudge-posts.job.js';
import { verifyAuditJob } from '../modules/audit/verify-audit.job.js';
import { purgeSessionsJob } from '../modules/auth/purge-sessions.job.js';
import { purgeChallengesJob } from '../modules/board/purge-challenges.job.js';
import { caseDeadlinesJob } from '../modules/cases/case-deadlines.job.js';
import { deliverNotificationsJob } from '../modules/notifications/deliver-notifications.job.js';
import { fetchSourceJob } from '../sources/fetch-source.job.js';
import { scheduleSourcesJob } from '../sources/schedule-sources.job.js';
import { retrainQueuedJob, retrainWeeklyJob } from '../modules/analysis/categories/retrain.job.js';
import { analyseBacklogJob } from '../modules/analysis/post-analysis/analyse-backlog.job.js';
import { evaluateAlertsJob } from '../modules/analysis/alerts/evaluate-alerts.job.js';
import { reportsDailyJob } from '../modules/reports/reports-daily.job.js';
import { nightlyBackupJob } from '../modules/system/nightly-backup.job.js';
import { backupNowJob } from '../modules/system/backup-now.job.js';
import { maintainDatabaseJob } from '../db/maintenance.js';
import type { JobDefinition } from './job.js';

export const JOBS: JobDefinition[] = [
  purgeSessionsJob,
  verifyAuditJob,
  deliverNotificationsJob,
  caseDeadlinesJob,
  purgeChallengesJob,
  // Monitoring sources: the scheduler enqueues one fetch per due source.
  scheduleSourcesJob,
  fetchSourceJob,
  // A changed jurisdiction dictionary: stored posts judged and segmented again.
  rejudgePostsJob,
  // Posts stored before analysis (or registered by hand): category, urgency, sentiment.
  analyseBacklogJob,
  retrainQueuedJob,
  retrainWeeklyJob,
  // Alert rules (预警) every five minutes.
  evaluateAlertsJob,
  // 舆情报告: the daily report after the configured time of each working day, and the periodic ones.
  reportsDailyJob,
  // 自动备份: the day's backup file, the oldest beyond YUQING_BACKUP_KEEP removed.
  nightlyBackupJob,
  // 立即备份: a backup an admin asked for on the 数据备份 page.
  backupNowJob,
  // PGlite has no autovacuum: statistics and dead rows, nightly.
  maintainDatabaseJob,
];
