-- Per-address request counters of the rate-limited routes (login, the message board), kept in the
-- database so that every API process counts against the same allowance: with counters in each
-- process's memory, N API processes let an address through N times as often. The key is the
-- address as a keyed hash (as board_messages keeps it). Short-lived: not backed up, purged hourly.
create table rate_limits (
  bucket text not null,
  key text not null,
  window_start timestamptz not null,
  hits integer not null,
  primary key (bucket, key)
);
create index rate_limits_window_start on rate_limits (window_start);
