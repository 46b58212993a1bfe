--liquibase formatted sql

--changeset feed:007-expired-feed-rows
--comment: The expired-rows purge finds its rows without scanning the whole feed; only expiring rows are indexed.
CREATE INDEX user_feed_expires_idx ON user_feed (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX home_feed_post_expires_idx ON home_feed_post (expires_at) WHERE expires_at IS NOT NULL;
--rollback DROP INDEX home_feed_post_expires_idx; DROP INDEX user_feed_expires_idx;
