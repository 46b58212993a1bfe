package dev.homefeed.projection;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How one projection's processors run, {@code feed.projections.processors.<name>.*}; its rebuild twin runs the same.
 * Segment counts apply when a group's tokens are first created.
 *
 * @param segments           how many parts the stream is split into, by the projection's sequencing policy
 * @param threads            threads of this instance for them (each claims a segment)
 * @param batchSize          events per transaction: projectors write a batch in a few set-based statements
 * @param tokenClaimInterval how often a thread without a segment looks for an unclaimed one
 */
public record ProcessorSettings(@DefaultValue("1") int segments, @DefaultValue("1") int threads,
                                @DefaultValue("100") int batchSize, @DefaultValue("1s") Duration tokenClaimInterval) {

    static final ProcessorSettings DEFAULTS = new ProcessorSettings(1, 1, 100, Duration.ofSeconds(1));

    public ProcessorSettings {
        if (segments < 1 || threads < 1 || batchSize < 1 || tokenClaimInterval.isNegative() || tokenClaimInterval.isZero()) {
            throw new IllegalArgumentException("feed.projections.processors: segments, threads and batch-size must be at "
                    + "least 1 and token-claim-interval positive, was " + segments + ", " + threads + ", " + batchSize
                    + ", " + tokenClaimInterval);
        }
    }
}
