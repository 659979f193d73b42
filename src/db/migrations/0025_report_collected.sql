-- The daily report counts its posts by when they were collected (created_at, PostScope.collected),
-- and its 研判 figures count every earlier post still waiting (report-figures.queries.ts,
-- reviewCounts). With no index on created_at each of the daily report's eight queries of posts
-- read the whole table: a daily report of 1,913 posts took 4.0 s over 1,000,000 posts on the
-- PostgreSQL server and 2.3 s over 200,000 on PGlite; with these indexes 0.25 s and 0.4 s
-- (bench/posts.ts, BENCH_ONLY=reports).

-- The posts a daily report counts (relevant originals), by collection time: its span is a day.
create index posts_collected on posts (created_at) where relevant and duplicate_of is null;

-- 此前待研判: the counted posts nobody has marked, with the id the check for a case needs, for an
-- index-only count. Small once the monitors work through each day's posts.
create index posts_awaiting_review on posts (created_at) include (id)
  where relevant and duplicate_of is null and review is null;

-- The marked ones that still count as waiting for a report made again for an earlier time
-- (marked after it).
create index posts_reviewed on posts (reviewed_at)
  where relevant and duplicate_of is null and review is not null;
