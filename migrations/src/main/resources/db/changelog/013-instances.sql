--liquibase formatted sql

--changeset feed:013-instances
--comment: The running instances of the service and the Snowflake node id each leased at start. A lease is renewed
--comment: every few seconds and counts as dead once last_seen is older than the lease expiry; the unique node_id
--comment: keeps two live instances from ever issuing post ids under the same node.
CREATE TABLE feed_instance (
    id         VARCHAR(128)             NOT NULL,
    node_id    INTEGER                  NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT feed_instance_pkey PRIMARY KEY (id),
    CONSTRAINT feed_instance_node_id_key UNIQUE (node_id),
    CONSTRAINT feed_instance_node_id_range CHECK (node_id BETWEEN 0 AND 1023)
);
--rollback DROP TABLE feed_instance;

--changeset feed:013-processor-pauses
--comment: An instance that must stop a processing group on every instance (a replay's token reset, a rebuild's
--comment: hand-over to lockstep) writes a row here; every instance shuts its part of that group down while the row
--comment: exists, which releases its token claims, and starts it again when the row is gone.
CREATE TABLE processor_pause (
    processor_name VARCHAR(255)             NOT NULL,
    requested_by   VARCHAR(128)             NOT NULL,
    requested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    reason         VARCHAR(64)              NOT NULL,
    CONSTRAINT processor_pause_pkey PRIMARY KEY (processor_name)
);
--rollback DROP TABLE processor_pause;

--changeset feed:013-rebuild-driver
--comment: The instance that moves a rebuild along; another one takes it over when that instance's lease is dead.
ALTER TABLE projection_rebuild ADD COLUMN driver VARCHAR(128);
--rollback ALTER TABLE projection_rebuild DROP COLUMN driver;

--changeset feed:013-service-secrets
--comment: Generated signing keys shared by every instance (the cursor key when FEED_CURSOR_SECRET is not set), so a
--comment: cursor issued by one instance is valid on another.
CREATE TABLE service_secret (
    name       VARCHAR(64)              NOT NULL,
    value      VARCHAR(256)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT service_secret_pkey PRIMARY KEY (name)
);
--rollback DROP TABLE service_secret;
