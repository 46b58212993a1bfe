--liquibase formatted sql

--changeset feed:015-user-data-key
--comment: Each user's data key: personal data in their events (post text) is stored encrypted under it. Erasure sets
--comment: data_key to NULL (crypto-shredding) and keeps the row as a tombstone, so no key can be created again for an
--comment: erased user: creating one inserts ON CONFLICT DO NOTHING, and the erasure's upsert waits for a racing insert.
CREATE TABLE user_data_key (
    user_id     BIGINT                   NOT NULL,
    data_key    BYTEA,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    shredded_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT user_data_key_pkey PRIMARY KEY (user_id),
    CONSTRAINT user_data_key_shredded CHECK ((data_key IS NULL) = (shredded_at IS NOT NULL))
);
--rollback DROP TABLE user_data_key;

--changeset feed:015-user-erasure
--comment: One row per erased user, written in the erasure command's transaction. position is the global index of the
--comment: UserErasedEvent: the erasure is complete once every projection's processors have passed it. seq orders the
--comment: rows for the instances that poll for erasures made elsewhere.
CREATE TABLE user_erasure (
    user_id      BIGINT                   NOT NULL,
    seq          BIGSERIAL                NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE,
    position     BIGINT,
    posts        INTEGER                  NOT NULL,
    follows      INTEGER                  NOT NULL,
    CONSTRAINT user_erasure_pkey PRIMARY KEY (user_id)
);
CREATE UNIQUE INDEX user_erasure_seq_idx ON user_erasure (seq);
CREATE INDEX user_erasure_incomplete_idx ON user_erasure (user_id) WHERE completed_at IS NULL;
--rollback DROP TABLE user_erasure;

--changeset feed:015-plain-post-events
--comment: Post events stored before post text was encrypted (revision 1) are sealed in place by a one-off background
--comment: migration; this partial index finds the ones left, so the migration resumes where it stopped and an erasure
--comment: finds its user's plain events without reading the whole log. New events are revision 2 and never enter it.
CREATE INDEX domain_event_entry_plain_post_idx ON domain_event_entry (global_index)
    WHERE payload_revision = '1'
      AND payload_type IN ('dev.homefeed.command.api.post.PostPublishedEvent', 'dev.homefeed.command.api.post.PostEditedEvent');
--rollback DROP INDEX domain_event_entry_plain_post_idx;
