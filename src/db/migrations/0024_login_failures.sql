-- Failed sign-ins under names that are no account, counted and locked as an account's are. Before,
-- only a real account ever answered 账户已锁定 after five wrong passwords, so anyone could find
-- out which usernames exist. Keyed by a keyed hash of the lower-cased name, never the name itself.
-- Short-lived: not backed up, purged a day after the last failure.
create table login_failures (
  name_hash text primary key,
  failures integer not null,
  locked_until timestamptz,
  last_failed_at timestamptz not null
);
create index login_failures_last_failed_at on login_failures (last_failed_at);
