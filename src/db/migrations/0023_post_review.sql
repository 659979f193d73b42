-- 研判: the monitor's mark on a collected post, so that a morning of 300 posts can be worked
-- through in batches and tomorrow's 待研判 holds only what nobody has looked at yet.
--   read      已阅: looked at, nothing to register (a case, if any, is its own mark)
--   dismissed 不予处理: not for us (outside the jurisdiction, advertising, a repeat …)
-- Nothing is hidden by it: every post stays in 舆情信息, the mark is a filter and a tag (DESIGN §7).
alter table posts
  add column review text check (review in ('read', 'dismissed')),
  add column reviewed_by bigint references users (id) deferrable initially immediate,
  add column reviewed_at timestamptz;
