-- 研判 (0023) began with every post unmarked, so an installation upgraded past it showed every post
-- it had ever collected as 待研判: tens of thousands on the monitor's 工作台, under 我的待办 and in
-- the daily report's 此前待研判, burying the morning's few. Posts collected before 0023 was
-- applied were read the way of their time; they count as 已阅 from then, marked by nobody
-- (reviewed_by stays null). On a new installation no post is older than 0023: nothing changes.
update posts set review = 'read', reviewed_at = m.applied_at
from schema_migrations m
where m.version = 23 and posts.review is null and posts.created_at < m.applied_at;
