--liquibase formatted sql

--changeset feed:006-home-feed-projection
--comment: The seed's derived read model. Every value comes from events: no now() defaults.
CREATE TABLE user_feed (
    viewer_id    BIGINT                   NOT NULL,
    post_id      BIGINT                   NOT NULL,
    author_id    BIGINT                   NOT NULL,
    post_preview TEXT,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT user_feed_pkey PRIMARY KEY (viewer_id, created_at, post_id)
);
-- Unfollow removes one author's rows from one viewer's feed.
CREATE INDEX user_feed_author_idx ON user_feed (viewer_id, author_id, created_at DESC);
-- Delete and edit reach every feed that holds a post.
CREATE INDEX user_feed_post_idx ON user_feed (post_id);

-- The home-feed projection's own copies of the source: it never reads the command side or another projector.
CREATE TABLE home_feed_follower (
    followee_id BIGINT NOT NULL,
    follower_id BIGINT NOT NULL,
    CONSTRAINT home_feed_follower_pkey PRIMARY KEY (followee_id, follower_id)
);
-- Every post the projection has seen, deleted ones as tombstones so that a redelivered publish or a later follow
-- never brings a deleted post back.
CREATE TABLE home_feed_post (
    post_id    BIGINT                   NOT NULL,
    author_id  BIGINT                   NOT NULL,
    text       TEXT,
    version    BIGINT                   NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    deleted    BOOLEAN                  NOT NULL,
    CONSTRAINT home_feed_post_pkey PRIMARY KEY (post_id)
);
CREATE INDEX home_feed_post_author_idx ON home_feed_post (author_id, created_at DESC) WHERE NOT deleted;

CREATE TABLE feed_cursor (
    viewer_id         BIGINT                   NOT NULL,
    last_seen_post_id BIGINT,
    last_seen_at      TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT feed_cursor_pkey PRIMARY KEY (viewer_id)
);
--rollback DROP TABLE feed_cursor; DROP TABLE home_feed_post; DROP TABLE home_feed_follower; DROP TABLE user_feed;
