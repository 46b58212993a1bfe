--liquibase formatted sql

--changeset feed:009-user-feed-fewer-indexes
--comment: Every fanned-out row paid for two indexes besides the primary key, measured at more than half the cost of
--comment: inserting it. Unfollows now find the author's rows in the viewer's own feed through the primary key (a
--comment: few hundred rows); edits and deletes find a post's rows by primary key in the feeds that can hold it (its
--comment: author's and its author's followers').
DROP INDEX user_feed_author_idx;
DROP INDEX user_feed_post_idx;
--rollback CREATE INDEX user_feed_author_idx ON user_feed (viewer_id, author_id, created_at DESC); CREATE INDEX user_feed_post_idx ON user_feed (post_id);
