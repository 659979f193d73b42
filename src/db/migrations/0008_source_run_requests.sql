-- 立即抓取: a user asked for a run now; the scheduler records that run as 'manual' and clears it.
alter table sources add column run_requested_at timestamptz;
