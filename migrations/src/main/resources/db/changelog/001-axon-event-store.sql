--liquibase formatted sql

--changeset feed:001-axon-event-store
--comment: Axon's JPA event store. Payloads are bytea, not OID large objects (AxonFramework #1351).
-- INCREMENT BY 1 matches META-INF/orm.xml: larger blocks make events visible out of order (AxonFramework #3374).
CREATE SEQUENCE domain_event_entry_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE domain_event_entry (
    global_index         BIGINT       NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    CONSTRAINT domain_event_entry_pkey PRIMARY KEY (global_index),
    -- Axon's RDBMS tuning guide: unique (aggregateIdentifier, sequenceNumber) and unique eventIdentifier
    CONSTRAINT domain_event_entry_aggregate_identifier_sequence_number_key UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT domain_event_entry_event_identifier_key UNIQUE (event_identifier)
);
-- The tuning guide's snapshot index on aggregateIdentifier is the primary key's leading column.
CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    CONSTRAINT snapshot_event_entry_pkey PRIMARY KEY (aggregate_identifier, sequence_number, type),
    CONSTRAINT snapshot_event_entry_event_identifier_key UNIQUE (event_identifier)
);
--rollback DROP TABLE snapshot_event_entry; DROP TABLE domain_event_entry; DROP SEQUENCE domain_event_entry_seq;
