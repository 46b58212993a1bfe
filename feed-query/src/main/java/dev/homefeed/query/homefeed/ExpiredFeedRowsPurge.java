package dev.homefeed.query.homefeed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.homefeed.projection.generation.Generation;
import dev.homefeed.projection.generation.GenerationSql;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.query.api.ProjectionNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes home-feed rows that expiry already hides. There is no expiry event: reads filter on {@code expires_at}, and
 * this job only reclaims the space, so it never changes what a reader sees.
 * <p>
 * It also deletes expired posts from {@code home_feed_post}, the projection's copy used to backfill a new follower:
 * an expired post is invisible for good, so no later follow may need it. A redelivered or replayed
 * {@code PostPublishedEvent} puts such a post and its rows back (the projector never looks at the clock); they are
 * invisible, and the next run removes them again, so live processing and a replay still show the same feeds.
 * <p>
 * Rows are removed in bounded batches, each its own transaction. {@code SKIP LOCKED} leaves rows the projector is
 * writing to the next run, so the purge never waits on the projector and never deadlocks with it.
 */
@Component
public class ExpiredFeedRowsPurge {

    static final int BATCH_SIZE = 1_000;

    private static final Logger log = LoggerFactory.getLogger(ExpiredFeedRowsPurge.class);

    private final JdbcClient jdbc;
    private final ProjectionGenerations generations;
    private final Clock clock;
    private final Duration grace;

    /**
     * @param grace how long after expiry a row is kept: a reader whose clock is a little behind the purge's still
     *              finds what it expects
     */
    ExpiredFeedRowsPurge(JdbcClient jdbc, ProjectionGenerations generations, Clock clock,
                         @Value("${feed.home-feed.purge-grace:PT1M}") Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("feed.home-feed.purge-grace must not be negative, was " + grace);
        }
        this.jdbc = jdbc;
        this.generations = generations;
        this.clock = clock;
        this.grace = grace;
    }

    @Scheduled(initialDelayString = "${feed.home-feed.purge-interval:PT1M}",
            fixedDelayString = "${feed.home-feed.purge-interval:PT1M}")
    void purge() {
        purgeExpiredBefore(clock.instant().minus(grace));
    }

    /**
     * Deletes the feed rows and post copies that expired before {@code cutoff}, in every generation (a rebuilt one is
     * compared with the serving one, so both keep the same rows); returns how many rows went.
     */
    public int purgeExpiredBefore(Instant cutoff) {
        int feedRows = 0;
        int posts = 0;
        for (Generation generation : generations.of(ProjectionNames.HOME_FEED)) {
            feedRows += inBatches(GenerationSql.in(generation.schema(), """
                    DELETE FROM {g}.user_feed WHERE ctid IN (
                        SELECT ctid FROM {g}.user_feed WHERE expires_at < :cutoff
                        LIMIT :batch FOR UPDATE SKIP LOCKED)"""), cutoff);
            posts += inBatches(GenerationSql.in(generation.schema(), """
                    DELETE FROM {g}.home_feed_post WHERE ctid IN (
                        SELECT ctid FROM {g}.home_feed_post WHERE expires_at < :cutoff
                        LIMIT :batch FOR UPDATE SKIP LOCKED)"""), cutoff);
        }
        if (feedRows + posts > 0) {
            log.info("Purged {} feed rows and {} posts that expired before {}", feedRows, posts, cutoff);
        }
        return feedRows + posts;
    }

    private int inBatches(String sql, Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            // No surrounding transaction: each statement commits on its own and holds its locks only briefly.
            deleted = jdbc.sql(sql).param("cutoff", SqlArrays.ts(cutoff)).param("batch", BATCH_SIZE).update();
            total += deleted;
        } while (deleted == BATCH_SIZE);
        return total;
    }
}
