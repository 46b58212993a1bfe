--liquibase formatted sql

--changeset feed:010-projection-generations
--comment: Blue/green generations. Each projection's tables live in a schema per generation (home_feed_g1, ...),
--comment: cloned from a template schema that Liquibase owns; public views name the serving generation, so readers
--comment: and operators keep writing user_feed and feed_cursor, and a switch replaces the views in one transaction.
CREATE SCHEMA home_feed_template;
CREATE TABLE home_feed_template.user_feed (LIKE public.user_feed INCLUDING ALL);
CREATE TABLE home_feed_template.home_feed_post (LIKE public.home_feed_post INCLUDING ALL);
CREATE TABLE home_feed_template.home_feed_follower (LIKE public.home_feed_follower INCLUDING ALL);
CREATE TABLE home_feed_template.home_feed_author (LIKE public.home_feed_author INCLUDING ALL);
CREATE SCHEMA read_marker_template;
CREATE TABLE read_marker_template.feed_cursor (LIKE public.feed_cursor INCLUDING ALL);

-- The tables as they stand become generation 1, rows and indexes included.
CREATE SCHEMA home_feed_g1;
ALTER TABLE public.user_feed SET SCHEMA home_feed_g1;
ALTER TABLE public.home_feed_post SET SCHEMA home_feed_g1;
ALTER TABLE public.home_feed_follower SET SCHEMA home_feed_g1;
ALTER TABLE public.home_feed_author SET SCHEMA home_feed_g1;
CREATE SCHEMA read_marker_g1;
ALTER TABLE public.feed_cursor SET SCHEMA read_marker_g1;

CREATE VIEW public.user_feed AS SELECT * FROM home_feed_g1.user_feed;
CREATE VIEW public.home_feed_post AS SELECT * FROM home_feed_g1.home_feed_post;
CREATE VIEW public.home_feed_follower AS SELECT * FROM home_feed_g1.home_feed_follower;
CREATE VIEW public.home_feed_author AS SELECT * FROM home_feed_g1.home_feed_author;
CREATE VIEW public.feed_cursor AS SELECT * FROM read_marker_g1.feed_cursor;

-- Which generations exist and what each is for. SERVING: the views name it; REBUILDING: filled by the projection's
-- rebuild processor; SHADOW: written in lockstep by the serving processor (a rebuilt one before the switch, the
-- previous one after it until retained_until). A projection has exactly one SERVING generation.
CREATE TABLE projection_generation (
    projection     VARCHAR(64)              NOT NULL,
    generation     INTEGER                  NOT NULL,
    role           VARCHAR(16)              NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    retained_until TIMESTAMP WITH TIME ZONE,
    CONSTRAINT projection_generation_pkey PRIMARY KEY (projection, generation),
    CONSTRAINT projection_generation_role CHECK (role IN ('SERVING', 'REBUILDING', 'SHADOW'))
);
CREATE UNIQUE INDEX projection_generation_one_serving ON projection_generation (projection) WHERE role = 'SERVING';
INSERT INTO projection_generation (projection, generation, role, created_at)
VALUES ('home-feed', 1, 'SERVING', now()), ('read-marker', 1, 'SERVING', now());
--rollback DROP TABLE projection_generation; DROP VIEW public.feed_cursor; DROP VIEW public.home_feed_author; DROP VIEW public.home_feed_follower; DROP VIEW public.home_feed_post; DROP VIEW public.user_feed; ALTER TABLE read_marker_g1.feed_cursor SET SCHEMA public; ALTER TABLE home_feed_g1.home_feed_author SET SCHEMA public; ALTER TABLE home_feed_g1.home_feed_follower SET SCHEMA public; ALTER TABLE home_feed_g1.home_feed_post SET SCHEMA public; ALTER TABLE home_feed_g1.user_feed SET SCHEMA public; DROP SCHEMA read_marker_g1; DROP SCHEMA home_feed_g1; DROP SCHEMA read_marker_template CASCADE; DROP SCHEMA home_feed_template CASCADE;
