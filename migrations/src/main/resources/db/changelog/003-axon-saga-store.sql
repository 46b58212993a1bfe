--liquibase formatted sql

--changeset feed:003-axon-saga-store
--comment: No sagas exist, but Axon's JPA auto-configuration always registers the saga entities, so validation needs them.
-- INCREMENT BY 50 must match Hibernate's default allocation size for this sequence.
CREATE SEQUENCE association_value_entry_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE saga_entry (
    saga_id         VARCHAR(255) NOT NULL,
    revision        VARCHAR(255),
    saga_type       VARCHAR(255),
    serialized_saga BYTEA,
    CONSTRAINT saga_entry_pkey PRIMARY KEY (saga_id)
);
CREATE TABLE association_value_entry (
    id                BIGINT       NOT NULL,
    association_key   VARCHAR(255) NOT NULL,
    association_value VARCHAR(255),
    saga_id           VARCHAR(255) NOT NULL,
    saga_type         VARCHAR(255),
    CONSTRAINT association_value_entry_pkey PRIMARY KEY (id)
);
CREATE INDEX association_value_entry_type_key_value_idx ON association_value_entry (saga_type, association_key, association_value);
CREATE INDEX association_value_entry_id_type_idx ON association_value_entry (saga_id, saga_type);
--rollback DROP TABLE association_value_entry; DROP TABLE saga_entry; DROP SEQUENCE association_value_entry_seq;
