package dev.homefeed.projection.instances;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.homefeed.membership.Instances;
import dev.homefeed.projection.Projections;
import dev.homefeed.projection.lifecycle.TokenPositions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Spreads each projection's segments over the live instances. A tracking processor claims every segment it has a
 * thread for, so the first instance up holds them all; here an instance that holds more than its share
 * ({@code ceil(segments / live instances)}) while another holds less releases the surplus for a while, and the other
 * instance's idle thread claims it within its token claim interval. Claims, and so the hand-over, go through Axon's
 * token store: the token moves with the segment, committed with the projection's rows, so nothing is lost or applied
 * twice.
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    /**
     * Long enough for another instance's idle thread (1 s claim interval) to take the segment, short enough that a
     * segment handed to an instance that died meanwhile is taken back soon.
     */
    private static final long RELEASE_SECONDS = 3;

    private final Instances instances;
    private final EventProcessingConfiguration processing;
    private final TokenPositions tokens;
    private final Projections projections;

    SegmentBalancer(Instances instances, EventProcessingConfiguration processing, TokenPositions tokens,
                    Projections projections) {
        this.projections = projections;
        this.instances = instances;
        this.processing = processing;
        this.tokens = tokens;
    }

    @Scheduled(fixedDelayString = "${feed.instances.balance-interval:5s}")
    void balance() {
        // Only instances that renewed their lease just now: one that stopped renewing is likely dead.
        List<Instances.Instance> live = instances.responsive();
        if (live.size() < 2) {
            return;
        }
        for (String projection : projections.names()) {
            processing.eventProcessor(projection, StreamingEventProcessor.class)
                    .filter(StreamingEventProcessor::isRunning)
                    .ifPresent(processor -> balance(projection, processor, live));
        }
    }

    private void balance(String projection, StreamingEventProcessor processor, List<Instances.Instance> live) {
        List<TokenPositions.Segment> segments = tokens.segments(projection);
        int share = (segments.size() + live.size() - 1) / live.size();
        Map<String, Long> owned = segments.stream().filter(s -> s.owner() != null)
                .collect(Collectors.groupingBy(TokenPositions.Segment::owner, Collectors.counting()));
        boolean someoneShort = live.stream().anyMatch(i -> owned.getOrDefault(i.id(), 0L) < share);
        List<Integer> mine = segments.stream().filter(s -> instances.id().equals(s.owner()))
                .map(TokenPositions.Segment::segment).sorted((a, b) -> b - a).toList();
        if (!someoneShort || mine.size() <= share) {
            return;
        }
        for (int segment : mine.subList(0, mine.size() - share)) {
            log.info("Releasing segment {} of {}: this instance holds {} of {} with {} instances live", segment, projection,
                    mine.size(), segments.size(), live.size());
            processor.releaseSegment(segment, RELEASE_SECONDS, TimeUnit.SECONDS);
        }
    }
}
