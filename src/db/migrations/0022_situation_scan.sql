-- 舆情态势 over a year of a busy county (60,000 posts) took 3.5 s and more on PGlite, most of it
-- in two parts (bench/posts.ts, EXPLAIN ANALYZE):
--  - 关键词 split the segmented text of the period's newest 5,000 posts into 1.2 million words on
--    every request, then sorted them to count each word once per post;
--  - 涉及地点 and the volume series read every relevant post of the period from the table, where
--    relevance_terms and source mostly lie out of line (TOAST: posts.search is kept inline, so the
--    toaster moves the other columns out first), three page reads a post.

-- The distinct words of a post's segmented text that can be key words: two characters or more,
-- not only digits and punctuation (the rules keywordCounts applied to every word of every post).
-- Stop words, places and jieba's word classes are still left out when counting, so that changing
-- them needs no rewrite of the posts.
create function post_words(segmented text) returns text[]
  language sql immutable parallel safe as $$
    select coalesce(array_agg(distinct w order by w), '{}')
    from unnest(string_to_array(segmented, ' ')) as w
    where char_length(w) >= 2 and w !~ '^[0-9[:punct:]]+$'
  $$;

-- Null until computed: the key words compute it from segmented for posts without it.
alter table posts add column words text[];

-- Every writer of segmented (the pipeline, registering a case, re-judging, a restore) gets the
-- words with it, from the one definition above.
create function posts_set_words() returns trigger language plpgsql as $$
begin
  new.words := post_words(new.segmented);
  return new;
end
$$;
create trigger posts_words before insert or update of segmented on posts
  for each row execute function posts_set_words();

-- What the dashboard and the reports count (relevant originals, by posting time), with every
-- column they read: an index-only scan instead of the table and its TOAST. PGlite's nightly
-- vacuum (db.maintain) and a server's autovacuum keep the visibility map that this needs.
create index posts_counted on posts (posted_at)
  include (source_key, source, category_id, sentiment, urgent, relevance_terms)
  where relevant and duplicate_of is null;

-- The posts already stored get their words as the posts.rejudge job segments them again, in
-- chunks (as 0017 did); a fresh database has no posts and nothing to do.
insert into settings (key, value, updated_at)
select 'posts.rejudge', '{"version": 1, "cursor": 0, "done": 0}'::jsonb, now()
where exists (select 1 from posts)
on conflict (key) do update
  set value = jsonb_build_object(
      'version', coalesce((settings.value ->> 'version')::int, 0) + 1,
      'cursor', 0,
      'done', coalesce((settings.value ->> 'done')::int, 0)),
    updated_at = excluded.updated_at;
