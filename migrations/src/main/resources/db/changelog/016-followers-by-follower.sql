--liquibase formatted sql

--changeset feed:016-home-feed-follower-by-follower splitStatements:false
--comment: The window keeper writes a reader's window from the authors they follow: without this index each window
--comment: read all of home_feed_follower (its key leads with the followee), which made materializing 2,000 windows take
--comment: minutes under load and kept returning readers on source truth meanwhile. Erasure finds a user's follows by it too.
CREATE INDEX home_feed_follower_follower_idx ON home_feed_template.home_feed_follower (follower_id, followee_id);
DO $$
DECLARE
    g RECORD;
BEGIN
    FOR g IN SELECT generation FROM projection_generation WHERE projection = 'home-feed' LOOP
        EXECUTE format('CREATE INDEX home_feed_follower_follower_idx ON home_feed_g%s.home_feed_follower (follower_id, followee_id)',
                       g.generation);
    END LOOP;
END
$$;
--rollback DROP INDEX home_feed_template.home_feed_follower_follower_idx;
