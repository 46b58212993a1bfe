--liquibase formatted sql

--changeset feed:011-projection-rebuilds
--comment: Every rebuild of a projection and where it stands, so any instance can report it and a restart resumes it.
CREATE TABLE projection_rebuild (
    id                 BIGINT                   NOT NULL,
    projection         VARCHAR(64)              NOT NULL,
    generation         INTEGER                  NOT NULL,
    serving_generation INTEGER                  NOT NULL,
    state              VARCHAR(16)              NOT NULL,
    cutover            VARCHAR(8)               NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    start_position     BIGINT                   NOT NULL,
    -- Set once the rebuild processor's tokens were reset; until then the rebuild has not begun to build.
    reset_at           TIMESTAMP WITH TIME ZONE,
    caught_up_at       TIMESTAMP WITH TIME ZONE,
    switched_at        TIMESTAMP WITH TIME ZONE,
    comparison         TEXT,
    error              TEXT,
    CONSTRAINT projection_rebuild_pkey PRIMARY KEY (id),
    CONSTRAINT projection_rebuild_state CHECK (state IN ('BUILDING', 'COMPARING', 'READY', 'SWITCHED', 'ABANDONED', 'FAILED')),
    CONSTRAINT projection_rebuild_cutover CHECK (cutover IN ('auto', 'manual'))
);
-- At most one rebuild of a projection runs at a time, whichever instance asked for it.
CREATE UNIQUE INDEX projection_rebuild_one_running ON projection_rebuild (projection)
    WHERE state IN ('BUILDING', 'COMPARING', 'READY');
CREATE SEQUENCE projection_rebuild_seq INCREMENT BY 1;
--rollback DROP SEQUENCE projection_rebuild_seq; DROP TABLE projection_rebuild;
