-- posts.search now also holds every two-character piece of each run of Han characters
-- (searchDocument in src/ingest/segment.ts), so that 学校 finds 中心学校. The pieces are made in
-- JavaScript: existing posts are indexed again by the posts.rejudge job, in chunks, which this
-- sets going as a dictionary change does (a fresh database has no posts and nothing to do).
insert into settings (key, value, updated_at)
select 'posts.rejudge', '{"version": 1, "cursor": 0, "done": 0}'::jsonb, now()
where exists (select 1 from posts)
on conflict (key) do update
  set value = jsonb_build_object(
      'version', coalesce((settings.value ->> 'version')::int, 0) + 1,
      'cursor', 0,
      'done', coalesce((settings.value ->> 'done')::int, 0)),
    updated_at = excluded.updated_at;
