--liquibase formatted sql

--changeset feed:012-posts-by-author
--comment: The command side's current value of every live post, written in the post command's own transaction (the
--comment: seeds' current-value entity). Reconciliation computes each feed from it and from following, never from a
--comment: projection. Deleted posts leave; expired ones stay, as the aggregate keeps them.
CREATE TABLE post_by_author (
    post_id    BIGINT                   NOT NULL,
    author_id  BIGINT                   NOT NULL,
    text       TEXT                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT post_by_author_pkey PRIMARY KEY (post_id)
);
CREATE INDEX post_by_author_author_idx ON post_by_author (author_id, created_at DESC, post_id DESC);
-- Posts published before this table existed, as their events tell: the latest edit's text, deleted ones left out.
WITH events AS (
         SELECT payload_type, convert_from(payload, 'UTF8')::jsonb AS e FROM domain_event_entry
         WHERE payload_type LIKE 'dev.homefeed.command.api.post.Post%Event'),
     published AS (
         SELECT (e -> 'postId' ->> 'value')::bigint AS post_id, (e -> 'authorId' ->> 'value')::bigint AS author_id,
                e ->> 'text' AS text, (e ->> 'createdAt')::timestamptz AS created_at,
                (e ->> 'expiresAt')::timestamptz AS expires_at
         FROM events WHERE payload_type LIKE '%.PostPublishedEvent'),
     edited AS (
         SELECT DISTINCT ON (post_id) post_id, text FROM (
             SELECT (e -> 'postId' ->> 'value')::bigint AS post_id, e ->> 'text' AS text, (e ->> 'version')::bigint AS version
             FROM events WHERE payload_type LIKE '%.PostEditedEvent') x
         ORDER BY post_id, version DESC),
     deleted AS (
         SELECT (e -> 'postId' ->> 'value')::bigint AS post_id FROM events WHERE payload_type LIKE '%.PostDeletedEvent')
INSERT INTO post_by_author (post_id, author_id, text, created_at, expires_at)
SELECT p.post_id, p.author_id, coalesce(ed.text, p.text), p.created_at, p.expires_at
FROM published p LEFT JOIN edited ed USING (post_id)
WHERE p.post_id NOT IN (SELECT post_id FROM deleted);
--rollback DROP TABLE post_by_author;
