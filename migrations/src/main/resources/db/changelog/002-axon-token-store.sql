--liquibase formatted sql

--changeset feed:002-axon-token-store
--comment: Tracking tokens; bytea because every token update would otherwise leave a dead large object behind.
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255) NOT NULL,
    owner          VARCHAR(255),
    CONSTRAINT token_entry_pkey PRIMARY KEY (processor_name, segment)
);
--rollback DROP TABLE token_entry;
