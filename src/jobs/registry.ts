import { verifyAuditJob } from '../modules/audit/verify-audit.job.js';
import { purgeSessionsJob } from '../modules/auth/purge-sessions.job.js';
import type { JobDefinition } from './job.js';

export const JOBS: JobDefinition[] = [purgeSessionsJob, verifyAuditJob];
