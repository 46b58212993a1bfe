--liquibase formatted sql

--changeset feed:005-command-side-lookups
--comment: Tables the command side owns and writes in the command's own transaction (not projections).
-- Idempotency-Key of POST /api/v1/posts: unique per author and key, so racing duplicates serialize on the key.
CREATE TABLE post_idempotency_key (
    author_id       BIGINT                   NOT NULL,
    idempotency_key VARCHAR(100)             NOT NULL,
    post_id         BIGINT                   NOT NULL,
    request_hash    VARCHAR(64)              NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT post_idempotency_key_pkey PRIMARY KEY (author_id, idempotency_key)
);
CREATE INDEX post_idempotency_key_created_at_idx ON post_idempotency_key (created_at);

-- Time the post-id generator has reserved ahead, so ids never go backwards across restarts.
CREATE TABLE post_id_reservation (
    node_id               INTEGER NOT NULL,
    reserved_until_millis BIGINT  NOT NULL,
    CONSTRAINT post_id_reservation_pkey PRIMARY KEY (node_id)
);

-- Whom each user follows, kept in the follow commands' transaction: GET /api/v1/following is immediately consistent.
CREATE TABLE following (
    follower_id BIGINT                   NOT NULL,
    followee_id BIGINT                   NOT NULL,
    followed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT following_pkey PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX following_page_idx ON following (follower_id, followed_at DESC, followee_id DESC);
--rollback DROP TABLE following; DROP TABLE post_id_reservation; DROP TABLE post_idempotency_key;
