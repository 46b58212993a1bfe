--liquibase formatted sql

--changeset feed:008-hybrid-fan-out
--comment: Hybrid push/pull. Authors with more followers than the threshold are not fanned out; a feed read merges their
--comment: recent posts from home_feed_post with the viewer's user_feed rows under the same keyset.
CREATE TABLE home_feed_author (
    author_id BIGINT  NOT NULL,
    followers INTEGER NOT NULL,
    pulled    BOOLEAN NOT NULL,
    CONSTRAINT home_feed_author_pkey PRIMARY KEY (author_id)
);
-- Pulled authors are few: a read finds the ones its viewer follows without scanning every author.
CREATE INDEX home_feed_author_pulled_idx ON home_feed_author (author_id) WHERE pulled;
-- A pulled author's page: a backward range scan under the same keyset as user_feed.
DROP INDEX home_feed_post_author_idx;
CREATE INDEX home_feed_post_author_idx ON home_feed_post (author_id, created_at DESC, post_id DESC) WHERE NOT deleted;
--rollback DROP INDEX home_feed_post_author_idx; CREATE INDEX home_feed_post_author_idx ON home_feed_post (author_id, created_at DESC) WHERE NOT deleted; DROP TABLE home_feed_author;
