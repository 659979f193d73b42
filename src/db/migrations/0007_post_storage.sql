-- Search reads posts.search (with relevant, duplicate_of and posted_at) for up to a thousand rows
-- per query, the body and its segmented copy only for the twenty rows shown. Storage 'main' keeps
-- the tsvector in the row, compressed, so the long texts are the ones moved out of line: a search
-- touches one page per post instead of a TOAST lookup. Applies to rows written from now on.
alter table posts alter column search set storage main;
