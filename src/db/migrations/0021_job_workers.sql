-- The processes that run jobs, each beating every few seconds, and the jobs each has taken. When a
-- process stops beating (killed, its machine gone), another fails its jobs in the queue at once,
-- so they are retried and their stately queues unblocked, instead of waiting for the queue's own
-- expiry (up to half an hour for a crawl, with every other crawl held up behind it meanwhile).
-- Transient: not backed up.
create table job_workers (
  id text primary key,
  host text not null,
  pid integer not null,
  started_at timestamptz not null,
  seen_at timestamptz not null
);
create table job_claims (
  job_id text primary key,
  queue text not null,
  worker_id text not null,
  started_at timestamptz not null
);
create index job_claims_worker on job_claims (worker_id);
