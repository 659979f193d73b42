-- A run that read its pages but lost content on the way (a detail page's body selector matched
-- nothing, a list page that loaded gave no links, a detail page could not be read) is 'partial'
-- (部分成功) and keeps its warnings; the source's health shows the last such warning (警告).
alter table source_runs drop constraint source_runs_status_check;
alter table source_runs add constraint source_runs_status_check
  check (status in ('running', 'ok', 'partial', 'failed'));
alter table source_runs add column warnings text[] not null default '{}';
alter table sources add column last_warning text;
