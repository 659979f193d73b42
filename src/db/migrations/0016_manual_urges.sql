-- 催办 by the office may come on top of the overdue job's automatic one, and more than once (a
-- second urging a day later, with a new message): only the job's urging stays once per missed due
-- time, so that several workers running it never urge twice.
alter table case_urges drop constraint case_urges_case_id_unit_id_kind_due_at_key;

create unique index case_urges_automatic on case_urges (case_id, unit_id, kind, due_at)
  where urged_by is null;
