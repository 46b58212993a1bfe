--liquibase formatted sql

--changeset feed:004-axon-dead-letter-queue
--comment: Axon's sequenced dead-letter queue (JPA), one per processing group.
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)             NOT NULL,
    processing_group     VARCHAR(255)             NOT NULL,
    sequence_identifier  VARCHAR(255)             NOT NULL,
    sequence_index       BIGINT                   NOT NULL,
    message_type         VARCHAR(255)             NOT NULL,
    event_identifier     VARCHAR(255)             NOT NULL,
    time_stamp           VARCHAR(255)             NOT NULL,
    payload_type         VARCHAR(255)             NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA                    NOT NULL,
    meta_data            BYTEA,
    type                 VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_touched         TIMESTAMP WITH TIME ZONE,
    processing_started   TIMESTAMP WITH TIME ZONE,
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT dead_letter_entry_pkey PRIMARY KEY (dead_letter_id),
    CONSTRAINT dead_letter_entry_group_seq_index_key UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_group_idx ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_group_seq_idx ON dead_letter_entry (processing_group, sequence_identifier);
--rollback DROP TABLE dead_letter_entry;
