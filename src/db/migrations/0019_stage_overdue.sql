-- A case whose public reply passes its due time while it waits on the leaders (批办, 审定) or on
-- the monitor (发布) has no unit to urge: those people are told once per due time instead, and
-- the row that says so is a reminder of kind 'overdue'.
alter table case_reminders drop constraint case_reminders_kind_check;
alter table case_reminders add constraint case_reminders_kind_check
  check (kind in ('handling', 'reply', 'overdue'));
