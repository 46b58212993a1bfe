--liquibase formatted sql

--changeset feed:014-feed-viewer-activity
--comment: When each viewer last read their home feed, recorded by the reads at most about once a minute. Not part of
--comment: a projection generation: it is no event's consequence, so a replay or a rebuild keeps it.
CREATE TABLE feed_viewer_activity (
    viewer_id    BIGINT                   NOT NULL,
    last_read_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT feed_viewer_activity_pkey PRIMARY KEY (viewer_id)
);
CREATE INDEX feed_viewer_activity_last_read_idx ON feed_viewer_activity (last_read_at);
--rollback DROP TABLE feed_viewer_activity;

--changeset feed:014-home-feed-viewer splitStatements:false
--comment: The viewers whose window a home-feed generation keeps. user_feed holds every row of such a viewer's feed
--comment: (but the pulled authors' posts) with a key at or above the floor (created_at, post_id), at most the window;
--comment: '-infinity' means all of it, 'infinity' a window waiting to be materialized. A viewer without a row has no
--comment: rows: reads answer from source truth. stored counts the rows, so the projector knows when to trim.
CREATE TABLE home_feed_template.home_feed_viewer (
    viewer_id BIGINT                   NOT NULL,
    floor_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    floor_id  BIGINT                   NOT NULL,
    stored    INTEGER                  NOT NULL,
    CONSTRAINT home_feed_viewer_pkey PRIMARY KEY (viewer_id)
);
CREATE INDEX home_feed_viewer_pending_idx ON home_feed_template.home_feed_viewer (viewer_id) WHERE floor_at = 'infinity';
-- Every existing generation gets the table; the viewers it already holds rows for keep all of them (floor
-- '-infinity') and count as active from now on, so an upgrade changes no read. Windows are trimmed as posts arrive.
DO $$
DECLARE
    g RECORD;
BEGIN
    FOR g IN SELECT generation, role FROM projection_generation WHERE projection = 'home-feed' LOOP
        EXECUTE format('CREATE TABLE home_feed_g%s.home_feed_viewer (LIKE home_feed_template.home_feed_viewer INCLUDING ALL)', g.generation);
        EXECUTE format('INSERT INTO home_feed_g%1$s.home_feed_viewer (viewer_id, floor_at, floor_id, stored)
                        SELECT viewer_id, ''-infinity'', 0, count(*) FROM home_feed_g%1$s.user_feed GROUP BY viewer_id', g.generation);
        IF g.role = 'SERVING' THEN
            EXECUTE format('CREATE VIEW public.home_feed_viewer AS SELECT * FROM home_feed_g%s.home_feed_viewer', g.generation);
            EXECUTE format('INSERT INTO feed_viewer_activity (viewer_id, last_read_at)
                            SELECT viewer_id, now() FROM home_feed_g%s.home_feed_viewer', g.generation);
        END IF;
    END LOOP;
END
$$;
--rollback DROP VIEW IF EXISTS public.home_feed_viewer; DROP TABLE home_feed_template.home_feed_viewer;
