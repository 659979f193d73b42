-- The sudden event a hot topic's posts report (src/nlp/topics/events.ts): its kinds, the places
-- named, a few characters of its posts and its first and last post times. Short posts on one fire
-- share too few words for the cosine; with this, they join the fire's topic, and a fire in another
-- village the same night stays apart. Null for a topic whose posts report no event.
alter table topics add column event jsonb;
