-- The seed's tables: posts and follows are source truth, user_feed the feed fanned out on write.
CREATE TABLE IF NOT EXISTS posts (
    post_id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    author_id  BIGINT      NOT NULL,
    text       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS posts_author_idx ON posts (author_id, created_at DESC);
CREATE TABLE IF NOT EXISTS follows (
    follower_id BIGINT NOT NULL,
    followee_id BIGINT NOT NULL,
    PRIMARY KEY (followee_id, follower_id)
);
CREATE TABLE IF NOT EXISTS user_feed (
    viewer_id    BIGINT      NOT NULL,
    post_id      BIGINT      NOT NULL,
    author_id    BIGINT      NOT NULL,
    post_preview TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ,
    PRIMARY KEY (viewer_id, created_at, post_id)
);
