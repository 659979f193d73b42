-- Topics merged into another by the topics analyser (issue 5): the absorbed topic's row goes, its
-- posts, incidents and briefs move to the survivor. A link to the absorbed topic (a bookmark, a page
-- opened before the merge, an id written in a brief's text) should still lead somewhere: this says
-- where. A survivor absorbed later takes its merges with it.
create table topic_merges (
  absorbed_id bigint primary key,
  survivor_id bigint not null references topics (id) on delete cascade deferrable initially immediate,
  merged_at timestamptz not null
);

create index topic_merges_survivor on topic_merges (survivor_id);
